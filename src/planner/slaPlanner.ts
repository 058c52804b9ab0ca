import { fitBudgetByFloor, fitBudgetKeepingUp } from "./gpuBudget.ts";
import { createLoadPredictor, type LoadPredictor } from "./loadPredictor.ts";
import type { IntervalObservation } from "./observation.ts";
import type { PlannerConfig } from "./plannerConfig.ts";
import type {
  CorrectionFactors,
  DecisionClamp,
  ImprovedSizing,
  PlannerDecision,
  PlannerLogLine,
  PredictedLoad,
} from "./plannerDecision.ts";
import { sizeImproved, guardScaleDown, type RoleHistory } from "./improvedRules.ts";
import type { ProfileModel } from "./profileModel.ts";
import { meanQueueWaitS } from "./prefillQueueing.ts";
import { formatFixed as f } from "./pythonFormat.ts";
import { computeReplicaRequirements, type ReplicaRequirements } from "./replicaRequirements.ts";

type Role = "prefill" | "decode";

/** What one step of the adjustment settles: at least how it ended. */
type Settled = Partial<PlannerDecision> & Pick<PlannerDecision, "outcome">;

/** What one adjustment step builds up before it becomes a decision. */
interface Draft {
  readonly log: PlannerLogLine[];
  readonly clamps: DecisionClamp[];
}

/**
 * The SLA planner's adjustment step, run every interval on what the frontend's metrics showed:
 * feed the load predictors, update the correction factors, predict the next interval's load and
 * size both roles. `dynamo-0.4` and `dynamo-current` reproduce Dynamo's rules; `improved` adds
 * the fixes in improvedRules.ts. It holds the predictors, the factors and a little history
 * between intervals and nothing else: no clock, no I/O. The caller applies the returned target.
 */
export class SlaPlanner {
  private readonly config: PlannerConfig;
  private readonly model: ProfileModel;
  private readonly numReqPredictor: LoadPredictor;
  private readonly islPredictor: LoadPredictor;
  private readonly oslPredictor: LoadPredictor;
  private prefillCorrection = 1;
  private decodeCorrection = 1;
  private lastCorrection: CorrectionFactors | null = null;
  private intervalIndex = 0;
  private idleIntervals = 0;
  private missingIntervals = 0;
  private readonly history: Record<Role, RoleHistory> = {
    prefill: { lastChangeAtS: -Infinity, recommendations: [] },
    decode: { lastChangeAtS: -Infinity, recommendations: [] },
  };

  constructor(config: PlannerConfig, model: ProfileModel) {
    this.config = config;
    this.model = model;
    const options = {
      windowSize: config.loadPredictionWindowSize,
      log1p: config.loadPredictorLog1p,
      intervalS: config.adjustmentIntervalS,
      kalmanR: config.kalmanR,
      kalmanQLevel: config.kalmanQLevel,
      kalmanQTrend: config.kalmanQTrend,
      kalmanMinPoints: config.kalmanMinPoints,
    };
    this.numReqPredictor = createLoadPredictor(config.loadPredictor, options);
    this.islPredictor = createLoadPredictor(config.loadPredictor, options);
    this.oslPredictor = createLoadPredictor(config.loadPredictor, options);
  }

  /** Feeds recorded intervals to the predictors before the first decision (a warm-up). */
  warmUp(intervals: readonly { numReq: number; islTokens: number; oslTokens: number }[]): void {
    for (const interval of intervals) this.feedPredictors(interval);
  }

  /** Runs one adjustment interval on what was observed over its window. */
  adjust(observed: IntervalObservation): PlannerDecision {
    const index = this.intervalIndex++;
    const atS = observed.atS ?? (index + 1) * this.config.adjustmentIntervalS;
    const draft: Draft = { log: [], clamps: [] };
    const decision =
      this.config.mode === "improved"
        ? this.adjustImproved(observed, atS, draft)
        : this.adjustLikeDynamo(observed, draft);
    return {
      intervalIndex: index,
      observed,
      correction: this.lastCorrection,
      predicted: null,
      replicas: null,
      sizing: null,
      target: null,
      reason: null,
      clamps: draft.clamps,
      log: draft.log,
      ...decision,
    };
  }

  // ---- Dynamo's rules ---------------------------------------------------------------------

