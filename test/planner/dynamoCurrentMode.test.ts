// dynamo-current: Dynamo's later rules on the flat profiles of makeProfile.ts (prefill 50 ms
// and 10,000 tokens/s per GPU; decode 5 ms and 5,000 tokens/s per GPU everywhere).
import { describe, expect, it } from "vitest";
import { fitBudgetByFloor, type PlannerConfig, type SlaPlanner } from "../../src/planner/index.ts";
import { makeBusyObservation, makeFlatPlanner } from "./makeProfile.ts";

function makePlanner(overrides: Partial<PlannerConfig> = {}): SlaPlanner {
  return makeFlatPlanner("dynamo-current", overrides);
}

const makeObservation = makeBusyObservation;

describe("dynamo-current mode", () => {
  it("logs latencies in milliseconds and Dynamo's later calculation lines", () => {
    const messages = makePlanner()
      .adjust(makeObservation())
      .log.map((line) => line.message);
    expect(messages[0]).toBe("New throughput adjustment interval started!");
    expect(messages).toContain("Observed ttft: 100.00ms itl: 10.00ms");
    // 600 × 1,000 / 60 = 10,000 tokens/s against 10,000 per engine; 1,000 decode tokens/s.
    expect(messages).toContain(
      "Prefill calculation: 10000.00(p_thpt) / 10000.00(p_engine_cap) = 1(num_p)",
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^Decode calculation: 1000\.00\(d_thpt\) \/ /),
    );
  });

  it("skips the decode correction instead of failing when there is no decode worker", () => {
    const decision = makePlanner().adjust(makeObservation({ numDecodeWorkers: 0 }));
    expect(decision.outcome).toBe("scaled");
    expect(decision.log).toContainEqual({
      level: "warning",
      message: "No decode workers; skipping the decode correction factor update",
    });
  });

  it("fits the budget by floors, keeping room for the decode minimum", () => {
    // Prefill 10, decode 4 under 8 GPUs: scale 8/14, prefill min(8 − 1, floor(5.71)) = 5,
    // decode floor((8 − 5) / 1) = 3.
    expect(
      fitBudgetByFloor(10, 4, {
        maxGpuBudget: 8,
        minEndpoint: 1,
        prefillEngineNumGpu: 1,
        decodeEngineNumGpu: 1,
      }),
    ).toEqual({ numPrefill: 5, numDecode: 3, applied: true, belowMinimums: false });
    const decision = makePlanner({ maxGpuBudget: 8 }).adjust(makeObservation({ numReq: 6000 }));
    expect(decision.target).toEqual({ numPrefill: 6, numDecode: 2 });
  });

  it("answers 0 and 0 with a warning when the budget cannot hold the minimums", () => {
    const decision = makePlanner({ maxGpuBudget: 3, minEndpoint: 2 }).adjust(makeObservation());
    expect(decision.target).toEqual({ numPrefill: 0, numDecode: 0 });
    expect(decision.log.map((l) => l.message)).toContain(
      "Max GPU budget (3) is below the 4 GPUs the minimum endpoints need; scaling to 0 prefill and 0 decode replicas",
    );
  });
});
