// Static sizing through the simulator, on a case small enough to check by hand: the flat
// profile (every prompt 0.1 s, every decode iteration 0.01 s), a prompt every 0.05 s.
import { describe, expect, it } from "vitest";
import { runStaticFleet, staticSizing } from "../../sim/capacity/staticSizing.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { parseScenario } from "../../sim/scenario/scenario.ts";
import { makeFlatProfile } from "../support/makeEngineProfile.ts";
import { makeScenarioJson } from "../support/scenarioFactories.ts";
import { makeRequest } from "../support/simulationFactories.ts";

const MODEL = new PerformanceModel(makeFlatProfile());

const SCENARIO = parseScenario(
  makeScenarioJson({
    planner: { adjustmentIntervalS: 10, ttftTargetS: 0.15, itlTargetS: 0.02, maxGpuBudget: 6 },
    fleet: { initialPrefill: 1, initialDecode: 1 },
    prometheus: false,
  }),
  "scenarios/tiny.json",
);

/** 600 prompts of 2,000 tokens, one every 0.05 s, each asking for 10 output tokens. */
const REQUESTS = Array.from({ length: 600 }, (_, i) =>
  makeRequest({ arrivalS: i * 0.05, islTokens: 2000, oslTokens: 10 }),
);

describe("staticSizing", () => {
  it("runStaticFleet holds the fleet it is given, whatever the planner decides", async () => {
    // One prefill replica takes 0.1 s a prompt for a prompt every 0.05 s: the queue grows by
    // 0.05 s a prompt, so after the first two every prompt misses the 0.15 s TTFT target.
    const run = await runStaticFleet(SCENARIO, MODEL, REQUESTS, 1, 1);
    expect(run).toMatchObject({ prefill: 1, decode: 1, gpus: 2 });
    expect(run.attainment).toBeLessThan(0.01);
    // Held from 0 to past the last arrival at 29.95 s: at least 2 GPUs × 30 s.
    expect(run.gpuHours).toBeGreaterThanOrEqual((2 * 30) / 3600);
  });

  it("finds 2 prefill + 1 decode, the smallest fleet meeting 99 %", async () => {
    // Two prefill replicas alternate and keep up exactly (TTFT 0.1 s). One decode replica
    // serves the ~2 requests in flight at 0.01 s a step; its mean ITL stays near 0.011 s.
    const sizing = await staticSizing(SCENARIO, MODEL, () => REQUESTS, {
      goal: 0.99,
      maxGpus: 6,
    });
    expect(sizing.fleet).toMatchObject({ prefill: 2, decode: 1, gpus: 3 });
    expect(sizing.fleet?.attainment).toBeGreaterThanOrEqual(0.99);
    expect([sizing.goal, sizing.maxGpus]).toEqual([0.99, 6]);
    // Every fleet below it in GPUs that the walk ran missed the goal.
    for (const run of sizing.runs) {
      if (run.gpus < 3) expect(run.attainment).toBeLessThan(0.99);
    }
  });
});
