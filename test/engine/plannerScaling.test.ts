// The planner scaling the simulated fleet on the bundled H200 / Llama-3.1-8B profile, under a
// step load: 5 req/s of ISL 3,000 / OSL 300 for 4 minutes, then 40 req/s for 8 minutes. One
// prefill and one decode replica serve the low load; the high one needs more of both.
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleCounts } from "../../sim/engine/fleet.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import type { IntervalRecord } from "../../sim/engine/runSimulation.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { makeFleetOptions, makeIdlePlanner, simulate } from "../support/simulationFactories.ts";

const RISE_AT_S = 240;
const INTERVAL_S = 60;
let model: PerformanceModel;

beforeAll(async () => {
  model = new PerformanceModel(await readProfileDir("profiles/h200-llama3.1-8b-fp8"));
});

/** Evenly spaced requests at `ratePerS` over each phase, one phase after the other. */
function* stepLoad(phases: readonly { untilS: number; ratePerS: number }[]) {
  let startS = 0;
  for (const { untilS, ratePerS } of phases) {
    const count = Math.round((untilS - startS) * ratePerS);
    for (let i = 0; i < count; i += 1) {
      yield { arrivalS: startS + i / ratePerS, islTokens: 3000, oslTokens: 300 } as TraceRequest;
    }
    startS = untilS;
  }
}

const runs = new Map<number, ReturnType<typeof simulate>>();

/** The step-load run with this start-up delay (each run once, shared by the tests). */
function runStepLoad(startupDelayS: number): ReturnType<typeof simulate> {
  const run = runs.get(startupDelayS) ?? simulateStepLoad(startupDelayS);
  runs.set(startupDelayS, run);
  return run;
}

function simulateStepLoad(startupDelayS: number) {
  return simulate(
    stepLoad([
      { untilS: RISE_AT_S, ratePerS: 5 },
      { untilS: 720, ratePerS: 40 },
    ]),
    {
      model,
      planner: makeIdlePlanner({
        adjustmentIntervalS: INTERVAL_S,
        ttftTargetS: 0.1,
        itlTargetS: 0.01,
        maxGpuBudget: 8,
      }),
      fleet: makeFleetOptions({ startupDelayS, gpuLimit: 8 }),
      drainLimitS: 600,
    },
  );
}

const live = (c: RoleCounts) => c.pending + c.starting + c.ready;
/** Each role's replicas after a decision, and how many the planner saw serving. */
const roles = [
  {
    after: (i: IntervalRecord) => i.prefillAfter,
    seen: (i: IntervalRecord) => i.observed.numPrefillWorkers,
  },
  {
    after: (i: IntervalRecord) => i.decodeAfter,
    seen: (i: IntervalRecord) => i.observed.numDecodeWorkers,
  },
];

describe("the planner on the bundled profile under a step load", () => {
  it("holds one prefill and one decode replica before the load rises", async () => {
    const { result } = await runStepLoad(90);
    const before = result.intervals.filter((i) => i.endS <= RISE_AT_S);
    expect(before).toHaveLength(RISE_AT_S / INTERVAL_S);
    for (const interval of before) {
      expect(interval.action).toBe("unchanged");
      expect([live(interval.prefillAfter), live(interval.decodeAfter)]).toEqual([1, 1]);
    }
  });

  it("scales up after the load rises", async () => {
    const { result } = await runStepLoad(90);
    const firstScaled = result.intervals.find((i) => i.action === "scaled");
    expect(firstScaled?.endS).toBeGreaterThan(RISE_AT_S);
    const peak = (pick: (i: IntervalRecord) => RoleCounts) =>
      Math.max(...result.intervals.map((i) => live(pick(i))));
    expect(peak((i) => i.prefillAfter)).toBeGreaterThanOrEqual(2);
    expect(peak((i) => i.decodeAfter)).toBeGreaterThanOrEqual(2);
  });

  it.each([90, 150])(
    "with a start-up delay of %i s, new replicas serve only once it has passed",
    async (startupDelayS) => {
      const { result } = await runStepLoad(startupDelayS);
      const records = result.intervals;
      let checked = 0;
      records.forEach((scaledAt, k) => {
        if (scaledAt.action !== "scaled") return;
        for (const role of roles) {
          const { ready, starting } = role.after(scaledAt);
          if (starting === 0) continue;
          checked += 1;
          // A scaling decision at T creates replicas that serve from T + delay. Until then the
          // fleet is not settled, so no later decision is applied and nothing else changes.
          for (let j = 1; k + j < records.length; j += 1) {
            const later = records[k + j];
            const isReady = j * INTERVAL_S >= startupDelayS;
            expect(role.seen(later)).toBe(isReady ? ready + starting : ready);
            if (isReady) break;
            expect(later.action).not.toBe("scaled");
          }
        }
      });
      expect(checked).toBeGreaterThan(0);
    },
  );

  it("records every decision made while replicas start as not-ready, as Dynamo drops it", async () => {
    const { result, log } = await runStepLoad(90);
    const dropped = result.intervals.filter((i) => i.action === "not-ready");
    expect(dropped.length).toBeGreaterThan(0);
    for (const interval of dropped) {
      const starting = interval.prefillAfter.starting + interval.decodeAfter.starting;
      const pending = interval.prefillAfter.pending + interval.decodeAfter.pending;
      expect(starting + pending).toBeGreaterThan(0);
      expect(log).toContainEqual({
        atS: interval.endS,
        line: {
          level: "warning",
          message: "Deployment test-deployment is not ready, ignoring this scaling",
        },
      });
    }
  });

  it("serves every request of the step load before the drain limit", async () => {
    const { result } = await runStepLoad(90);
    const s = result.statistics;
    expect(s.arrived).toBe(RISE_AT_S * 5 + (720 - RISE_AT_S) * 40);
    expect([s.completed, s.totalRejected, result.unfinished]).toEqual([s.arrived, 0, 0]);
  });
});
