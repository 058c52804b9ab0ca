import { bestDecodeBatch } from "./decodeStepModel.ts";
import type { PlannerConfig } from "./plannerConfig.ts";
import type { ImprovedSizing, PredictedLoad } from "./plannerDecision.ts";
import { prefillEnginesForTtft } from "./prefillQueueing.ts";
import type { ProfileModel } from "./profileModel.ts";

/**
 * The improved mode's sizing: prefill by a queueing model, so that TTFT including the wait in
 * queue, times the prefill correction factor, meets its target; decode by the largest batch
 * whose profiled iteration time meets the ITL target, so capacity is what the engine measured
 * (batch ÷ ITL), not a throughput interpolated across context lengths. `backlogRequests` is
 * work already waiting (estimated from the last interval's excess TTFT): it is added to the
 * next interval's arrivals so the fleet drains it instead of only keeping up.
 */
export function sizeImproved(
  predicted: PredictedLoad,
  corrections: { prefill: number; decode: number },
  config: PlannerConfig,
  model: ProfileModel,
  backlogRequests = 0,
): ImprovedSizing {
  const intervalS = config.adjustmentIntervalS;
  const arrivalsPerS = (predicted.numReq + backlogRequests) / intervalS;

  // Prefill: one prompt per engine at a time for its profiled time. The correction factor
  // (observed over expected TTFT) scales the modelled TTFT, so the target shrinks by it.
  const prefillServiceS = model.prefill.ttftS(predicted.islTokens);
  const maxPrefill = Math.max(
    config.minEndpoint,
    Math.floor(
      (config.maxGpuBudget - config.minEndpoint * config.decodeEngineNumGpu) /
        config.prefillEngineNumGpu,
    ),
  );
  const prefillEnginesToKeepUp = Math.ceil(arrivalsPerS * prefillServiceS);
  // Aim below the targets (latencyHeadroom); the first token leaves with the first decode
  // iteration, so the TTFT target also leaves room for one.
  const itlAimS = config.itlTargetS * config.latencyHeadroom;
  const factor = corrections.prefill > 0 ? corrections.prefill : 1;
  const prefillTargetS = Math.max(
    (config.ttftTargetS * config.latencyHeadroom) / factor - itlAimS,
    0,
  );
  const queue = config.queueingAwarePrefill
    ? prefillEnginesForTtft(
        arrivalsPerS,
        prefillServiceS,
        prefillTargetS,
        config.arrivalVariability,
        config.serviceVariability,
        0,
        maxPrefill,
      )
    : {
        engines: prefillEnginesToKeepUp,
        ttftS: prefillServiceS,
        feasible: prefillServiceS <= prefillTargetS,
        met: prefillServiceS <= prefillTargetS,
      };

  // Decode: engines delivering the output tokens at the corrected ITL aim; when one request
  // alone misses it, at the corrected target; when it misses that too, at what keeps up.
  const decodeFactor = corrections.decode > 0 ? corrections.decode : 1;
  const correctedItlS = itlAimS / decodeFactor;
  const contextTokens = predicted.islTokens + predicted.oslTokens / 2;
  const batchWithin = (itlS: number) =>
    bestDecodeBatch(model.decodeSteps, itlS, contextTokens, model.maxKvTokens);
  let decodeSizing: ImprovedSizing["decodeSizing"] = "aim";
  let decodeSizedAtItlS = correctedItlS;
  let batch = batchWithin(decodeSizedAtItlS);
  if (!batch.meetsTarget) {
    decodeSizing = "target";
    decodeSizedAtItlS = config.itlTargetS / decodeFactor;
    batch = batchWithin(decodeSizedAtItlS);
  }
  if (!batch.meetsTarget) {
    decodeSizing = "keep-up";
    decodeSizedAtItlS = config.itlTargetS;
    batch = batchWithin(decodeSizedAtItlS);
  }
  const decodeTokensPerS = arrivalsPerS * predicted.oslTokens;
  const rawDecode = Math.ceil(decodeTokensPerS / batch.tokensPerS);
  const decodeEnginesToKeepUp = Math.ceil(
    decodeTokensPerS / batchWithin(config.itlTargetS).tokensPerS,
  );

  return {
    arrivalsPerS,
    prefillServiceS,
    prefillEnginesToKeepUp,
    expectedTtftS: (queue.ttftS + itlAimS) * factor,
    ttftTargetReachable: queue.feasible,
    ttftTargetMet: queue.met,
    maxPrefill,
    correctedItlS,
    decodeSizing,
    decodeSizedAtItlS,
    decodeBatchSize: batch.batchSize,
    decodeTokensPerSPerEngine: batch.tokensPerS,
    decodeTokensPerS,
    decodeEnginesToKeepUp,
    rawPrefill: queue.engines,
    rawDecode,
  };
}

