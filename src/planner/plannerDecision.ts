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
  | "failed"
  /** The metrics could not be read and the fleet was held (improved mode). */
  | "held";

/** One rule that changed a replica count on its way to the target, and why. */
export interface DecisionClamp {
  readonly role: "prefill" | "decode";
  /** The rule: "minimum", "budget", "stabilization", "consolidation", "max-step", "idle", … */
  readonly rule: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

/** How the improved mode sized each role, term by term. */
export interface ImprovedSizing {
  /** Predicted arrivals, in requests per second. */
  readonly arrivalsPerS: number;
  /** One prompt's prefill time at the predicted ISL, after the correction, in seconds. */
  readonly prefillServiceS: number;
  /** Prefill engines needed to keep up with the arrivals at all. */
  readonly prefillEnginesToKeepUp: number;
  /** Mean TTFT the queueing model expects with the chosen prefill count, in seconds. */
  readonly expectedTtftS: number;
  /** Whether the TTFT target is reachable at all (one prompt alone meets it). */
  readonly ttftTargetReachable: boolean;
  /**
   * Whether the prefill count asked for meets the TTFT target by the queueing model: false
   * when it is unreachable, and when the most prefill engines the budget leaves room for
   * (`maxPrefill`) still queue past it.
   */
  readonly ttftTargetMet: boolean;
  /** The most prefill engines the budget leaves room for beside the decode minimum. */
  readonly maxPrefill: number;
  /** ITL aim after the decode correction (target × headroom ÷ factor), in seconds. */
  readonly correctedItlS: number;
  /**
   * What the decode fleet is sized for. "aim": the largest batch within `correctedItlS`.
   * "target": one request alone misses the aim, so the headroom is given up and the batch is
   * the largest within the corrected target. "keep-up": one request alone misses even that, so
   * no number of replicas meets ITL; decode is sized to keep up, at the largest batch the
   * profile itself puts within the target (more replicas at batch 1 would buy nothing).
   */
  readonly decodeSizing: "aim" | "target" | "keep-up";
  /** The per-token time the decode batch was chosen for, in seconds (profile time). */
  readonly decodeSizedAtItlS: number;
  /** Largest decode batch within that time at the predicted context. */
  readonly decodeBatchSize: number;
  /** Output tokens per second one decode engine delivers at that batch. */
  readonly decodeTokensPerSPerEngine: number;
  /** Output tokens per second to serve. */
  readonly decodeTokensPerS: number;
  /**
   * Decode engines needed to keep up with those tokens at all: at the largest batch the
   * profile puts within the ITL target itself (no headroom, no correction).
   */
  readonly decodeEnginesToKeepUp: number;
  /** Replicas before any clamp. */
  readonly rawPrefill: number;
  readonly rawDecode: number;
}

/** Correction factors and the profile's expectations they compare against. */
export interface CorrectionFactors {
  /** Observed over expected TTFT. */
  readonly prefill: number;
  /** Observed over expected ITL. */
  readonly decode: number;
  /** TTFT the model expected over the window, in seconds (null when it could not say). */
  readonly expectedTtftS: number | null;
  /** ITL the model expected at the observed concurrency and context, in s (or null). */
  readonly expectedItlS: number | null;
  /** Requests in flight per decode engine by Little's law (null without decode workers). */
  readonly decodeConcurrency: number | null;
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
  /** Dynamo's replica terms (dynamo modes). */
  readonly replicas: ReplicaRequirements | null;
  /** The improved mode's sizing terms. */
  readonly sizing: ImprovedSizing | null;
  /** Every rule that moved a count, in the order applied. */
  readonly clamps: readonly DecisionClamp[];
  /** Replica counts to apply; null holds the fleet as it is. */
  readonly target: { readonly numPrefill: number; readonly numDecode: number } | null;
  readonly log: readonly PlannerLogLine[];
}
