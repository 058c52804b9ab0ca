// The decision panel's labels for Dynamo's replica terms, in place of the record's keys.
import { describe, expect, it } from "vitest";
import type { ReplicaRequirements } from "../../src/planner/replicaRequirements.ts";
import { replicaTermLabel } from "../../ui/components/replicaTermLabels.ts";

/** A decision's replica terms; the type makes it list every term the planner records. */
function makeReplicaRequirements(): ReplicaRequirements {
  return {
    prefillTokensPerS: 1000,
    prefillTokensPerSPerGpu: 5000,
    correctedItlS: 0.01,
    decodeTokensPerS: 800,
    decodeTokensPerSPerGpu: 400,
    rawPrefill: 1,
    rawDecode: 2,
    flooredPrefill: 1,
    flooredDecode: 2,
    gpusRequired: 3,
    numPrefill: 1,
    numDecode: 2,
    budgetApplied: false,
    gpusAllocated: 3,
    overBudget: null,
    itlCorrectionIgnored: false,
  };
}

describe("replicaTermLabel(key)", () => {
  it("labels every term the planner records, each differently", () => {
    const labels = Object.keys(makeReplicaRequirements()).map(replicaTermLabel);
    for (const [i, key] of Object.keys(makeReplicaRequirements()).entries()) {
      expect(labels[i], key).not.toBe(key);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("says what a term means and its unit", () => {
    expect(replicaTermLabel("prefillTokensPerS")).toBe("Prefill tokens/s to serve");
    expect(replicaTermLabel("correctedItlS")).toBe("Corrected ITL target (s)");
    expect(replicaTermLabel("overBudget")).toBe("Over the budget because of");
  });

  it("shows a term it does not know by its key", () => {
    expect(replicaTermLabel("someNewTerm")).toBe("someNewTerm");
  });
});
