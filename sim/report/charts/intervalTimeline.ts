/**
 * Turns a report's adjustment intervals into points on the simulated-time axis. Two kinds of
 * figure meet there: what was measured over an interval (requests, latencies), drawn at the
 * interval's midpoint, and what a decision set at an interval's end (replicas, GPUs, the
 * prediction), which holds over the next interval, so it is drawn there.
 */
import type { IntervalRecord } from "../../engine/runSimulation.ts";
import type { SimulationReport } from "../simulationReport.ts";
import type { ShadedBand } from "./chartSpec.ts";

/** x and y values of one series. */
export interface SeriesPoints {
  readonly xs: number[];
  readonly ys: number[];
}

/**
 * A figure as a number: a report read back from JSON has null where the run had NaN (no
 * traffic), and that must stay a gap in the line, never become 0.
 */
export function figure(value: number | null | undefined): number {
  return typeof value === "number" ? value : Number.NaN;
}

/** Length of an interval in seconds. */
export function intervalLengthS(interval: IntervalRecord): number {
  return interval.endS - interval.startS;
}

/** One point per interval at its midpoint, with the value `valueOf` measures over it. */
export function atMidpoints(
  intervals: readonly IntervalRecord[],
  valueOf: (interval: IntervalRecord) => number | null,
): SeriesPoints {
  return {
    xs: intervals.map((i) => (i.startS + i.endS) / 2),
    ys: intervals.map((i) => figure(valueOf(i))),
  };
}

/**
 * One point per interval at the midpoint of the interval after it, for what the interval's
 * decision predicted for that next interval (the planner predicts one interval ahead).
 */
export function atNextMidpoints(
  intervals: readonly IntervalRecord[],
  valueOf: (interval: IntervalRecord) => number | null,
): SeriesPoints {
  return {
    xs: intervals.map((i) => i.endS + intervalLengthS(i) / 2),
    ys: intervals.map((i) => figure(valueOf(i))),
  };
}

/**
 * A value set by each decision and held until the next, as a step line: over interval k the
 * value after decision k − 1 (`initial` over the first interval, before any decision), drawn
 * flat from the interval's start to its end.
 */
export function heldOverIntervals(
  intervals: readonly IntervalRecord[],
  initial: number,
  valueAfter: (interval: IntervalRecord) => number,
): SeriesPoints {
  const points: SeriesPoints = { xs: [], ys: [] };
  intervals.forEach((interval, k) => {
    const value = k === 0 ? initial : figure(valueAfter(intervals[k - 1]));
    points.xs.push(interval.startS, interval.endS);
    points.ys.push(value, value);
  });
  return points;
}

/**
 * The intervals that began with replicas ordered but not serving yet (starting, or pending for
 * want of GPUs) after the previous decision, merged where they touch. A new replica serves only
 * once its start-up delay has passed, so the shaded stretch is where capacity lags the decision.
 */
export function startupBands(intervals: readonly IntervalRecord[]): ShadedBand[] {
  const bands: ShadedBand[] = [];
  for (let k = 1; k < intervals.length; k += 1) {
    const before = intervals[k - 1];
    const waiting =
      before.prefillAfter.starting +
      before.prefillAfter.pending +
      before.decodeAfter.starting +
      before.decodeAfter.pending;
    if (!(waiting > 0)) continue;
    const { startS, endS } = intervals[k];
    const last = bands[bands.length - 1];
    if (last !== undefined && last.toX === startS) bands[bands.length - 1] = { ...last, toX: endS };
    else bands.push({ fromX: startS, toX: endS });
  }
  return bands;
}

/** GPUs the fleet holds at time 0: every initial replica is serving and holds its GPUs. */
export function initialGpus(report: SimulationReport): number {
  const fleet = report.scenario.fleet;
  return (
    fleet.initialPrefill * fleet.prefillEngineNumGpu +
    fleet.initialDecode * fleet.decodeEngineNumGpu
  );
}

/**
 * GPU-hours spent from time 0, at the start of the first interval, at each interval's end and
 * at the end of the run: the fleet's own running total (`gpuHoursSoFar`, integrated at every
 * change, as `summary.gpuHours` is), so the curve ends exactly at the run's figure.
 */
export function cumulativeGpuHours(report: SimulationReport): SeriesPoints {
  const intervals = report.intervals;
  if (intervals.length === 0) return { xs: [], ys: [] };
  const points: SeriesPoints = { xs: [intervals[0].startS], ys: [0] };
  for (const interval of intervals) {
    points.xs.push(interval.endS);
    points.ys.push(figure(interval.gpuHoursSoFar));
  }
  const endS = figure(report.summary.simulatedS);
  if (endS > intervals[intervals.length - 1].endS) {
    points.xs.push(endS);
    points.ys.push(figure(report.summary.gpuHours));
  }
  return points;
}