  /** Dynamo's loop: v0.4 exactly, or with the later rules of `dynamo-current`. */
  private adjustLikeDynamo(observedIn: IntervalObservation, draft: Draft): Settled {
    const current = this.config.mode === "dynamo-current";
    const info = (message: string) => draft.log.push({ level: "info", message });

    // 1. Observe. Dynamo turns an empty answer or a failed query into 0, not NaN.
    info(
      current ? "New throughput adjustment interval started!" : "New adjustment interval started!",
    );
    const observed = withMissingAsZero(observedIn, draft);
    this.logObserved(observed, draft, current ? "ms" : "s");
    this.feedPredictors(observed);

    // 2. Validity gate: NaN averages mean no traffic in the window; nothing changes.
    const { ttftS, itlS, islTokens, oslTokens } = observed;
    if ([ttftS, itlS, islTokens, oslTokens].some(Number.isNaN)) {
      const reason = "Metrics contain None or NaN values (no active requests), skipping adjustment";
      info(reason);
      return { outcome: "skipped", reason };
    }

    // 3. Correction factors from the last interval.
    info(workerCounts(observed));
    if (!this.config.noCorrection) {
      const failure = this.updateCorrectionLikeDynamo(observed, draft, current);
      if (failure !== null) return { outcome: "failed", reason: failure };
    }

    // 4. Predict, then size with Dynamo's formulas.
    const predicted = this.predict(draft);
    const replicas = this.computeDynamoReplicas(predicted, draft, current);
    if (replicas === null) {
      const reason = "Failed to compute number of replicas: the load or capacity is not finite";
      return { outcome: "failed", reason, predicted };
    }
    const target = { numPrefill: replicas.numPrefill, numDecode: replicas.numDecode };
    return { outcome: "scaled", predicted, replicas, target };
  }

  /**
   * Recomputes both factors; returns the failure message when Dynamo's step would raise. The
   * prefill factor is stored before the decode one is attempted, exactly as in Dynamo, so a
   * failure on decode still leaves the new prefill factor in place. Later Dynamo skips the
   * decode update when there are no decode workers instead of failing.
   */
  private updateCorrectionLikeDynamo(
    observed: IntervalObservation,
    draft: Draft,
    current: boolean,
  ): string | null {
    const expectedTtftS = this.model.prefill.ttftS(observed.islTokens);
    this.prefillCorrection = observed.ttftS / expectedTtftS;
    if (observed.numDecodeWorkers === 0) {
      if (current) {
        draft.log.push({
          level: "warning",
          message: "No decode workers; skipping the decode correction factor update",
        });
        return null;
      }
      const message = "Failed to correct prediction factors: float division by zero";
      draft.log.push({ level: "error", message });
      return message;
    }
    const decodeConcurrency =
      ((observed.numReq / observed.numDecodeWorkers) * observed.requestDurationS) /
      this.config.adjustmentIntervalS;
    const contextTokens = observed.islTokens + observed.oslTokens / 2;
    if (Number.isNaN(decodeConcurrency)) {
      // Dynamo rounds the NaN to a grid index, and NumPy refuses to make an integer of it.
      const message = "Failed to correct prediction factors: cannot convert float NaN to integer";
      draft.log.push({ level: "error", message });
      return message;
    }
    const expectedItlS = this.model.decode.itlS(decodeConcurrency, contextTokens);
    this.decodeCorrection = observed.itlS / expectedItlS;
    this.lastCorrection = {
      prefill: this.prefillCorrection,
      decode: this.decodeCorrection,
      expectedTtftS,
      expectedItlS,
      decodeConcurrency,
    };
    draft.log.push({
      level: "info",
      message:
        `Correction factors: TTFT: ${f(this.prefillCorrection, 3)}, ITL: ` +
        `${f(this.decodeCorrection, 3)}`,
    });
    return null;
  }

  private computeDynamoReplicas(
    predicted: PredictedLoad,
    draft: Draft,
    current: boolean,
  ): ReplicaRequirements | null {
    const c = this.config;
    const log = draft.log;
    if (this.decodeCorrection <= 0) {
      log.push({
        level: "warning",
        message: `d_correction_factor is ${f(this.decodeCorrection, 3)}, using default value of 1.0`,
      });
    }
    const v04 = computeReplicaRequirements(
      {
        ...predicted,
        intervalS: c.adjustmentIntervalS,
        prefillCorrection: this.prefillCorrection,
        decodeCorrection: this.decodeCorrection,
        itlTargetS: c.itlTargetS,
        maxGpuBudget: c.maxGpuBudget,
        minEndpoint: c.minEndpoint,
        prefillEngineNumGpu: c.prefillEngineNumGpu,
        decodeEngineNumGpu: c.decodeEngineNumGpu,
      },
      this.model.prefill,
      this.model.decode,
    );
    if (!Number.isFinite(v04.rawPrefill) || !Number.isFinite(v04.rawDecode)) {
      log.push({
        level: "error",
        message: "Failed to compute number of replicas: cannot convert float to integer",
      });
      return null;
    }
    const replicas = current ? this.refitLikeCurrentDynamo(v04, draft) : v04;
    if (!current) {
      log.push({
        level: "info",
        message:
          `Predicted number of engine replicas: prefill=${replicas.flooredPrefill}, ` +
          `decode=${replicas.flooredDecode}`,
      });
    }
    if (replicas.budgetApplied && replicas.numPrefill + replicas.numDecode > 0) {
      log.push({
        level: "warning",
        message:
          `Total number of GPUs required (${replicas.gpusRequired}) exceeds the max GPU ` +
          `budget (${c.maxGpuBudget}), scaling down to ${replicas.numPrefill} prefill and ` +
          `${replicas.numDecode} decode replicas`,
      });
    }
    this.warnOverBudget(replicas, draft);
    return replicas;
  }

