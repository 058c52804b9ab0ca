// A three-interval report built by hand for the chart tests: 60-s intervals, the middle one
// without traffic, a prefill replica starting after the first decision.
import type { IntervalRecord } from "../../../sim/engine/runSimulation.ts";
import { buildReport, type SimulationReport } from "../../../sim/report/simulationReport.ts";
import {
  makeFleetOptions,
  makeIdlePlanner,
  makeIntervalRecord,
  makeRoleCounts,
  makeScenario,
  makeSimulationResult,
} from "../../support/simulationFactories.ts";

/** An interval that carried traffic: `numReq` requests, latencies and a prediction. */
function busyInterval(
  index: number,
  numReq: number,
  predictedNumReq: number,
  overrides: Partial<IntervalRecord>,
): IntervalRecord {
  const quiet = makeIntervalRecord({ index });
  return {
    ...quiet,
    decision: {
      ...quiet.decision,
      outcome: "scaled",
      predicted: { numReq: predictedNumReq, islTokens: 1100, oslTokens: 110 },
    },
    observed: { ...quiet.observed, numReq, islTokens: 1000, oslTokens: 100 },
    latencies: {
      completed: numReq,
      slaAttainment: 0.75,
      ttftP50S: 0.2,
      ttftP90S: 0.4,
      ttftP99S: 0.6,
      itlP50S: 0.02,
      itlP90S: 0.03,
      itlP99S: 0.04,
    },
    ...overrides,
  };
}

/**
 * Intervals [0, 60], [60, 120], [120, 180] s, the run ending at 190 s, from 1 prefill + 1
 * decode replica of one GPU each, GPU budget 6, TTFT target 0.5 s, ITL target 0.05 s:
 * - 0: 120 requests, 180 predicted; then prefill 1 serving + 1 starting, 3 GPUs;
 * - 1: no traffic (NaN figures, no prediction); then prefill 2 serving, 3 GPUs;
 * - 2: 240 requests, 300 predicted, all met the targets; then a decode replica pending, 3 GPUs.
 * The fleet's running GPU-hours: 120, 300, 480 GPU-s at the intervals' ends, 510 at 190 s.
 */
export function makeChartReport(): SimulationReport {
  const quiet = makeIntervalRecord({ index: 1 });
  const intervals: IntervalRecord[] = [
    busyInterval(0, 120, 180, {
      prefillAfter: makeRoleCounts({ ready: 1, starting: 1 }),
      gpusInUse: 3,
      gpuHoursSoFar: 120 / 3600,
    }),
    {
      ...quiet,
      observed: { ...quiet.observed, numReq: NaN, metrics: "empty" },
      prefillAfter: makeRoleCounts({ ready: 2 }),
      gpusInUse: 3,
      gpuHoursSoFar: 300 / 3600,
    },
    busyInterval(2, 240, 300, {
      decodeAfter: makeRoleCounts({ ready: 1, pending: 1 }),
      gpusInUse: 3,
      gpuHoursSoFar: 480 / 3600,
    }),
  ];
  intervals[2] = { ...intervals[2], latencies: { ...intervals[2].latencies, slaAttainment: 1 } };
  const scenario = makeScenario({
    planner: makeIdlePlanner({ maxGpuBudget: 6, ttftTargetS: 0.5, itlTargetS: 0.05 }),
    fleet: makeFleetOptions(),
  });
  return buildReport(
    scenario,
    makeSimulationResult({ intervals, endS: 190, gpuHours: 510 / 3600 }),
  );
}
