import type { IntervalObservation } from "./observation.ts";
import type { ReplicaRequirements } from "./replicaRequirements.ts";

/** One log line of the planner, in Dynamo's words. */
export interface PlannerLogLine {
  readonly level: "debug" | "info" | "warning" | "error";
  readonly message: string;
}

/** How an adjustment interval ended. */
export type DecisionOutcome =
  /** New replica targets were computed. */
  | "scaled"
  /** The validity gate held the replicas (NaN metrics: no traffic in the window). */
  | "skipped"
  /** A step failed, as it does in Dynamo (e.g. no decode workers to divide by). */
  | "failed";

/** Correction factors and the profile's expectations they compare against. */
export interface CorrectionFactors {
  /** Observed over expected TTFT. */
  readonly prefill: number;
  /** Observed over expected ITL. */
  readonly decode: number;
  /** TTFT the profile expects at the observed ISL, in seconds. */
  readonly expectedTtftS: number;
  /** ITL the profile expects at the observed concurrency and context, in seconds. */
  readonly expectedItlS: number;
  /** Requests in flight per decode engine by Little's law. */
  readonly decodeConcurrency: number;
}

/** The load predicted for the next interval. */
export interface PredictedLoad {
  readonly numReq: number;
  readonly islTokens: number;
  readonly oslTokens: number;
}

/** Everything the planner did in one adjustment interval, and why. */
export interface PlannerDecision {
  /** 0 for the first adjustment interval. */
  readonly intervalIndex: number;
  readonly outcome: DecisionOutcome;
  /** Why the interval was skipped or failed. */
  readonly reason: string | null;
  readonly observed: IntervalObservation;
  /** The factors in force for this decision (recomputed this interval unless it failed). */
  readonly correction: CorrectionFactors | null;
  readonly predicted: PredictedLoad | null;
  readonly replicas: ReplicaRequirements | null;
  /** Replica counts to apply; null holds the fleet as it is. */
  readonly target: { readonly numPrefill: number; readonly numDecode: number } | null;
  readonly log: readonly PlannerLogLine[];
}