  /**
   * Later Dynamo's sizing on top of v0.4's terms: its calculation log lines, decode at the
   * minimum when no operating point has throughput, and the floor-based budget.
   */
  private refitLikeCurrentDynamo(v04: ReplicaRequirements, draft: Draft): ReplicaRequirements {
    const c = this.config;
    const log = draft.log;
    const prefillCapacity = v04.prefillTokensPerSPerGpu * c.prefillEngineNumGpu;
    const decodeCapacity = v04.decodeTokensPerSPerGpu * c.decodeEngineNumGpu;
    log.push({
      level: "info",
      message:
        `Prefill calculation: ${f(v04.prefillTokensPerS, 2)}(p_thpt) / ` +
        `${f(prefillCapacity, 2)}(p_engine_cap) = ${v04.rawPrefill}(num_p)`,
    });
    log.push({
      level: "info",
      message:
        `Decode calculation: ${f(v04.decodeTokensPerS, 2)}(d_thpt) / ` +
        `${f(decodeCapacity, 2)}(d_engine_cap) = ${v04.rawDecode}(num_d)`,
    });
    const rawDecode = v04.decodeTokensPerSPerGpu > 0 ? v04.rawDecode : c.minEndpoint;
    const flooredPrefill = Math.max(v04.rawPrefill, c.minEndpoint);
    const flooredDecode = Math.max(rawDecode, c.minEndpoint);
    const fitted = fitBudgetByFloor(flooredPrefill, flooredDecode, c);
    if (fitted.belowMinimums) {
      const need = c.minEndpoint * (c.prefillEngineNumGpu + c.decodeEngineNumGpu);
      log.push({
        level: "warning",
        message:
          `Max GPU budget (${c.maxGpuBudget}) is below the ${need} GPUs the minimum ` +
          `endpoints need; scaling to 0 prefill and 0 decode replicas`,
      });
    }
    const gpusAllocated =
      fitted.numPrefill * c.prefillEngineNumGpu + fitted.numDecode * c.decodeEngineNumGpu;
    return {
      ...v04,
      rawDecode,
      flooredPrefill,
      flooredDecode,
      gpusRequired: flooredPrefill * c.prefillEngineNumGpu + flooredDecode * c.decodeEngineNumGpu,
      numPrefill: fitted.numPrefill,
      numDecode: fitted.numDecode,
      budgetApplied: fitted.applied,
      gpusAllocated,
      overBudget: null,
    };
  }

  private warnOverBudget(replicas: ReplicaRequirements, draft: Draft): void {
    if (replicas.overBudget === null) return;
    const c = this.config;
    const cause = {
      "minimum-endpoints":
        `the minimum of ${c.minEndpoint} replica(s) per role needs ` +
        `${c.minEndpoint * (c.prefillEngineNumGpu + c.decodeEngineNumGpu)} GPUs`,
      "decode-minimum":
        `Dynamo v0.4 shrinks prefill without keeping room for the decode minimum ` +
        `of ${c.minEndpoint}`,
      rounding: "Dynamo v0.4 rounds each role's share of the budget to whole engines, half to even",
    }[replicas.overBudget];
    draft.log.push({
      level: "warning",
      message:
        `${replicas.numPrefill} prefill and ${replicas.numDecode} decode replicas use ` +
        `${replicas.gpusAllocated} GPUs, over the max GPU budget (${c.maxGpuBudget}): ${cause}`,
    });
  }

  // ---- The improved rules -----------------------------------------------------------------

