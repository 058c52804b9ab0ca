import type { DecodeInterpolator } from "./decodeInterpolator.ts";
import { createLoadPredictor, type LoadPredictor } from "./loadPredictor.ts";
import type { IntervalObservation } from "./observation.ts";
import type { PlannerConfig } from "./plannerConfig.ts";
import type {
  CorrectionFactors,
  PlannerDecision,
  PlannerLogLine,
  PredictedLoad,
} from "./plannerDecision.ts";
import type { PrefillInterpolator } from "./prefillInterpolator.ts";
import { formatFixed as f } from "./pythonFormat.ts";
import { computeReplicaRequirements, type ReplicaRequirements } from "./replicaRequirements.ts";

/**
 * The SLA planner's adjustment step, as Dynamo v0.4 runs it every interval: record the
 * observation, skip on NaN metrics, update the correction factors, predict the next interval's
 * load and size both roles. It holds the predictors and correction factors between intervals
 * and nothing else: no clock, no I/O. The caller applies the returned target.
 */
export class SlaPlanner {
  private readonly config: PlannerConfig;
  private readonly prefill: PrefillInterpolator;
  private readonly decode: DecodeInterpolator;
  private readonly numReqPredictor: LoadPredictor;
  private readonly islPredictor: LoadPredictor;
  private readonly oslPredictor: LoadPredictor;
  private prefillCorrection = 1;
  private decodeCorrection = 1;
  private lastCorrection: CorrectionFactors | null = null;
  private intervalIndex = 0;

  constructor(config: PlannerConfig, prefill: PrefillInterpolator, decode: DecodeInterpolator) {
    this.config = config;
    this.prefill = prefill;
    this.decode = decode;
    this.numReqPredictor = createLoadPredictor(config.loadPredictor);
    this.islPredictor = createLoadPredictor(config.loadPredictor);
    this.oslPredictor = createLoadPredictor(config.loadPredictor);
  }

  /** Runs one adjustment interval on what was observed over its window. */
  adjust(observed: IntervalObservation): PlannerDecision {
    const log: PlannerLogLine[] = [];
    const info = (message: string) => log.push({ level: "info", message });
    const base = { intervalIndex: this.intervalIndex++, observed, log };
    const end = (
      outcome: PlannerDecision["outcome"],
      reason: string | null,
      rest: Partial<PlannerDecision> = {},
    ): PlannerDecision => ({
      ...base,
      outcome,
      reason,
      correction: this.lastCorrection,
      predicted: null,
      replicas: null,
      target: null,
      ...rest,
    });

    // 1. Observe: log the window and feed the predictors (NaN is recorded as 0).
    info("New adjustment interval started!");
    log.push({
      level: "debug",
      message: `Number of prefill workers: ${observed.numPrefillWorkers}, number of decode workers: ${observed.numDecodeWorkers}`,
    });
    info(
      `Observed num_req: ${f(observed.numReq, 2)} isl: ${f(observed.islTokens, 2)} osl: ${f(observed.oslTokens, 2)}`,
    );
    info(`Observed ttft: ${f(observed.ttftS, 3)}s itl: ${f(observed.itlS, 3)}s`);
    this.numReqPredictor.addDataPoint(observed.numReq);
    this.islPredictor.addDataPoint(observed.islTokens);
    this.oslPredictor.addDataPoint(observed.oslTokens);

    // 2. Validity gate: no traffic in the window leaves NaN averages, and nothing changes.
    const { ttftS, itlS, islTokens, oslTokens } = observed;
    if ([ttftS, itlS, islTokens, oslTokens].some(Number.isNaN)) {
      const reason = "Metrics contain None or NaN values (no active requests), skipping adjustment";
      info(reason);
      return end("skipped", reason);
    }

    // 3. Correction factors from the last interval.
    info(
      `Number of prefill workers: ${observed.numPrefillWorkers}, number of decode workers: ${observed.numDecodeWorkers}`,
    );
    if (!this.config.noCorrection) {
      const failure = this.updateCorrection(observed, log);
      if (failure !== null) return end("failed", failure);
    }

    // 4. Predict the next interval's load.
    const predicted: PredictedLoad = {
      numReq: this.numReqPredictor.predictNext(),
      islTokens: this.islPredictor.predictNext(),
      oslTokens: this.oslPredictor.predictNext(),
    };
    info(
      `Predicted load: num_req=${f(predicted.numReq, 2)}, isl=${f(predicted.islTokens, 2)}, osl=${f(predicted.oslTokens, 2)}`,
    );

    // 5. Size both roles.
    const replicas = this.computeReplicas(predicted, log);
    if (replicas === null) {
      const reason = "Failed to compute number of replicas: the load or capacity is not finite";
      return end("failed", reason, { predicted });
    }
    const target = { numPrefill: replicas.numPrefill, numDecode: replicas.numDecode };
    return end("scaled", null, { predicted, replicas, target });
  }

