// The hindsight lower bound on the flat profile (every prompt 0.1 s at ISL 1,600 to 8,000;
// every decode iteration 0.01 s whatever the batch; 100,000 KV tokens per decode engine), where
// each slot's requirement and the cheapest schedule can be worked out by hand.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hindsightLowerBound } from "../../sim/capacity/hindsightBound.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { parseScenario } from "../../sim/scenario/scenario.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { flatProfileRequestsArb } from "../arbitraries/capacityArbitraries.ts";
import { makeFlatProfile } from "../support/makeEngineProfile.ts";
import { makeScenarioJson } from "../support/scenarioFactories.ts";
import { makeRequest } from "../support/simulationFactories.ts";

const FLAT_MODEL = new PerformanceModel(makeFlatProfile());

/** 10 s slots, TTFT 0.2 s, ITL 0.02 s, 1 + 1 replicas to start, 5 s start-up. */
function makeScenario(planner: Record<string, unknown> = {}) {
  const json = makeScenarioJson({
    planner: {
      adjustmentIntervalS: 10,
      ttftTargetS: 0.2,
      itlTargetS: 0.02,
      maxGpuBudget: 8,
      minEndpoint: 1,
      ...planner,
    },
    fleet: { initialPrefill: 1, initialDecode: 1, startupDelayS: 5 },
  });
  return parseScenario(json, "scenarios/tiny.json");
}

/** `count` requests of ISL 2,000 and OSL 400 evenly spaced over [startS, startS + 10). */
function slotOf(count: number, startS: number): TraceRequest[] {
  return Array.from({ length: count }, (_, i) =>
    makeRequest({ arrivalS: startS + (10 * i) / count, islTokens: 2000, oslTokens: 400 }),
  );
}

describe("hindsightLowerBound", () => {
  it("sizes each slot from its own requests and schedules the levels by hand", async () => {
    // Slot 0: 150 prompts × 0.1 s = 15 engine-s in 10 s: 2 prefill. Context 2,000 + 400/2 =
    // 2,200 fits 45 requests in 100,000 KV tokens, at 0.01 s a step 4,500 tokens/s; 60,000
    // tokens take 13.3 s: 2 decode. Slot 1 is empty: the minimum, 1 + 1. Slot 2: 50 prompts,
    // 5 s: 1 prefill; 20,000 tokens, 4.4 s: 1 decode.
    const requests = [...slotOf(150, 0), ...slotOf(50, 20)];
    const bound = await hindsightLowerBound(makeScenario(), FLAT_MODEL, requests);
    expect(bound.slots).toEqual([
      { startS: 0, prefill: 2, decode: 2 },
      { startS: 10, prefill: 1, decode: 1 },
      { startS: 20, prefill: 1, decode: 1 },
    ]);
    expect([bound.peakPrefill, bound.peakDecode, bound.slotS]).toEqual([2, 2, 10]);
    // Each role: the initial replica 30 s, the second 5 s start-up + 10 s. 90 GPU-seconds.
    expect(bound.gpuHours).toBeCloseTo(90 / 3600, 12);
    expect([bound.requests, bound.unservableRequests]).toEqual([200, 0]);
  });

  it("leaves out requests longer than the model's context, counted", async () => {
    const requests = [
      ...slotOf(5, 0),
      makeRequest({ arrivalS: 1, islTokens: 7900, oslTokens: 200 }),
    ];
    const bound = await hindsightLowerBound(makeScenario(), FLAT_MODEL, requests);
    expect([bound.requests, bound.unservableRequests]).toEqual([6, 1]);
  });

  it("leaves out prompts whose prefill alone takes longer than the TTFT target", async () => {
    // 0.1 s per prompt against a 0.05 s target: no fleet helps; the minimum remains.
    const bound = await hindsightLowerBound(
      makeScenario({ ttftTargetS: 0.05 }),
      FLAT_MODEL,
      slotOf(300, 0),
    );
    expect(bound.unservableRequests).toBe(300);
    expect(bound.slots).toEqual([{ startS: 0, prefill: 1, decode: 1 }]);
    expect(bound.gpuHours).toBeCloseTo(20 / 3600, 12);
  });

  it("counts a 100-engine-second slot as exactly 10 replicas of 10 s, despite rounding residue", async () => {
    const bound = await hindsightLowerBound(makeScenario(), FLAT_MODEL, slotOf(1000, 0));
    expect(bound.slots[0].prefill).toBe(10);
  });

  it("never falls when requests are added (more load never lowers it)", async () => {
    const model = new PerformanceModel(makeFlatProfile({ prefillS: 0.02, prefillSPerToken: 1e-5 }));
    await fc.assert(
      fc.asyncProperty(flatProfileRequestsArb, flatProfileRequestsArb, async (base, extra) => {
        fc.pre(base.length > 0);
        const more = [...base, ...extra].sort((a, b) => a.arrivalS - b.arrivalS);
        const scenario = makeScenario();
        const before = await hindsightLowerBound(scenario, model, base);
        const after = await hindsightLowerBound(scenario, model, more);
        expect(after.gpuHours).toBeGreaterThanOrEqual(before.gpuHours);
      }),
      { numRuns: 60 },
    );
  });

  it("never exceeds the GPU-hours of a static fleet holding the peak requirement throughout", async () => {
    const model = new PerformanceModel(makeFlatProfile({ prefillS: 0.02, prefillSPerToken: 1e-5 }));
    await fc.assert(
      fc.asyncProperty(flatProfileRequestsArb, async (requests) => {
        fc.pre(requests.length > 0);
        const scenario = makeScenario();
        const bound = await hindsightLowerBound(scenario, model, requests);
        const horizonS = bound.slots.length * bound.slotS;
        const extraReplicas =
          Math.max(0, bound.peakPrefill - 1) + Math.max(0, bound.peakDecode - 1);
        const staticS =
          (bound.peakPrefill + bound.peakDecode) * horizonS + extraReplicas * bound.startupDelayS;
        expect(bound.gpuHours).toBeLessThanOrEqual((staticS / 3600) * (1 + 1e-12));
      }),
      { numRuns: 60 },
    );
  });
});