  private adjustImproved(observed: IntervalObservation, atS: number, draft: Draft): Settled {
    const c = this.config;
    const info = (message: string) => draft.log.push({ level: "info", message });
    const ordered = this.orderedReplicas(observed);

    // 1. Missing metrics are not zero load: hold, or after enough failures, fall back.
    info("New adjustment interval started!");
    const availability = observed.metrics ?? "ok";
    if (availability !== "ok" && c.holdOnMissingMetrics) {
      return this.holdForMissingMetrics(availability, ordered, draft);
    }
    this.missingIntervals = 0;
    const figures = availability === "ok" ? observed : withMissingAsZero(observed, draft);
    this.logObserved(figures, draft, "s");
    this.feedPredictors(figures);

    // 2. No traffic: hold for a while, then go to the minimum.
    const { ttftS, itlS, islTokens, oslTokens } = figures;
    if ([ttftS, itlS, islTokens, oslTokens].some(Number.isNaN)) {
      return this.handleIdle(figures, ordered, atS, draft);
    }
    this.idleIntervals = 0;

    // 3. Correction factors, frozen while replicas of a role are starting; and the backlog.
    info(workerCounts(figures));
    if (!c.noCorrection) this.updateCorrectionImproved(figures, draft);
    const backlog = c.queueingAwarePrefill ? this.estimateBacklog(figures, draft) : 0;

    // 4. Predict, size with queueing and the batch model, then guard and fit the budget.
    const predicted = this.predict(draft);
    const corrections = this.correctionsInForce();
    const sizing = sizeImproved(predicted, corrections, c, this.model, backlog);
    let numPrefill = Math.max(sizing.rawPrefill, c.minEndpoint);
    let numDecode = Math.max(sizing.rawDecode, c.minEndpoint);
    this.noteClamp(draft, "prefill", "minimum", sizing.rawPrefill, numPrefill, "minimum endpoints");
    this.noteClamp(draft, "decode", "minimum", sizing.rawDecode, numDecode, "minimum endpoints");
    numPrefill = this.guard("prefill", numPrefill, ordered.prefill, atS, sizing, draft);
    numDecode = this.guard("decode", numDecode, ordered.decode, atS, sizing, draft);
    const keepUp = { prefill: sizing.prefillEnginesToKeepUp, decode: sizing.decodeEnginesToKeepUp };
    const fitted = fitBudgetKeepingUp(numPrefill, numDecode, keepUp, c);
    this.noteClamp(draft, "prefill", "budget", numPrefill, fitted.numPrefill, budgetReason(c));
    this.noteClamp(draft, "decode", "budget", numDecode, fitted.numDecode, budgetReason(c));
    const target = { numPrefill: fitted.numPrefill, numDecode: fitted.numDecode };
    info(
      `Sizing: expected TTFT ${f(sizing.expectedTtftS, 3)}s with ${sizing.rawPrefill} prefill, ` +
        `decode batch ${sizing.decodeBatchSize} ` +
        `at ITL ${f(sizing.decodeSizedAtItlS, 4)}s (${f(sizing.decodeTokensPerSPerEngine, 0)} ` +
        `tokens/s per engine)`,
    );
    if (sizing.decodeSizing !== "aim") {
      draft.log.push({ level: "warning", message: decodeOutOfReach(sizing, corrections, c) });
    }
    if (!sizing.ttftTargetReachable) {
      draft.log.push({
        level: "warning",
        message: ttftOutOfReach(predicted, sizing, corrections, c),
      });
    } else if (!sizing.ttftTargetMet) {
      draft.log.push({
        level: "warning",
        message:
          `TTFT target ${f(c.ttftTargetS, 3)}s needs more prefill engines than the ` +
          `${sizing.maxPrefill} the budget of ${c.maxGpuBudget} GPUs leaves beside the decode ` +
          `minimum; prefill is sized at that most`,
      });
    }
    for (const clamp of draft.clamps) {
      info(`${clamp.role}: ${clamp.rule} ${clamp.from} -> ${clamp.to}: ${clamp.reason}`);
    }
    // Last, after what the sizing asked for and every clamp on the way: the replicas decided.
    info(
      `Predicted number of engine replicas: prefill=${target.numPrefill}, decode=${target.numDecode}`,
    );
    this.recordChange(ordered, target, atS);
    return { outcome: "scaled", predicted, sizing, target };
  }

  /** Replicas the deployment has asked for: serving ones, plus starting ones when counted. */
  private orderedReplicas(observed: IntervalObservation): Record<Role, number> {
    const counting = this.config.countStartingReplicas;
    return {
      prefill: observed.numPrefillWorkers + (counting ? (observed.numPrefillStarting ?? 0) : 0),
      decode: observed.numDecodeWorkers + (counting ? (observed.numDecodeStarting ?? 0) : 0),
    };
  }

