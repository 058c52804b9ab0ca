// runSimulation with the planner deciding, on the flat profile (prefill 0.1 s per prompt at
// ISL 1,600 to 8,000, so 16,000 to 80,000 tokens/s per GPU; decode 0.01 s per iteration and
// 1,000 output tokens/s per GPU everywhere). With it the planner's sizing can be done by hand.
import { describe, expect, it } from "vitest";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import {
  makeFleetOptions,
  makeIdlePlanner,
  makeRequest,
  simulate,
} from "../support/simulationFactories.ts";

/** `count` requests evenly spaced over [startS, endS). */
function evenly(count: number, startS: number, endS: number, shape: Partial<TraceRequest>) {
  return Array.from({ length: count }, (_, i) =>
    makeRequest({ ...shape, arrivalS: startS + ((endS - startS) * i) / count }),
  );
}

describe("runSimulation's adjustment intervals", () => {
  it("records no interval when the run ends before the first one does", async () => {
    const { result, log } = await simulate([makeRequest()], {
      planner: makeIdlePlanner({ adjustmentIntervalS: 10 }),
    });
    expect(result.intervals).toEqual([]);
    expect(log).toEqual([]);
  });

  it("ends the first interval one interval after the start, observing the window's traffic", async () => {
    // The request at 0 s ends at 0.12 s; the one at 15 s keeps the run going past 10 s.
    const requests = [makeRequest(), makeRequest({ arrivalS: 15 })];
    const { result } = await simulate(requests, {
      planner: makeIdlePlanner({ adjustmentIntervalS: 10 }),
    });
    expect(result.intervals).toHaveLength(1);
    const [first] = result.intervals;
    expect([first.index, first.startS, first.endS]).toEqual([0, 0, 10]);
    expect(first.observed).toEqual({
      numReq: 1,
      islTokens: 100,
      oslTokens: 3,
      ttftS: expect.closeTo(0.1, 12),
      itlS: expect.closeTo(0.01, 12),
      requestDurationS: expect.closeTo(0.12, 12),
      numPrefillWorkers: 1,
      numDecodeWorkers: 1,
      numPrefillStarting: 0,
      numDecodeStarting: 0,
      metrics: "ok",
      atS: 10,
    });
    expect(first.latencies).toMatchObject({
      completed: 1,
      slaAttainment: 1,
      ttftP50S: expect.closeTo(0.1, 12),
      itlP99S: expect.closeTo(0.01, 12),
    });
  });

  it("leaves the fleet unchanged when the planner asks for what it has", async () => {
    // One request of ISL 100 in 10 s needs 10 prefill tokens/s and 0.3 output tokens/s: one
    // replica of each, which is what the fleet has.
    const requests = [makeRequest(), makeRequest({ arrivalS: 15 })];
    const { result, log } = await simulate(requests, {
      planner: makeIdlePlanner({ adjustmentIntervalS: 10 }),
    });
    const [first] = result.intervals;
    expect(first.decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
    expect(first.action).toBe("unchanged");
    const messages = log.filter((entry) => entry.atS === 10).map((entry) => entry.line.message);
    expect(messages).toContain("New adjustment interval started!");
    expect(messages).toContain("Observed num_req: 1.00 isl: 100.00 osl: 3.00");
    expect(messages).toContain("Observed ttft: 0.100s itl: 0.010s");
    expect(messages).toContain("Predicted number of engine replicas: prefill=1, decode=1");
  });

  it("holds the fleet when a window saw no finished request (NaN metrics)", async () => {
    const requests = [makeRequest(), makeRequest({ arrivalS: 25 })];
    const { result } = await simulate(requests, {
      planner: makeIdlePlanner({ adjustmentIntervalS: 10 }),
    });
    const second = result.intervals[1];
    expect(second.endS).toBe(20);
    expect(second.observed.numReq).toBe(0);
    expect(second.observed.ttftS).toBeNaN();
    expect(second.decision.outcome).toBe("skipped");
    expect(second.action).toBe("held");
    expect(second.latencies.completed).toBe(0);
    expect(second.latencies.slaAttainment).toBeNaN();
  });

  it("scales to the planner's target, drops decisions while replicas start, and serves on the new ones once ready", async () => {
    // 0–10 s: 300 prompts of ISL 1,600 / OSL 50 on 4 prefill replicas, ending about 0.6 s after
    // they arrive, so roughly 280 finish in the window. The planner then asks for
    // ceil(n × 1,600 / 10 / 16,000) = ceil(n / 100) prefill replicas and
    // ceil(n × 50 / 10 / 1,000) = ceil(n / 200) decode replicas. 10–20 s: light traffic, so the
    // planner asks for 1 + 1, but the new decode replica starts until 25 s: dropped. 20–30 s:
    // light traffic again, and now the fleet is settled, so it scales down to 1 + 1.
    const requests = [
      ...evenly(300, 0, 10, { islTokens: 1600, oslTokens: 50 }),
      ...evenly(50, 10, 20, { islTokens: 1600, oslTokens: 50 }),
      ...evenly(10, 20, 28, { islTokens: 1600, oslTokens: 50 }),
      makeRequest({ arrivalS: 30 }),
    ];
    const { result, log } = await simulate(requests, {
      planner: makeIdlePlanner({ adjustmentIntervalS: 10, maxGpuBudget: 8 }),
      fleet: makeFleetOptions({ initialPrefill: 4, startupDelayS: 15 }),
    });
    const [first, second, third] = result.intervals;

    expect(first.observed.numReq).toBeGreaterThan(200);
    expect(first.observed.numReq).toBeLessThanOrEqual(300);
    expect(first.decision.target).toEqual({
      numPrefill: Math.ceil(first.observed.numReq / 100),
      numDecode: 2,
    });
    expect(first.action).toBe("scaled");
    expect(first.decodeAfter).toEqual({ pending: 0, starting: 1, ready: 1, draining: 0 });

    expect(second.decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
    expect(second.action).toBe("not-ready");
    expect(second.observed.numDecodeWorkers).toBe(1);
    expect(second.decodeAfter.starting).toBe(1);
    const notReady = "Deployment test-deployment is not ready, ignoring this scaling";
    expect(log).toContainEqual({ atS: 20, line: { level: "warning", message: notReady } });

    expect(third.observed.numDecodeWorkers).toBe(2);
    expect(third.decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
    expect(third.action).toBe("scaled");
    expect(third.prefillAfter.ready).toBe(1);
    expect(third.decodeAfter.ready).toBe(1);
  });
});
