import type { DecisionOutcome, MetricsAvailability } from "../planner/index.ts";
import type { Role } from "./dgdClient.ts";
import type { LiveInterval } from "./liveScaler.ts";
import type { LiveOutcome } from "./plannerMetrics.ts";

/**
 * One adjustment interval of the live scaler as its JSON log records it (the `interval` field
 * of a `slaplan live --log-format json` line), for the workbench to lay over a simulated run.
 * Field names are the planner's own. JSON has no NaN, so a figure without traffic in its window
 * is written as null.
 */
export interface LiveIntervalRecord {
  /** The scaler's count of adjustment intervals, from 0. */
  readonly index: number;
  /** Seconds since the planner started, when the interval began reading. */
  readonly atS: number;
  /** The adjustment interval, in seconds: the window the observed figures cover. */
  readonly adjustmentIntervalS: number;
  /** What became of the decision in the cluster. */
  readonly outcome: LiveOutcome;
  /** How the planner's own step ended; null when it did not run (the deployment was unread). */
  readonly plannerOutcome: DecisionOutcome | null;
  /** Why the planner skipped or failed the interval. */
  readonly reason: string | null;
  readonly observed: ObservedRecord | null;
  /** Correction factors in force, observed over expected (TTFT for prefill, ITL for decode). */
  readonly correction: { readonly prefill: number | null; readonly decode: number | null } | null;
  /** The load predicted for the next interval (num_req is a count per interval). */
  readonly predicted: {
    readonly numReq: number | null;
    readonly islTokens: number | null;
    readonly oslTokens: number | null;
  } | null;
  /** Replicas the planner asked for; null when it held the fleet. */
  readonly target: { readonly numPrefill: number; readonly numDecode: number } | null;
  /** Replicas written to the deployment, per role (empty unless scaled). */
  readonly written: Partial<Record<Role, number>>;
}

/** The planner's observation of one window, figures null where the window had no traffic. */
export interface ObservedRecord {
  /** Requests counted in the window (a count, not a rate). */
  readonly numReq: number | null;
  readonly islTokens: number | null;
  readonly oslTokens: number | null;
  readonly ttftS: number | null;
  readonly itlS: number | null;
  readonly requestDurationS: number | null;
  readonly numPrefillWorkers: number;
  readonly numDecodeWorkers: number;
  readonly numPrefillStarting: number;
  readonly numDecodeStarting: number;
  /** Whether the six figures could be read at all; when not, they are null. */
  readonly metrics: MetricsAvailability;
}

/** The record of `interval`, the `index`-th, begun `atS` seconds after the planner started. */
export function liveIntervalRecord(
  interval: LiveInterval,
  index: number,
  atS: number,
  adjustmentIntervalS: number,
): LiveIntervalRecord {
  const { decision } = interval;
  const o = decision?.observed;
  const observed: ObservedRecord | null =
    o === undefined
      ? null
      : {
          numReq: finiteOrNull(o.numReq),
          islTokens: finiteOrNull(o.islTokens),
          oslTokens: finiteOrNull(o.oslTokens),
          ttftS: finiteOrNull(o.ttftS),
          itlS: finiteOrNull(o.itlS),
          requestDurationS: finiteOrNull(o.requestDurationS),
          numPrefillWorkers: o.numPrefillWorkers,
          numDecodeWorkers: o.numDecodeWorkers,
          numPrefillStarting: o.numPrefillStarting ?? 0,
          numDecodeStarting: o.numDecodeStarting ?? 0,
          metrics: o.metrics ?? "ok",
        };
  const correction = decision?.correction ?? null;
  const predicted = decision?.predicted ?? null;
  const target = decision?.target ?? null;
  return {
    index,
    atS,
    adjustmentIntervalS,
    outcome: interval.outcome,
    plannerOutcome: decision?.outcome ?? null,
    reason: decision?.reason ?? null,
    observed,
    correction:
      correction === null
        ? null
        : { prefill: finiteOrNull(correction.prefill), decode: finiteOrNull(correction.decode) },
    predicted:
      predicted === null
        ? null
        : {
            numReq: finiteOrNull(predicted.numReq),
            islTokens: finiteOrNull(predicted.islTokens),
            oslTokens: finiteOrNull(predicted.oslTokens),
          },
    target: target === null ? null : { numPrefill: target.numPrefill, numDecode: target.numDecode },
    written: { ...interval.written },
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