  private holdForMissingMetrics(
    availability: string,
    ordered: Record<Role, number>,
    draft: Draft,
  ): Settled {
    const c = this.config;
    this.missingIntervals += 1;
    const after = c.missingMetricsFallbackAfter;
    if (after > 0 && this.missingIntervals >= after) {
      const fitted = fitBudgetByFloor(
        Math.max(c.missingMetricsFallbackPrefill, c.minEndpoint),
        Math.max(c.missingMetricsFallbackDecode, c.minEndpoint),
        c,
      );
      const target = { numPrefill: fitted.numPrefill, numDecode: fitted.numDecode };
      const asked = `${c.missingMetricsFallbackPrefill} and ${c.missingMetricsFallbackDecode}`;
      const clamped = fitted.applied ? ` (${asked} asked, fitted to the budget)` : "";
      const reason =
        `metrics ${availability} for ${this.missingIntervals} intervals in a row: ` +
        `applying the fallback of ${target.numPrefill} prefill and ${target.numDecode} decode ` +
        `replicas${clamped}`;
      draft.log.push({ level: "warning", message: reason });
      return { outcome: "held", reason, target };
    }
    const reason =
      `metrics ${availability} (${this.missingIntervals} interval(s) in a row): not ` +
      `zero load, holding ${ordered.prefill} prefill and ${ordered.decode} decode replicas`;
    draft.log.push({ level: "warning", message: reason });
    return { outcome: "held", reason };
  }

  private handleIdle(
    observed: IntervalObservation,
    ordered: Record<Role, number>,
    atS: number,
    draft: Draft,
  ): Settled {
    const c = this.config;
    // Idle means nothing happened at all: no request ended and no token left. A window in which
    // only long requests kept decoding has ITL samples and is not idle.
    const idle =
      !(observed.numReq > 0) && Number.isNaN(observed.ttftS) && Number.isNaN(observed.itlS);
    this.idleIntervals = idle ? this.idleIntervals + 1 : 0;
    const threshold = c.idleScaleDownAfterIntervals;
    if (idle && threshold > 0 && this.idleIntervals >= threshold) {
      const target = { numPrefill: c.minEndpoint, numDecode: c.minEndpoint };
      const reason =
        `no traffic for ${this.idleIntervals} interval(s): scaling to the minimum ` +
        `of ${c.minEndpoint} per role`;
      draft.log.push({ level: "info", message: reason });
      this.noteClamp(draft, "prefill", "idle", ordered.prefill, target.numPrefill, reason);
      this.noteClamp(draft, "decode", "idle", ordered.decode, target.numDecode, reason);
      this.recordChange(ordered, target, atS);
      return { outcome: "scaled", reason, target };
    }
    const counting = idle && threshold > 0 ? ` (idle ${this.idleIntervals} of ${threshold})` : "";
    const missing = (
      [
        ["num_req", observed.numReq],
        ["isl", observed.islTokens],
        ["osl", observed.oslTokens],
        ["ttft", observed.ttftS],
        ["itl", observed.itlS],
      ] as const
    )
      .filter(([, value]) => Number.isNaN(value))
      .map(([name]) => name);
    const reason = idle
      ? `No traffic in the window, skipping adjustment${counting}`
      : `Metrics contain None or NaN values (no ${missing.join(", ")} ` +
        `sample in the window), skipping adjustment`;
    draft.log.push({ level: "info", message: reason });
    return { outcome: "skipped", reason };
  }

