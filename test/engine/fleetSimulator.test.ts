// Hand-computed timelines on the flat profile: every prompt takes 0.1 s to prefill and every
// decode iteration 0.01 s, whatever the batch. A request's first token leaves when its prefill
// ends, so with no queueing TTFT = 0.1 s and a request of OSL n lasts 0.1 + (n − 1) × 0.01 s:
// decode makes the other n − 1 tokens.
import { describe, expect, it } from "vitest";
import type { FleetOptions } from "../../sim/engine/fleet.ts";
import { FleetSimulator, PRIORITY } from "../../sim/engine/fleetSimulator.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import type { QuantileSketch } from "../../sim/engine/quantileSketch.ts";
import { summarize } from "../../sim/report/simulationReport.ts";
import { makeFlatProfile, type FlatProfileOptions } from "../support/makeEngineProfile.ts";
import {
  makeFleetOptions,
  makeRequest,
  makeScenario,
  simulate,
} from "../support/simulationFactories.ts";

/** The smallest and largest value of a sketch (exact: the sketch keeps both). */
function range(sketch: QuantileSketch): [number, number] {
  const [low, high] = sketch.quantiles([0, 1]);
  return [low, high];
}

function makeSimulator(fleet: Partial<FleetOptions> = {}, profile: FlatProfileOptions = {}) {
  const model = new PerformanceModel(makeFlatProfile(profile));
  return new FleetSimulator(model, makeFleetOptions(fleet), { ttftTargetS: 1, itlTargetS: 1 });
}

/** Handles every remaining event. */
function runToEnd(sim: FleetSimulator): void {
  while (sim.step()) {
    // Each step handles one event.
  }
}

describe("FleetSimulator on one prefill and one decode replica", () => {
  it("serves one request of ISL 100 and OSL 3 with TTFT 0.1 s, ITL 0.01 s, in 0.12 s", async () => {
    const { result } = await simulate([makeRequest({ islTokens: 100, oslTokens: 3 })]);
    const s = result.statistics;
    expect([s.arrived, s.completed, result.unfinished]).toEqual([1, 1, 0]);
    expect(s.ttftS.mean()).toBeCloseTo(0.1, 12);
    expect(s.itlS.mean()).toBeCloseTo(0.01, 12);
    expect(s.durationS.mean()).toBeCloseTo(0.12, 12);
    expect(result.endS).toBeCloseTo(0.12, 12);
  });

  it("charges the GPU-hours of both replicas for the whole run: 2 GPUs × 0.12 s", async () => {
    const { result } = await simulate([makeRequest({ oslTokens: 3 })]);
    expect(result.gpuHours).toBeCloseTo((2 * 0.12) / 3600, 15);
  });

  it("queues the second of two simultaneous prompts behind the first for 0.1 s", async () => {
    const { result } = await simulate([makeRequest(), makeRequest()]);
    const s = result.statistics;
    expect(range(s.ttftS)[0]).toBeCloseTo(0.1, 12);
    expect(range(s.ttftS)[1]).toBeCloseTo(0.2, 12);
    expect(range(s.durationS)[1]).toBeCloseTo(0.22, 12);
    expect(s.itlS.mean()).toBeCloseTo(0.01, 12);
  });

  it("lets a request prefilled during a decode iteration join the batch at the next one", async () => {
    // Two prefill replicas finish both prompts at 0.1 s, so both first tokens leave then. The
    // first request starts an iteration alone (0.1 → 0.11 s); the second joins at 0.11 s, so
    // its second token leaves at 0.12 s (a 0.02 s gap) and its third at 0.13 s.
    const { result } = await simulate([makeRequest(), makeRequest()], {
      fleet: makeFleetOptions({ initialPrefill: 2 }),
    });
    const s = result.statistics;
    expect(range(s.ttftS)).toEqual([expect.closeTo(0.1, 12), expect.closeTo(0.1, 12)]);
    expect(range(s.durationS)[0]).toBeCloseTo(0.12, 12);
    expect(range(s.durationS)[1]).toBeCloseTo(0.13, 12);
    expect(range(s.itlS)).toEqual([expect.closeTo(0.01, 12), expect.closeTo(0.015, 12)]);
  });

  it("admits a request to decode only when its input plus output fit the free KV cache", async () => {
    // 150 KV tokens hold one request of 100 + 3 tokens, not two: the second (first token at
    // 0.1 s) waits until the first ends at 0.12 s, then takes two iterations: done at 0.14 s,
    // a mean inter-token gap of (0.14 − 0.1) / 2 s.
    const { result } = await simulate([makeRequest(), makeRequest()], {
      profile: makeFlatProfile({ maxKvTokens: 150 }),
      fleet: makeFleetOptions({ initialPrefill: 2 }),
    });
    const s = result.statistics;
    expect(range(s.ttftS)[1]).toBeCloseTo(0.1, 12);
    expect(range(s.itlS)[1]).toBeCloseTo(0.02, 12);
    expect(range(s.durationS)[1]).toBeCloseTo(0.14, 12);
    expect(result.endS).toBeCloseTo(0.14, 12);
  });

  it("completes a request of OSL 0 when its prefill ends, with no TTFT or ITL", async () => {
    const { result } = await simulate([makeRequest({ oslTokens: 0 })]);
    const s = result.statistics;
    expect([s.completed, s.noOutput, s.ttftS.size, s.itlS.size]).toEqual([1, 1, 0, 0]);
    expect(s.durationS.mean()).toBeCloseTo(0.1, 12);
  });

  it("gives a request of OSL 1 a TTFT of 0.1 s and no ITL, and needs no decode", async () => {
    const { result } = await simulate([makeRequest({ oslTokens: 1 })]);
    const s = result.statistics;
    expect(s.ttftS.mean()).toBeCloseTo(0.1, 12);
    expect(s.itlS.size).toBe(0);
    expect(s.durationS.mean()).toBeCloseTo(0.1, 12);
  });
});

