import { InputError } from "../../src/errors.ts";
import type { SimulationResult } from "../engine/runSimulation.ts";
import type { QuantileSketch } from "../engine/quantileSketch.ts";
import type { Scenario } from "../scenario/scenario.ts";

/**
 * p50, p90, p99 (each within the quantile sketch's 0.5 % relative accuracy) and the exact mean
 * of one per-request figure, in its unit.
 */
export interface PercentileSummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly mean: number;
}

/** The headline figures of a run. */
export interface RunSummary {
  readonly requests: {
    readonly arrived: number;
    readonly completed: number;
    readonly rejected: number;
    readonly rejectedExceedingContext: number;
    readonly rejectedExceedingKvCapacity: number;
    /** Given up after more decode preemptions than the engine allows. */
    readonly failedPreemptionLimit: number;
    /** Given up after more retries on replica failures than the migration limit allows. */
    readonly failedMigrationLimit: number;
    readonly unfinished: number;
    /** Completed with zero output tokens: no TTFT or ITL, left out of attainment. */
    readonly noOutput: number;
    /** Arrived not streaming (whatever became of them): no TTFT or ITL, left out of attainment. */
    readonly nonStreaming: number;
  };
  /** What the engines did. */
  readonly engine: {
    /** Share of prompt tokens found in a prefix cache (NaN when nothing was prefilled). */
    readonly prefixCacheHitShare: number;
    readonly preemptions: number;
    readonly failures: number;
    readonly migrations: number;
    /** Mean KV transfer time from prefill end to arrival at decode, in seconds. */
    readonly meanKvTransferS: number;
  };
  readonly ttftS: PercentileSummary;
  /** Per-request mean inter-token latency. */
  readonly itlS: PercentileSummary;
  readonly requestDurationS: PercentileSummary;
  /**
   * Share of requests that met both targets, out of every request that arrived with output to
   * judge: rejected and unfinished requests count as misses.
   */
  readonly slaAttainment: number;
  readonly gpuHours: number;
  /** Simulated time from 0 to the end of the run, in seconds. */
  readonly simulatedS: number;
  readonly scalingActions: number;
  readonly decisionsDroppedNotReady: number;
  readonly peakPrefillReplicas: number;
  readonly peakDecodeReplicas: number;
}

/**
 * The run's latency distributions as points of their cumulative distribution functions:
 * `ttftS[k]` and `itlS[k]` are the quantiles, in seconds, at probability `probabilities[k]`
 * (NaN, written as null, when no request had such a latency).
 */
export interface LatencyDistributions {
  readonly probabilities: readonly number[];
  readonly ttftS: readonly number[];
  /** Per-request mean inter-token latency. */
  readonly itlS: readonly number[];
}

/** The JSON report `slaplan sim` writes. */
export interface SimulationReport {
  readonly generator: "slaplan sim";
  readonly scenario: Scenario;
  readonly summary: RunSummary;
  readonly intervals: SimulationResult["intervals"];
  readonly distributions: LatencyDistributions;
}

/**
 * The probabilities at which the report samples each latency distribution, ascending: every
 * 0.01 from 0.01 to 0.90, every 0.005 up to 0.99, every 0.001 up to 0.999, plus 0.001 and 0.005.
 * Denser in the upper tail, where latency targets are judged (p99, p99.9) and where the curve
 * bends most; 119 points keep the report small whatever the number of requests.
 */
export const DISTRIBUTION_PROBABILITIES: readonly number[] = probabilityGrid();

function probabilityGrid(): number[] {
  const grid = [0.001, 0.005];
  const steps: [from: number, to: number, step: number][] = [
    [0.01, 0.9, 0.01],
    [0.905, 0.99, 0.005],
    [0.991, 0.999, 0.001],
  ];
  for (const [from, to, step] of steps) {
    // Counted in whole steps and rounded, so that 0.01 + k·0.01 carries no binary residue.
    const count = Math.round((to - from) / step);
    for (let k = 0; k <= count; k += 1) grid.push(Math.round((from + k * step) * 1e6) / 1e6);
  }
  return grid;
}