  /**
   * The improved factors: observed over expected latency, where prefill's expectation includes
   * the modelled queueing wait and one decode iteration, and decode's is the batch model at the
   * Little's-law concurrency of the decode phase. A prefill factor above 1 (burstier arrivals or
   * slower engines than modelled) adds prefill capacity. A factor keeps its value, with a note,
   * while its role's replicas start, when the expectation is not a positive number, and in a
   * window that carried a backlog, which says how long the queue grew rather than how fast the
   * engines are (the backlog is sized instead; see assessWindow).
   */
  private updateCorrectionImproved(observed: IntervalObservation, draft: Draft): void {
    const c = this.config;
    const window = assessWindow(observed, c, this.model, this.prefillCorrection);
    const expected = window.expected;
    const update = (role: Role, evidence: number, starting: number, previous: number) => {
      if (c.freezeCorrectionWhileStarting && starting > 0) {
        draft.log.push({
          level: "info",
          message:
            `${starting} ${role} replica(s) starting: keeping the ${role} correction ` +
            `factor at ${f(previous, 3)}`,
        });
        return previous;
      }
      if (!Number.isFinite(evidence) || evidence <= 0) {
        draft.log.push({
          level: "warning",
          message:
            `${role} correction factor not updated (expected latency unusable); keeping ` +
            `${f(previous, 3)}`,
        });
        return previous;
      }
      const cap = role === "prefill" ? c.prefillCorrectionCap : c.decodeCorrectionCap;
      return cap > 0 ? Math.min(Math.max(evidence, 1 / cap), cap) : evidence;
    };

    if (window.backlogged) {
      draft.log.push({
        level: "info",
        message:
          `the window carried a backlog (TTFT ${f(observed.ttftS, 3)}s): keeping the ` +
          `correction factors at ${f(this.prefillCorrection, 3)} and ${f(this.decodeCorrection, 3)}`,
      });
    } else {
      const prefillEvidence = expected.serviceS > 0 ? observed.ttftS / expected.ttftS : Number.NaN;
      const decodeEvidence = observed.itlS / expected.itlS;
      const startingPrefill = observed.numPrefillStarting ?? 0;
      const startingDecode = observed.numDecodeStarting ?? 0;
      this.prefillCorrection = update(
        "prefill",
        prefillEvidence,
        startingPrefill,
        this.prefillCorrection,
      );
      this.decodeCorrection = update(
        "decode",
        decodeEvidence,
        startingDecode,
        this.decodeCorrection,
      );
    }
    const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
    this.lastCorrection = {
      prefill: this.prefillCorrection,
      decode: this.decodeCorrection,
      expectedTtftS: finiteOrNull(expected.ttftS),
      expectedItlS: finiteOrNull(expected.itlS),
      decodeConcurrency: finiteOrNull(expected.decodeConcurrency),
    };
    draft.log.push({
      level: "info",
      message:
        `Correction factors: TTFT: ${f(this.prefillCorrection, 3)}, ITL: ` +
        `${f(this.decodeCorrection, 3)}`,
    });
  }

  /** Requests waiting beyond what queueing explains (see assessWindow), with a log line. */
  private estimateBacklog(observed: IntervalObservation, draft: Draft): number {
    const c = this.config;
    const factor = c.noCorrection ? 1 : this.prefillCorrection;
    const window = assessWindow(observed, c, this.model, factor);
    if (window.backlogRequests <= 0) return 0;
    draft.log.push({
      level: "info",
      message:
        `TTFT ${f(observed.ttftS, 3)}s is more than queueing explains: about ` +
        `${f(window.backlogRequests, 0)} requests queued; sizing to drain them within one interval`,
    });
    return window.backlogRequests;
  }

  private correctionsInForce(): { prefill: number; decode: number } {
    if (this.config.noCorrection) return { prefill: 1, decode: 1 };
    return { prefill: this.prefillCorrection, decode: this.decodeCorrection };
  }

  /** Scale-down stabilization, the consolidation check and the step limit for one role. */
  private guard(
    role: Role,
    proposed: number,
    current: number,
    atS: number,
    sizing: ReturnType<typeof sizeImproved>,
    draft: Draft,
  ): number {
    const guarded = guardScaleDown(
      role,
      proposed,
      current,
      atS,
      this.history[role],
      sizing,
      this.config,
    );
    for (const clamp of guarded.clamps)
      this.noteClamp(draft, role, clamp.rule, clamp.from, clamp.to, clamp.reason);
    return guarded.replicas;
  }

  private recordChange(
    ordered: Record<Role, number>,
    target: { numPrefill: number; numDecode: number },
    atS: number,
  ): void {
    if (target.numPrefill !== ordered.prefill) this.history.prefill.lastChangeAtS = atS;
    if (target.numDecode !== ordered.decode) this.history.decode.lastChangeAtS = atS;
  }

  private noteClamp(
    draft: Draft,
    role: Role,
    rule: string,
    from: number,
    to: number,
    reason: string,
  ): void {
    if (from !== to) draft.clamps.push({ role, rule, from, to, reason });
  }

  // ---- Shared steps -----------------------------------------------------------------------

  /**
   * Records the interval's load. Non-finite figures become 0, as in Dynamo; the improved mode
   * records a missing ISL or OSL (no request completed) as nothing rather than as 0, since an
   * empty window says nothing about request lengths.
   */
  private feedPredictors(figures: { numReq: number; islTokens: number; oslTokens: number }): void {
    this.numReqPredictor.addDataPoint(figures.numReq);
    const skipMissingLengths = this.config.mode === "improved";
    if (!skipMissingLengths || Number.isFinite(figures.islTokens)) {
      this.islPredictor.addDataPoint(figures.islTokens);
    }
    if (!skipMissingLengths || Number.isFinite(figures.oslTokens)) {
      this.oslPredictor.addDataPoint(figures.oslTokens);
    }
  }