/** What the scale-down guard remembers of a role between intervals. */
export interface RoleHistory {
  /** When the role's replica count last changed, in planner seconds. */
  lastChangeAtS: number;
  /** Recent recommendations (after the minimum), newest last. */
  recommendations: { atS: number; replicas: number }[];
}

/** A count the guard changed, and why. */
interface GuardClamp {
  readonly rule: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

/**
 * Scale-downs without flapping. A scale-down must pass three checks: consolidation (the
 * replicas left would run at or below `consolidationUtilization` of what they can serve within
 * target, so removing one does not push the rest over the edge next interval); stabilization,
 * as the Kubernetes HPA does it (no scale-down until `scaleDownStabilizationS` after the last
 * real change, and then no lower than the highest recommendation within that window); and the
 * optional step limit, which applies to scale-ups too.
 */
export function guardScaleDown(
  role: "prefill" | "decode",
  proposed: number,
  current: number,
  atS: number,
  history: RoleHistory,
  sizing: ImprovedSizing,
  config: PlannerConfig,
): { replicas: number; clamps: GuardClamp[] } {
  const clamps: GuardClamp[] = [];
  const windowS = config.scaleDownStabilizationS;
  history.recommendations.push({ atS, replicas: proposed });
  while (history.recommendations.length > 0 && history.recommendations[0].atS <= atS - windowS) {
    history.recommendations.shift();
  }
  let replicas = proposed;

  if (replicas < current && config.consolidationUtilization < 1) {
    const utilization = (n: number) => utilizationAt(role, n, sizing);
    let kept = replicas;
    while (kept < current && utilization(kept) > config.consolidationUtilization) kept += 1;
    if (kept !== replicas) {
      clamps.push({
        rule: "consolidation",
        from: replicas,
        to: kept,
        reason: `${replicas} replica(s) would run at ${percent(utilization(replicas))} of capacity, over ${percent(config.consolidationUtilization)}`,
      });
      replicas = kept;
    }
  }

  if (replicas < current && windowS > 0) {
    const sinceChangeS = atS - history.lastChangeAtS;
    if (sinceChangeS < windowS) {
      clamps.push({
        rule: "stabilization",
        from: replicas,
        to: current,
        reason: `last change ${Math.round(sinceChangeS)} s ago, within the ${windowS} s scale-down window`,
      });
      replicas = current;
    } else {
      const highest = Math.max(...history.recommendations.map((r) => r.replicas));
      const held = Math.min(current, Math.max(replicas, highest));
      if (held !== replicas) {
        clamps.push({
          rule: "stabilization",
          from: replicas,
          to: held,
          reason: `${highest} recommended within the last ${windowS} s`,
        });
        replicas = held;
      }
    }
  }

  const step = config.maxStepPerInterval;
  if (step > 0 && Math.abs(replicas - current) > step) {
    const limited = replicas > current ? current + step : current - step;
    clamps.push({
      rule: "max-step",
      from: replicas,
      to: limited,
      reason: `at most ${step} replica(s) per interval`,
    });
    replicas = limited;
  }
  return { replicas, clamps };
}

/** Share of capacity `n` replicas of a role would use at the sized load. */
function utilizationAt(role: "prefill" | "decode", n: number, sizing: ImprovedSizing): number {
  if (n <= 0) return Infinity;
  if (role === "prefill") return (sizing.arrivalsPerS * sizing.prefillServiceS) / n;
  return sizing.decodeTokensPerS / (n * sizing.decodeTokensPerSPerEngine);
}

function percent(share: number): string {
  return Number.isFinite(share) ? `${Math.round(share * 100)} %` : "more than 100 %";
}
