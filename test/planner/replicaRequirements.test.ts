import { describe, expect, it } from "vitest";
import {
  computeReplicaRequirements,
  DecodeInterpolator,
  PrefillInterpolator,
  type ReplicaInputs,
} from "../../src/planner/index.ts";
import { makeFlatDecode, makeFlatPrefill } from "./makeProfile.ts";

// Flat profiles make every term computable by hand: prefill serves 10,000 tokens/s per GPU at
// any ISL; decode reaches 5,000 output tokens/s per GPU at 5 ms ITL everywhere.
const prefill = new PrefillInterpolator(makeFlatPrefill(0.05, 10_000));
const decode = new DecodeInterpolator(makeFlatDecode(0.005, 5_000));

function inputs(overrides: Partial<ReplicaInputs> = {}): ReplicaInputs {
  return {
    numReq: 600,
    islTokens: 1000,
    oslTokens: 100,
    intervalS: 60,
    prefillCorrection: 1,
    decodeCorrection: 1,
    itlTargetS: 0.01,
    maxGpuBudget: 100,
    minEndpoint: 1,
    prefillEngineNumGpu: 1,
    decodeEngineNumGpu: 1,
    ...overrides,
  };
}

describe("computeReplicaRequirements", () => {
  it("sizes prefill as ceil(requests × ISL / interval / capacity per GPU / GPUs per engine)", () => {
    // 1,500 × 1,000 / 60 = 25,000 tokens/s; ÷ 10,000 = 2.5 → 3 replicas.
    const r = computeReplicaRequirements(inputs({ numReq: 1500 }), prefill, decode);
    expect(r.prefillTokensPerS).toBe(25_000);
    expect(r.rawPrefill).toBe(3);
    // With 2 GPUs per engine: 2.5 / 2 = 1.25 → 2.
    const wide = computeReplicaRequirements(
      inputs({ numReq: 1500, prefillEngineNumGpu: 2 }),
      prefill,
      decode,
    );
    expect(wide.rawPrefill).toBe(2);
  });

  it("lets a prefill correction below 1 lower prefill but never one above 1 raise it", () => {
    const lower = computeReplicaRequirements(
      inputs({ numReq: 1500, prefillCorrection: 0.5 }),
      prefill,
      decode,
    );
    expect(lower.prefillTokensPerS).toBe(12_500);
    expect(lower.rawPrefill).toBe(2);
    const higher = computeReplicaRequirements(
      inputs({ numReq: 1500, prefillCorrection: 3 }),
      prefill,
      decode,
    );
    expect(higher.rawPrefill).toBe(3);
  });

  it("sizes decode as ceil(requests × OSL / interval / best throughput per GPU)", () => {
    // 6,000 × 100 / 60 = 10,000 output tokens/s; ÷ 5,000 = 2 exactly.
    const r = computeReplicaRequirements(inputs({ numReq: 6000 }), prefill, decode);
    expect(r.decodeTokensPerS).toBe(10_000);
    expect(r.decodeTokensPerSPerGpu).toBe(5_000);
    expect(r.rawDecode).toBe(2);
  });

  it("divides the ITL target by the decode correction, and ignores a correction ≤ 0", () => {
    const halved = computeReplicaRequirements(inputs({ decodeCorrection: 2 }), prefill, decode);
    expect(halved.correctedItlS).toBe(0.005);
    const ignored = computeReplicaRequirements(inputs({ decodeCorrection: 0 }), prefill, decode);
    expect(ignored.correctedItlS).toBe(0.01);
    expect(ignored.itlCorrectionIgnored).toBe(true);
  });

  it("raises both roles to the minimum endpoints", () => {
    const r = computeReplicaRequirements(inputs({ numReq: 1, minEndpoint: 2 }), prefill, decode);
    expect([r.rawPrefill, r.rawDecode]).toEqual([1, 1]);
    expect([r.numPrefill, r.numDecode]).toEqual([2, 2]);
  });

  it("shrinks prefill proportionally over budget and gives decode the GPUs left", () => {
    // Prefill 5 (50,000 tokens/s), decode 4 (20,000 tokens/s): 9 GPUs over a budget of 8.
    // Scale 8/9: prefill round(4.44) = 4; decode round((8 − 4) / 1) = 4.
    const r = computeReplicaRequirements(
      inputs({ numReq: 3000, oslTokens: 400, maxGpuBudget: 8 }),
      prefill,
      decode,
    );
    expect([r.flooredPrefill, r.flooredDecode]).toEqual([5, 4]);
    expect(r.budgetApplied).toBe(true);
    expect([r.numPrefill, r.numDecode]).toEqual([4, 4]);
    expect(r.overBudget).toBeNull();
  });

  it("rounds the shrunk prefill half to even, as Python does", () => {
    // Prefill 5, decode 3 under a budget of 4: scale 0.5, prefill round(2.5) = 2, decode 2.
    const r = computeReplicaRequirements(
      inputs({ numReq: 3000, oslTokens: 300, maxGpuBudget: 4 }),
      prefill,
      decode,
    );
    expect([r.flooredPrefill, r.flooredDecode]).toEqual([5, 3]);
    expect([r.numPrefill, r.numDecode]).toEqual([2, 2]);
  });

  it("lets the minimum endpoints win over the budget, and says so", () => {
    const r = computeReplicaRequirements(
      inputs({ numReq: 3000, maxGpuBudget: 1, minEndpoint: 1 }),
      prefill,
      decode,
    );
    expect([r.numPrefill, r.numDecode]).toEqual([1, 1]);
    expect(r.gpusAllocated).toBe(2);
    expect(r.overBudget).toBe("minimum-endpoints");
  });

  it("reports when v0.4's rounding of decode's share overshoots the budget", () => {
    // Prefill 1 (600 requests, ISL 1,000: 10,000 tokens/s), decode 10 engines of 2 GPUs
    // (600 × 10,000 / 60 = 100,000 tokens/s ÷ 5,000 ÷ 2): 21 GPUs over a budget of 16.
    // Scale 16/21: prefill round(0.76) = 1; decode round((16 − 1) / 2 = 7.5) = 8, the even
    // neighbour above: 1 + 16 = 17 GPUs, one over, although the minimums need only 3.
    const r = computeReplicaRequirements(
      inputs({ oslTokens: 10_000, maxGpuBudget: 16, decodeEngineNumGpu: 2 }),
      prefill,
      decode,
    );
    expect([r.flooredPrefill, r.flooredDecode]).toEqual([1, 10]);
    expect([r.numPrefill, r.numDecode]).toEqual([1, 8]);
    expect(r.gpusAllocated).toBe(17);
    expect(r.overBudget).toBe("rounding");
  });
});