  private predict(draft: Draft): PredictedLoad {
    const predicted = {
      numReq: this.numReqPredictor.predictNext(),
      islTokens: this.islPredictor.predictNext(),
      oslTokens: this.oslPredictor.predictNext(),
    };
    for (const predictor of [this.numReqPredictor, this.islPredictor, this.oslPredictor]) {
      for (const message of predictor.takeWarnings()) draft.log.push({ level: "warning", message });
    }
    draft.log.push({
      level: "info",
      message:
        `Predicted load: num_req=${f(predicted.numReq, 2)}, ` +
        `isl=${f(predicted.islTokens, 2)}, osl=${f(predicted.oslTokens, 2)}`,
    });
    return predicted;
  }

  /** Dynamo's observation lines; later Dynamo prints latencies in milliseconds. */
  private logObserved(observed: IntervalObservation, draft: Draft, unit: "s" | "ms"): void {
    const log = draft.log;
    const improved = this.config.mode === "improved";
    // Python prints a NaN as "nan"; the improved mode says what it means instead.
    const show = (x: number, digits: number, suffix = "") =>
      improved && Number.isNaN(x) ? "n/a" : `${f(x, digits)}${suffix}`;
    const latency = (s: number) => show(unit === "ms" ? s * 1000 : s, unit === "ms" ? 2 : 3, unit);
    log.push({ level: "debug", message: workerCounts(observed) });
    log.push({
      level: "info",
      message:
        `Observed num_req: ${show(observed.numReq, 2)} isl: ` +
        `${show(observed.islTokens, 2)} osl: ${show(observed.oslTokens, 2)}`,
    });
    log.push({
      level: "info",
      message: `Observed ttft: ${latency(observed.ttftS)} itl: ${latency(observed.itlS)}`,
    });
  }
}

function workerCounts(observed: IntervalObservation): string {
  return (
    `Number of prefill workers: ${observed.numPrefillWorkers}, ` +
    `number of decode workers: ${observed.numDecodeWorkers}`
  );
}

/** Dynamo reads an empty answer or a failed query as 0 for every figure. */
function withMissingAsZero(observed: IntervalObservation, draft: Draft): IntervalObservation {
  const availability = observed.metrics ?? "ok";
  if (availability === "ok") return observed;
  draft.log.push({
    level: "warning",
    message: `Prometheus query ${availability}: reading every figure as 0`,
  });
  return {
    ...observed,
    numReq: 0,
    islTokens: 0,
    oslTokens: 0,
    ttftS: 0,
    itlS: 0,
    requestDurationS: 0,
  };
}

/** Why decode was not sized at the corrected ITL aim (see ImprovedSizing.decodeSizing). */
function decodeOutOfReach(
  sizing: ImprovedSizing,
  corrections: { decode: number },
  c: PlannerConfig,
): string {
  const factor = f(corrections.decode, 3);
  if (sizing.decodeSizing === "target") {
    const share = Math.round(c.latencyHeadroom * 100);
    return (
      `ITL aim ${f(sizing.correctedItlS, 4)}s (${share} % of the ITL target ` +
      `${f(c.itlTargetS, 4)}s, over the decode correction ${factor}) is out of reach even for ` +
      `one request alone: decode is sized within the corrected target itself`
    );
  }
  return (
    `ITL target ${f(c.itlTargetS, 4)}s is out of reach after the decode correction ${factor}, ` +
    `even for one request alone: decode is sized to keep up, at batch ${sizing.decodeBatchSize}`
  );
}

/** Why prefill is sized only to keep up: one prompt alone misses the (corrected) TTFT aim. */
function ttftOutOfReach(
  predicted: PredictedLoad,
  sizing: ImprovedSizing,
  corrections: { prefill: number },
  c: PlannerConfig,
): string {
  const prompt = `one prompt of ${f(predicted.islTokens, 0)} tokens`;
  const aim =
    `aiming at ${Math.round(c.latencyHeadroom * 100)} % of the target` +
    `${prefillFactorNote(corrections.prefill)}, with one decode step`;
  return (
    `TTFT target ${f(c.ttftTargetS, 3)}s is out of reach: ${prompt} takes ` +
    `${f(sizing.prefillServiceS, 3)}s to prefill (${aim}); prefill is sized to keep up with arrivals`
  );
}

/** ", over the prefill correction 3.577" when a factor other than 1 shrinks the TTFT aim. */
function prefillFactorNote(factor: number): string {
  return factor > 0 && factor !== 1 ? `, over the prefill correction ${f(factor, 3)}` : "";
}

function budgetReason(config: PlannerConfig): string {
  return `max GPU budget of ${config.maxGpuBudget}`;
}

