/**
 * What a results file keeps of one finished point: its parameters and seed, and the headline
 * figures of its run. Written as one JSON line; NaN (no request to judge) is written as null.
 */
import type { RunSummary } from "../report/simulationReport.ts";
import type { ParameterCombination } from "./sweepPoints.ts";

export interface PointResult {
  readonly index: number;
  readonly parameters: ParameterCombination;
  /** The scenario seed the point ran with. */
  readonly seed: number;
  /** Share of judged requests meeting both targets, 0..1; NaN when none was judged. */
  readonly attainment: number;
  readonly gpuHours: number;
  readonly scalingActions: number;
  readonly ttftP99S: number;
  /** p99 of each request's mean inter-token latency. */
  readonly itlP99S: number;
  readonly peakPrefillReplicas: number;
  readonly peakDecodeReplicas: number;
  readonly requests: {
    readonly arrived: number;
    readonly completed: number;
    readonly rejected: number;
    readonly unfinished: number;
  };
  /** Wall-clock time the run took, in seconds; the only figure that varies between runs. */
  readonly wallS: number;
}

/** The record of a point from its run's summary. */
export function pointResult(
  point: { index: number; parameters: ParameterCombination },
  seed: number,
  summary: RunSummary,
  wallS: number,
): PointResult {
  return {
    index: point.index,
    parameters: point.parameters,
    seed,
    attainment: summary.slaAttainment,
    gpuHours: summary.gpuHours,
    scalingActions: summary.scalingActions,
    ttftP99S: summary.ttftS.p99,
    itlP99S: summary.itlS.p99,
    peakPrefillReplicas: summary.peakPrefillReplicas,
    peakDecodeReplicas: summary.peakDecodeReplicas,
    requests: {
      arrived: summary.requests.arrived,
      completed: summary.requests.completed,
      rejected: summary.requests.rejected,
      unfinished: summary.requests.unfinished,
    },
    wallS,
  };
}