export function summarize(scenario: Scenario, result: SimulationResult): RunSummary {
  const s = result.statistics;
  const judged = s.arrived - s.noOutput - s.nonStreaming;
  const engine = result.engine;
  const live = (c: { pending: number; starting: number; ready: number }) =>
    c.pending + c.starting + c.ready;
  const fleet = scenario.fleet;
  return {
    requests: {
      arrived: s.arrived,
      completed: s.completed,
      rejected: s.totalRejected,
      rejectedExceedingContext: s.rejected["exceeds-context"],
      rejectedExceedingKvCapacity: s.rejected["exceeds-kv-capacity"],
      failedPreemptionLimit: s.rejected["preemption-limit"],
      failedMigrationLimit: s.rejected["migration-limit"],
      unfinished: result.unfinished,
      noOutput: s.noOutput,
      nonStreaming: s.nonStreaming,
    },
    engine: {
      prefixCacheHitShare: engine.cachedPromptTokens / engine.promptTokens,
      preemptions: engine.preemptions,
      failures: engine.failures,
      migrations: engine.migrations,
      meanKvTransferS: engine.transferSumS / engine.transfers,
    },
    ttftS: percentiles(s.ttftS),
    itlS: percentiles(s.itlS),
    requestDurationS: percentiles(s.durationS),
    slaAttainment: judged > 0 ? s.metSla / judged : Number.NaN,
    gpuHours: result.gpuHours,
    simulatedS: result.endS,
    scalingActions: result.intervals.filter((i) => i.action === "scaled").length,
    decisionsDroppedNotReady: result.intervals.filter((i) => i.action === "not-ready").length,
    // A loop, not Math.max(...list): a long run has more intervals than a call has arguments.
    peakPrefillReplicas: result.intervals.reduce(
      (peak, i) => Math.max(peak, live(i.prefillAfter)),
      fleet.initialPrefill,
    ),
    peakDecodeReplicas: result.intervals.reduce(
      (peak, i) => Math.max(peak, live(i.decodeAfter)),
      fleet.initialDecode,
    ),
  };
}

export function buildReport(scenario: Scenario, result: SimulationResult): SimulationReport {
  return {
    generator: "slaplan sim",
    scenario,
    summary: summarize(scenario, result),
    intervals: result.intervals,
    distributions: {
      probabilities: DISTRIBUTION_PROBABILITIES,
      ttftS: result.statistics.ttftS.quantiles(DISTRIBUTION_PROBABILITIES),
      itlS: result.statistics.itlS.quantiles(DISTRIBUTION_PROBABILITIES),
    },
  };
}

/**
 * The report as JSON text. JSON has no NaN or Infinity: an undefined average (no traffic in a
 * window) is written as null, and an unlimited duration as the string "unlimited".
 */
export function reportToJson(report: SimulationReport): string {
  try {
    return jsonText(report);
  } catch (error) {
    // V8 caps a string near 512 MiB; a year of one-minute intervals passes it.
    if (!(error instanceof RangeError)) throw error;
    throw new InputError(
      `the report of ${report.intervals.length.toLocaleString("en-US")} ` +
        `intervals is too large to write as JSON; ` +
        "shorten the run (trace, runAtLeastS) or lengthen planner.adjustmentIntervalS",
    );
  }
}

function jsonText(report: SimulationReport): string {
  return `${JSON.stringify(
    report,
    (_key, value) => {
      if (typeof value !== "number" || Number.isFinite(value)) return value;
      return value === Infinity ? "unlimited" : null;
    },
    2,
  )}\n`;
}

function percentiles(sketch: QuantileSketch): PercentileSummary {
  const [p50, p90, p99] = sketch.quantiles([0.5, 0.9, 0.99]);
  return { p50, p90, p99, mean: sketch.mean() };
}
