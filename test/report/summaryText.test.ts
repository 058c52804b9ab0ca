import { describe, expect, it } from "vitest";
import { RunStatistics } from "../../sim/engine/runStatistics.ts";
import { summarize } from "../../sim/report/simulationReport.ts";
import { summaryText } from "../../sim/report/summaryText.ts";
import type { SimulationResult } from "../../sim/engine/runSimulation.ts";
import {
  makeIdlePlanner,
  makeIntervalRecord,
  makeRoleCounts,
  makeScenario,
  makeSimulationResult,
} from "../support/simulationFactories.ts";

function textOf(result: SimulationResult): string[] {
  const scenario = makeScenario({
    planner: makeIdlePlanner({ ttftTargetS: 0.5, itlTargetS: 0.05 }),
  });
  return summaryText(scenario, summarize(scenario, result), result);
}

describe("summaryText", () => {
  it("prints counts, percentiles in seconds, attainment, GPU-hours and scaling", () => {
    const statistics = new RunStatistics(0.5, 0.05);
    statistics.arrived = 232_392;
    statistics.recordCompletion(0.2, 0.01, 1);
    statistics.recordCompletion(0.6, 0.03, 3);
    statistics.recordRejection("exceeds-context");
    const intervals = [
      makeIntervalRecord({
        index: 0,
        action: "scaled",
        prefillAfter: makeRoleCounts({ ready: 12 }),
      }),
      makeIntervalRecord({
        index: 1,
        action: "not-ready",
        decodeAfter: makeRoleCounts({ starting: 2 }),
      }),
    ];
    const engine = {
      promptTokens: 4000,
      cachedPromptTokens: 1000,
      preemptions: 3,
      failures: 1,
      migrations: 2,
      transfers: 2,
      transferSumS: 0.005,
    };
    const result = makeSimulationResult({
      statistics,
      intervals,
      engine,
      gpuHours: 1.5,
      endS: 3600,
    });
    expect(textOf(result)).toEqual([
      "Summary of test-scenario",
      "  requests       232,392 arrived, 2 completed, 1 rejected (1 longer than the model context), " +
        "0 unfinished",
      "  TTFT           p50 0.400 s  p90 0.560 s  p99 0.596 s   target 0.500 s",
      "  ITL            p50 0.020 s  p90 0.028 s  p99 0.030 s   target 0.050 s (each request's mean)",
      "  SLA attained   0.0 % of requests met both targets",
      "  GPU-hours      1.50 over 3,600 s simulated (mean 1.50 GPUs)",
      "  scaling        1 action, 1 decision dropped while replicas were starting; peak 12 prefill, " +
        "3 decode held",
      "  engines        25.0 % of prompt tokens from prefix caches, 3 decode preemptions, 1 replica " +
        "failure (2 request retries), KV transfer 2.50 ms mean",
      "  replicas held after each decision, serving or starting (+ means 10 or more):",
      "    prefill      +1",
      "    decode       13",
    ]);
  });

  it("prints n/a for figures no request gave, and no rejection detail when none", () => {
    const lines = textOf(makeSimulationResult());
    expect(lines[1]).toBe("  requests       0 arrived, 0 completed, 0 rejected, 0 unfinished");
    expect(lines[2]).toBe("  TTFT           p50 n/a  p90 n/a  p99 n/a   target 0.500 s");
    expect(lines[4]).toBe("  SLA attained   n/a of requests met both targets");
  });
});