describe("FleetSimulator turning requests away", () => {
  it("rejects ISL + OSL above the longest profiled ISL as exceeds-context", async () => {
    // The profile reaches ISL 8,000: 7,990 + 10 tokens fit exactly, 7,990 + 11 do not.
    const requests = [
      makeRequest({ islTokens: 7990, oslTokens: 11 }),
      makeRequest({ islTokens: 7990, oslTokens: 10, arrivalS: 1 }),
    ];
    const { result } = await simulate(requests);
    const summary = summarize(makeScenario(), result).requests;
    expect(summary).toMatchObject({
      arrived: 2,
      completed: 1,
      rejected: 1,
      rejectedExceedingContext: 1,
      rejectedExceedingKvCapacity: 0,
      unfinished: 0,
    });
  });

  it("rejects ISL + OSL above one decode engine's KV cache as exceeds-kv-capacity", async () => {
    const requests = [
      makeRequest({ islTokens: 995, oslTokens: 6 }),
      makeRequest({ islTokens: 995, oslTokens: 5, arrivalS: 1 }),
    ];
    const { result } = await simulate(requests, {
      profile: makeFlatProfile({ maxKvTokens: 1000 }),
    });
    const summary = summarize(makeScenario(), result).requests;
    expect(summary).toMatchObject({
      arrived: 2,
      completed: 1,
      rejected: 1,
      rejectedExceedingContext: 0,
      rejectedExceedingKvCapacity: 1,
    });
  });

  it("judges a request too long for the context as exceeds-context even if the KV cache is smaller", async () => {
    const { result } = await simulate([makeRequest({ islTokens: 9000, oslTokens: 0 })], {
      profile: makeFlatProfile({ maxKvTokens: 1000 }),
    });
    expect(result.statistics.rejected).toMatchObject({
      "exceeds-context": 1,
      "exceeds-kv-capacity": 0,
    });
  });
});