/** What the improved model expects TTFT and ITL to have been over the observed window. */
function expectedLatencies(
  observed: IntervalObservation,
  config: PlannerConfig,
  model: ProfileModel,
  queueFactor: number,
): ExpectedLatencies {
  const arrivalsPerS = observed.numReq / config.adjustmentIntervalS;
  const serviceS = model.prefill.ttftS(observed.islTokens);
  const servers = observed.numPrefillWorkers;
  const saturated = arrivalsPerS * serviceS >= 0.9 * servers;
  const queueS =
    config.queueingAwarePrefill && servers > 0 && !saturated
      ? meanQueueWaitS(
          servers,
          arrivalsPerS,
          serviceS,
          config.arrivalVariability * queueFactor,
          config.serviceVariability * queueFactor,
        )
      : 0;
  // The first token leaves with the first decode iteration, so TTFT includes one ITL.
  const firstStepS = Number.isFinite(observed.itlS) ? observed.itlS : 0;
  // Little's law over the decode phase only: a request spends its duration minus its TTFT in a
  // decode batch. (Dynamo uses the whole duration, which counts prefill queueing as decode.)
  const decodeResidenceS = Math.max(0, observed.requestDurationS - observed.ttftS);
  const decodeConcurrency =
    observed.numDecodeWorkers > 0
      ? ((observed.numReq / observed.numDecodeWorkers) * decodeResidenceS) /
        config.adjustmentIntervalS
      : Number.NaN;
  const contextTokens = observed.islTokens + observed.oslTokens / 2;
  const itlS = Number.isFinite(decodeConcurrency)
    ? model.decodeSteps.stepTimeS(Math.max(1, decodeConcurrency), contextTokens)
    : Number.NaN;
  const decodeFull = (decodeConcurrency * contextTokens) / model.maxKvTokens >= 0.9;
  return {
    ttftS: serviceS + queueS + firstStepS,
    itlS,
    decodeConcurrency,
    serviceS,
    queueS,
    firstStepS,
    saturated: saturated || decodeFull,
  };
}

/** What a window says about the fleet: its expected latencies and whether a backlog built. */
interface WindowAssessment {
  readonly expected: ExpectedLatencies;
  /** TTFT less prefill service and the first decode iteration, in seconds. */
  readonly observedWaitS: number;
  /**
   * A role saturated, or TTFT exceeded what the model can explain (the expectation times the
   * prefill factor's cap, and at least the TTFT target): work was left waiting.
   */
  readonly backlogged: boolean;
  /**
   * Requests queued beyond what the model explains: an excess wait W behind P prefill engines
   * that each take s per prompt means about W·P/s prompts. Dynamo counts a request when it
   * ends, so under overload the observed count is what the fleet served; the backlog is the
   * demand it did not see.
   */
  readonly backlogRequests: number;
}

function assessWindow(
  observed: IntervalObservation,
  config: PlannerConfig,
  model: ProfileModel,
  prefillFactor: number,
): WindowAssessment {
  const expected = expectedLatencies(observed, config, model, 1);
  const observedWaitS = observed.ttftS - expected.serviceS - expected.firstStepS;
  const cap = config.prefillCorrectionCap > 0 ? config.prefillCorrectionCap : Infinity;
  const explainedTtftS = expected.ttftS * Math.min(cap, Math.max(prefillFactor, 1));
  const tolerableTtftS = Math.max(expected.ttftS * cap, config.ttftTargetS);
  const backlogged = expected.saturated || observed.ttftS > tolerableTtftS;
  const servers = Math.max(1, observed.numPrefillWorkers);
  const excessS = observed.ttftS - Math.max(explainedTtftS, config.ttftTargetS);
  const backlogRequests =
    backlogged && excessS > 0 && expected.serviceS > 0
      ? (excessS * servers) / expected.serviceS
      : 0;
  return { expected, observedWaitS, backlogged, backlogRequests };
}

interface ExpectedLatencies {
  /** Mean TTFT the model expects (prefill service, queueing, one decode iteration), in s. */
  readonly ttftS: number;
  /** ITL the batch model expects at the Little's-law concurrency, in s. */
  readonly itlS: number;
  readonly decodeConcurrency: number;
  /** One prompt's prefill time at the observed ISL, as profiled, in s. */
  readonly serviceS: number;
  /** Mean prefill queueing the model expects at the observed load, uncorrected, in s. */
  readonly queueS: number;
  readonly firstStepS: number;
  /**
   * Prefill ran at 90 % of its capacity or more, or decode filled 90 % of its KV cache: TTFT
   * then includes a backlog that the queue formula does not describe.
   */
  readonly saturated: boolean;
}