  /**
   * Recomputes both factors; returns the failure message when Dynamo's step would raise. The
   * prefill factor is stored before the decode one is attempted, exactly as in Dynamo, so a
   * failure on decode still leaves the new prefill factor in place.
   */
  private updateCorrection(observed: IntervalObservation, log: PlannerLogLine[]): string | null {
    const expectedTtftS = this.prefill.ttftS(observed.islTokens);
    this.prefillCorrection = observed.ttftS / expectedTtftS;
    if (observed.numDecodeWorkers === 0) {
      const message = "Failed to correct prediction factors: float division by zero";
      log.push({ level: "error", message });
      return message;
    }
    const decodeConcurrency =
      ((observed.numReq / observed.numDecodeWorkers) * observed.requestDurationS) /
      this.config.adjustmentIntervalS;
    const contextTokens = observed.islTokens + observed.oslTokens / 2;
    if (Number.isNaN(decodeConcurrency)) {
      // Dynamo rounds the NaN to a grid index, and NumPy refuses to make an integer of it.
      const message = "Failed to correct prediction factors: cannot convert float NaN to integer";
      log.push({ level: "error", message });
      return message;
    }
    const expectedItlS = this.decode.itlS(decodeConcurrency, contextTokens);
    this.decodeCorrection = observed.itlS / expectedItlS;
    this.lastCorrection = {
      prefill: this.prefillCorrection,
      decode: this.decodeCorrection,
      expectedTtftS,
      expectedItlS,
      decodeConcurrency,
    };
    log.push({
      level: "info",
      message: `Correction factors: TTFT: ${f(this.prefillCorrection, 3)}, ITL: ${f(this.decodeCorrection, 3)}`,
    });
    return null;
  }

  private computeReplicas(
    predicted: PredictedLoad,
    log: PlannerLogLine[],
  ): ReplicaRequirements | null {
    const c = this.config;
    if (this.decodeCorrection <= 0) {
      log.push({
        level: "warning",
        message: `d_correction_factor is ${this.decodeCorrection}, using default value of 1.0`,
      });
    }
    const replicas = computeReplicaRequirements(
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
      this.prefill,
      this.decode,
    );
    if (!Number.isFinite(replicas.rawPrefill) || !Number.isFinite(replicas.rawDecode)) {
      log.push({
        level: "error",
        message: "Failed to compute number of replicas: cannot convert float to integer",
      });
      return null;
    }
    log.push({
      level: "info",
      message: `Predicted number of engine replicas: prefill=${replicas.flooredPrefill}, decode=${replicas.flooredDecode}`,
    });
    if (replicas.budgetApplied) {
      log.push({
        level: "warning",
        message: `Total number of GPUs required (${replicas.gpusRequired}) exceeds the max GPU budget (${c.maxGpuBudget}), scaling down to ${replicas.numPrefill} prefill and ${replicas.numDecode} decode replicas`,
      });
    }
    if (replicas.overBudget !== null) {
      const cause = {
        "minimum-endpoints": `the minimum of ${c.minEndpoint} replica(s) per role needs ${c.minEndpoint * (c.prefillEngineNumGpu + c.decodeEngineNumGpu)} GPUs`,
        "decode-minimum": `Dynamo v0.4 shrinks prefill without keeping room for the decode minimum of ${c.minEndpoint}`,
        rounding:
          "Dynamo v0.4 rounds each role's share of the budget to whole engines, half to even",
      }[replicas.overBudget];
      log.push({
        level: "warning",
        message: `${replicas.numPrefill} prefill and ${replicas.numDecode} decode replicas use ${replicas.gpusAllocated} GPUs, over the max GPU budget (${c.maxGpuBudget}): ${cause}`,
      });
    }
    return replicas;
  }
}