describe("FleetSimulator and the fleet's life cycle", () => {
  it("serves nothing on a new replica until its start-up delay has passed", () => {
    // No prefill replica at first; one is created at 0 s and is ready at 5 s.
    const sim = makeSimulator({ initialPrefill: 0, startupDelayS: 5 });
    sim.fleet.scaleTo("prefill", 1, 0);
    sim.arrive(makeRequest());
    expect(sim.fleet.counts("prefill")).toEqual({ pending: 0, starting: 1, ready: 0, draining: 0 });
    runToEnd(sim);
    expect(sim.statistics.ttftS.mean()).toBeCloseTo(5.1, 12);
    expect(sim.statistics.durationS.mean()).toBeCloseTo(5.12, 12);
  });

  it("keeps a new replica pending while the GPU limit is reached, and starts it once GPUs free up", () => {
    const sim = makeSimulator({ gpuLimit: 2, startupDelayS: 5 });
    sim.fleet.scaleTo("prefill", 2, 0);
    expect(sim.fleet.counts("prefill")).toEqual({ pending: 1, starting: 0, ready: 1, draining: 0 });
    expect(sim.fleet.gpusInUse).toBe(2);

    // Removing the idle decode replica at 1 s frees its GPU for the pending prefill replica.
    sim.runUntil(1, PRIORITY.arrival);
    sim.fleet.scaleTo("decode", 0, 1);
    expect(sim.fleet.counts("decode")).toEqual({ pending: 0, starting: 0, ready: 0, draining: 0 });
    expect(sim.fleet.counts("prefill")).toEqual({ pending: 0, starting: 1, ready: 1, draining: 0 });

    sim.runUntil(6, PRIORITY.arrival);
    expect(sim.fleet.counts("prefill").ready).toBe(2);
    expect(sim.fleet.gpuSeconds(6)).toBeCloseTo(2 * 6, 12);
  });

  it("lets a busy replica taken out by a scale-down finish its prompt, then frees its GPU", () => {
    const sim = makeSimulator();
    sim.arrive(makeRequest({ oslTokens: 3 }));
    sim.runUntil(0.05, PRIORITY.arrival);
    sim.fleet.scaleTo("prefill", 0, 0.05);
    expect(sim.fleet.counts("prefill")).toEqual({ pending: 0, starting: 0, ready: 0, draining: 1 });
    runToEnd(sim);
    expect(sim.statistics.completed).toBe(1);
    expect(sim.statistics.ttftS.mean()).toBeCloseTo(0.1, 12);
    expect(sim.fleet.counts("prefill").draining).toBe(0);
    // The prefill GPU is held 0 → 0.1 s, the decode GPU 0 → 0.12 s.
    expect(sim.fleet.gpuSeconds(0.12)).toBeCloseTo(0.1 + 0.12, 12);
  });

  it("takes an idle replica out before a busy one when scaling down", () => {
    const sim = makeSimulator({ initialPrefill: 2 });
    sim.arrive(makeRequest());
    sim.fleet.scaleTo("prefill", 1, 0);
    expect(sim.fleet.counts("prefill")).toEqual({ pending: 0, starting: 0, ready: 1, draining: 0 });
    runToEnd(sim);
    expect(sim.statistics.ttftS.mean()).toBeCloseTo(0.1, 12);
  });

  it("cancels replicas that are still starting before it drains serving ones", () => {
    const sim = makeSimulator();
    sim.fleet.scaleTo("decode", 3, 0);
    expect(sim.fleet.counts("decode")).toEqual({ pending: 0, starting: 2, ready: 1, draining: 0 });
    sim.fleet.scaleTo("decode", 1, 0);
    expect(sim.fleet.counts("decode")).toEqual({ pending: 0, starting: 0, ready: 1, draining: 0 });
    expect(sim.fleet.gpusInUse).toBe(2);
  });

  it("counts GPU-seconds of starting replicas: a 30 s start-up costs 30 GPU-seconds", () => {
    const sim = makeSimulator({ startupDelayS: 30 });
    sim.fleet.scaleTo("decode", 2, 0);
    sim.runUntil(40, PRIORITY.arrival);
    expect(sim.fleet.counts("decode").ready).toBe(2);
    expect(sim.fleet.gpuSeconds(40)).toBeCloseTo(3 * 40, 12);
  });
});

describe("a decode cache too small for one request", () => {
  it("rejects only that request, completes the others, and ends", async () => {
    // One decode worker with 1,600 tokens of KV: ISL 2,000 + OSL 10 can never fit; ISL 1,000
    // + OSL 200 and ISL 100 + OSL 10 can.
    const { result } = await simulate(
      [
        makeRequest({ arrivalS: 0, islTokens: 1000, oslTokens: 200 }),
        makeRequest({ arrivalS: 0.1, islTokens: 2000, oslTokens: 10 }),
        makeRequest({ arrivalS: 0.2, islTokens: 100, oslTokens: 10 }),
      ],
      { profile: makeFlatProfile({ maxKvTokens: 1600 }), drainLimitS: 60 },
    );
    expect(result.statistics.completed).toBe(2);
    expect(result.statistics.rejected["exceeds-kv-capacity"]).toBe(1);
    expect(result.unfinished).toBe(0);
    expect(result.endS).toBeLessThan(60);
  });
});
