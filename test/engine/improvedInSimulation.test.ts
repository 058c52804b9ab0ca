// The improved planner's rules seen in the simulator: a quiet tail scales the fleet down, and a
// metrics outage holds it where Dynamo's rules read zero load.
import { describe, expect, it } from "vitest";
import type { PlannerConfig } from "../../src/planner/index.ts";
import {
  makeFleetOptions,
  makeIdlePlanner,
  makeRequest,
  simulate,
} from "../support/simulationFactories.ts";

/** 30 s of 20 requests a second, ISL 100 and OSL 3, on the flat profile. */
function busyHalfMinute() {
  return Array.from({ length: 600 }, (_, i) => makeRequest({ arrivalS: i / 20 }));
}

function planner(overrides: Partial<PlannerConfig>): PlannerConfig {
  return makeIdlePlanner({ adjustmentIntervalS: 10, maxGpuBudget: 8, ...overrides });
}

describe("the improved planner in the simulator", () => {
  it("goes on deciding after the trace ends when asked to run longer", async () => {
    const { result } = await simulate(busyHalfMinute(), {
      planner: planner({ mode: "improved" }),
      runUntilS: 120,
    });
    expect(result.endS).toBe(120);
    expect(result.intervals.at(-1)?.endS).toBe(120);
  });

  it("scales to the minimum after three idle intervals, where holding would keep the peak", async () => {
    // 20 prompts a second of 0.1 s each keep 2 prefill engines busy, and the queue more.
    const fleet = makeFleetOptions({ startupDelayS: 5 });
    const quiet = { runUntilS: 150, fleet };
    const improved = await simulate(busyHalfMinute(), {
      ...quiet,
      planner: planner({ mode: "improved", idleScaleDownAfterIntervals: 3 }),
    });
    const peak = Math.max(...improved.result.intervals.map((i) => i.prefillAfter.ready));
    expect(peak).toBeGreaterThan(1);
    const idle = improved.result.intervals.find((i) => i.decision.reason?.startsWith("no traffic"));
    expect(idle?.decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
    expect(improved.result.intervals.at(-1)?.prefillAfter.ready).toBe(1);

    const holding = await simulate(busyHalfMinute(), {
      ...quiet,
      planner: planner({ mode: "improved", idleScaleDownAfterIntervals: 0 }),
    });
    expect(holding.result.intervals.at(-1)?.prefillAfter.ready).toBe(peak);
    expect(holding.result.gpuHours).toBeGreaterThan(improved.result.gpuHours);
  });

  it("holds the fleet through a metrics outage, where Dynamo reads zero load", async () => {
    const requests = Array.from({ length: 1800 }, (_, i) => makeRequest({ arrivalS: i / 20 }));
    const fleet = makeFleetOptions({ initialPrefill: 3, initialDecode: 3 });
    const outage = [{ startS: 30, endS: 60 }];
    const improved = await simulate(requests, {
      fleet,
      metricsOutages: outage,
      planner: planner({ mode: "improved" }),
    });
    const during = improved.result.intervals.filter((i) => i.endS >= 30 && i.endS < 60);
    expect(during.map((i) => i.decision.outcome)).toEqual(["held", "held", "held"]);
    expect(during.every((i) => i.action === "held")).toBe(true);

    const dynamo = await simulate(requests, {
      fleet,
      metricsOutages: outage,
      planner: planner({ mode: "dynamo-0.4" }),
    });
    const first = dynamo.result.intervals.find((i) => i.endS === 30);
    expect(first?.observed.metrics).toBe("unreachable");
    expect(first?.decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
  });
});

describe("the planner behind a scraping Prometheus", () => {
  // 20 requests a second on one prefill replica of 0.1 s per prompt: 10 complete each second.
  const requests = Array.from({ length: 600 }, (_, i) => makeRequest({ arrivalS: i / 20 }));

  it("recovers a steady completion rate from 5 s scrapes by extrapolation", async () => {
    // Scrapes at 12.5 and 17.5 s see 50 completions over 5 s; increase() over (10, 20]
    // extrapolates to both edges, 2.5 s away: 50 × 10 / 5 = 100, the exact window's count.
    const run = await simulate(requests, {
      planner: planner({ mode: "dynamo-0.4" }),
      scrape: { intervalS: 5, offsetS: 2.5 },
    });
    const second = run.result.intervals[1];
    expect(second.observed.metrics).toBe("ok");
    expect(second.observed.numReq).toBeCloseTo(100, 6);
  });

  it("gets no answer when scrapes are sparser than the query range", async () => {
    const run = await simulate(requests, {
      planner: planner({ mode: "dynamo-0.4" }),
      scrape: { intervalS: 20, offsetS: 5 },
    });
    expect(run.result.intervals[1].observed.metrics).toBe("empty");
    expect(run.result.intervals[1].decision.target).toEqual({ numPrefill: 1, numDecode: 1 });
  });
});

describe("drawn start-up delays", () => {
  it("start each new replica within the range, the same way for the same seed", async () => {
    const requests = Array.from({ length: 600 }, (_, i) => makeRequest({ arrivalS: i / 20 }));
    const fleet = makeFleetOptions({ startupDelayS: 5, startupDelayMaxS: 15, seed: 3 });
    const run = () => simulate(requests, { fleet, planner: planner({ mode: "improved" }) });
    const [first, second] = [await run(), await run()];
    expect(JSON.stringify(first.result.intervals)).toBe(JSON.stringify(second.result.intervals));
    const scaled = first.result.intervals.find((i) => i.action === "scaled");
    expect(scaled).toBeDefined();
  });
});
