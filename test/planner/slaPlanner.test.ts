import { describe, expect, it } from "vitest";
import { type PlannerConfig, type SlaPlanner } from "../../src/planner/index.ts";
import { makeBusyObservation, makeFlatPlanner } from "./makeProfile.ts";

// Flat profiles: 50 ms TTFT and 10,000 tokens/s per GPU for prefill at any ISL; 5 ms ITL and
// 5,000 tokens/s per GPU for decode everywhere. These tests pin Dynamo v0.4's behaviour.
function makePlanner(overrides: Partial<PlannerConfig> = {}): SlaPlanner {
  return makeFlatPlanner("dynamo-0.4", overrides);
}

const makeObservation = makeBusyObservation;

describe("SlaPlanner.adjust in dynamo-0.4 mode", () => {
  it("logs Dynamo's lines, in Dynamo's order and wording", () => {
    const decision = makePlanner().adjust(makeObservation());
    expect(decision.log.filter((l) => l.level !== "debug").map((l) => l.message)).toEqual([
      "New adjustment interval started!",
      "Observed num_req: 600.00 isl: 1000.00 osl: 100.00",
      "Observed ttft: 0.100s itl: 0.010s",
      "Number of prefill workers: 1, number of decode workers: 2",
      "Correction factors: TTFT: 2.000, ITL: 2.000",
      "Predicted load: num_req=600.00, isl=1000.00, osl=100.00",
      "Predicted number of engine replicas: prefill=1, decode=1",
    ]);
  });

  it("sets each correction factor to observed over expected latency", () => {
    // TTFT 0.1 s against 0.05 s expected; ITL 0.01 s against 0.005 s.
    const decision = makePlanner().adjust(makeObservation());
    expect(decision.correction?.prefill).toBeCloseTo(2, 12);
    expect(decision.correction?.decode).toBeCloseTo(2, 12);
    // Little's law: 600 requests / 2 decode workers × 2 s / 60 s = 10 in flight per engine.
    expect(decision.correction?.decodeConcurrency).toBe(10);
    // Decode sizes against 0.01 s / 2 = 5 ms, which the flat profile meets at full KV usage.
    expect(decision.replicas?.correctedItlS).toBeCloseTo(0.005, 12);
    expect(decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
  });

  it("keeps both factors at 1 with noCorrection", () => {
    const decision = makePlanner({ noCorrection: true }).adjust(makeObservation());
    expect(decision.correction).toBeNull();
    expect(decision.replicas?.correctedItlS).toBe(0.01);
  });

  it("skips the interval, holding the fleet, when a latency or length is NaN", () => {
    const planner = makePlanner();
    const decision = planner.adjust(makeObservation({ numReq: 0, ttftS: Number.NaN }));
    expect(decision.outcome).toBe("skipped");
    expect(decision.target).toBeNull();
    expect(decision.log.at(-1)?.message).toBe(
      "Metrics contain None or NaN values (no active requests), skipping adjustment",
    );
  });

  it("still feeds the predictors on a skipped interval, NaN as 0", () => {
    const planner = makePlanner();
    planner.adjust(makeObservation({ numReq: 300, islTokens: Number.NaN }));
    const next = planner.adjust(makeObservation({ numReq: 900 }));
    expect(next.predicted).toEqual({ numReq: 900, islTokens: 1000, oslTokens: 100 });
  });

  it("fails the interval as Dynamo does with no decode worker to divide by", () => {
    const decision = makePlanner().adjust(makeObservation({ numDecodeWorkers: 0 }));
    expect(decision.outcome).toBe("failed");
    expect(decision.target).toBeNull();
    expect(decision.log.at(-1)).toEqual({
      level: "error",
      message: "Failed to correct prediction factors: float division by zero",
    });
  });

  it("warns with Dynamo's words when the budget shrinks the counts", () => {
    // 6,000 requests × 1,000 tokens / 60 s = 100,000 tokens/s: 10 prefill; decode 2.
    const decision = makePlanner({ maxGpuBudget: 8, noCorrection: true }).adjust(
      makeObservation({ numReq: 6000 }),
    );
    expect(decision.target).toEqual({ numPrefill: 7, numDecode: 1 });
    expect(decision.log.map((l) => l.message)).toContain(
      "Total number of GPUs required (12) exceeds the max GPU budget (8), scaling down to 7 prefill and 1 decode replicas",
    );
  });
});
