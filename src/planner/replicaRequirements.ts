import type { DecodeInterpolator } from "./decodeInterpolator.ts";
import type { PrefillInterpolator } from "./prefillInterpolator.ts";
import { pythonMin } from "./pythonFormat.ts";
import { roundHalfEven } from "./roundHalfEven.ts";

/** The predicted load of the next interval and the sizing rules to apply to it. */
export interface ReplicaInputs {
  /** Requests predicted for the next interval (a count, not a rate). */
  readonly numReq: number;
  /** Mean input length predicted, in tokens. */
  readonly islTokens: number;
  /** Mean output length predicted, in tokens. */
  readonly oslTokens: number;
  /** Adjustment interval, in seconds. */
  readonly intervalS: number;
  /** Observed over expected TTFT from the last interval. */
  readonly prefillCorrection: number;
  /** Observed over expected ITL from the last interval. */
  readonly decodeCorrection: number;
  /** ITL target, in seconds. */
  readonly itlTargetS: number;
  /** GPUs that prefill and decode together may use. */
  readonly maxGpuBudget: number;
  /** Fewest replicas of each role. */
  readonly minEndpoint: number;
  readonly prefillEngineNumGpu: number;
  readonly decodeEngineNumGpu: number;
}

/**
 * Why v0.4's counts can exceed the budget: the minimum endpoints alone need more GPUs; or
 * prefill was shrunk without leaving room for decode's minimum, which then wins; or rounding a
 * role's share to whole engines, half to even, went up (by at most half the larger engine).
 */
export type OverBudgetCause = "minimum-endpoints" | "decode-minimum" | "rounding";

/** The replica counts and every term that led to them. */
export interface ReplicaRequirements {
  /** Prefill tokens per second to serve: load × min(1, prefill correction). */
  readonly prefillTokensPerS: number;
  /** Prefill capacity of one GPU at the predicted ISL, in tokens per second. */
  readonly prefillTokensPerSPerGpu: number;
  /** ITL target after dividing by the decode correction, in seconds. */
  readonly correctedItlS: number;
  /** Decode output tokens per second to serve. */
  readonly decodeTokensPerS: number;
  /** Best decode throughput of one GPU under the corrected ITL, in tokens per second. */
  readonly decodeTokensPerSPerGpu: number;
  /** Replicas from the formulas, before the minimum and the budget. */
  readonly rawPrefill: number;
  readonly rawDecode: number;
  /** After the minimum endpoints. */
  readonly flooredPrefill: number;
  readonly flooredDecode: number;
  /** GPUs the floored counts need. */
  readonly gpusRequired: number;
  /** The final counts. */
  readonly numPrefill: number;
  readonly numDecode: number;
  /** Whether the budget shrank the counts. */
  readonly budgetApplied: boolean;
  /** GPUs the final counts use. */
  readonly gpusAllocated: number;
  /**
   * Why the final counts use more GPUs than the budget, or null when they fit.
   */
  readonly overBudget: OverBudgetCause | null;
  /** Whether the corrected ITL fell back to the raw target (decode correction ≤ 0). */
  readonly itlCorrectionIgnored: boolean;
}

/**
 * Dynamo v0.4's replica formulas. Prefill: ceil(tokens/s × min(1, correction) ÷ capacity per
 * GPU ÷ GPUs per engine) — the correction can only lower prefill, never raise it. Decode: the
 * ITL target is divided by the correction, the best throughput meeting it is read from the
 * profile, and ceil(output tokens/s ÷ that ÷ GPUs per engine). Both are raised to the minimum;
 * over the budget, prefill shrinks proportionally (round half to even) and decode takes the GPUs
 * left. The minimum wins over the budget, as in Dynamo, and rounding a share to whole engines
 * can also overshoot it (budget 16, engines of 1 and 2 GPUs: 1 prefill, 8 decode, 17 GPUs);
 * `overBudget` says which. The arithmetic is done in Dynamo's order so that ceilings fall on
 * the same side.
 */
export function computeReplicaRequirements(
  inputs: ReplicaInputs,
  prefill: PrefillInterpolator,
  decode: DecodeInterpolator,
): ReplicaRequirements {
  const { numReq, islTokens, oslTokens, intervalS, minEndpoint, maxGpuBudget } = inputs;
  const gP = inputs.prefillEngineNumGpu;
  const gD = inputs.decodeEngineNumGpu;

  // Prefill from throughput at the predicted input length.
  const prefillTokensPerS =
    ((numReq * islTokens) / intervalS) * pythonMin(1, inputs.prefillCorrection);
  const prefillTokensPerSPerGpu = prefill.tokensPerSPerGpu(islTokens);
  const rawPrefill = Math.ceil(prefillTokensPerS / prefillTokensPerSPerGpu / gP);

  // Decode from the best throughput that meets the corrected ITL.
  // Only a factor ≤ 0 is ignored (Dynamo's guard against an empty observation); NaN passes.
  const itlCorrectionIgnored = inputs.decodeCorrection <= 0;
  // A factor so small that the division overflows leaves the target unlimited, where every
  // operating point meets it; the largest finite number makes the same choice and stays JSON.
  const correctedItlS = itlCorrectionIgnored
    ? inputs.itlTargetS
    : Math.min(inputs.itlTargetS / inputs.decodeCorrection, Number.MAX_VALUE);
  const best = decode.bestOperatingPoint(correctedItlS, islTokens + oslTokens / 2);
  const decodeTokensPerS = (numReq * oslTokens) / intervalS;
  const rawDecode = Math.ceil((numReq * oslTokens) / intervalS / best.tokensPerSPerGpu / gD);

  // Minimum endpoints, then the GPU budget.
  const flooredPrefill = Math.max(rawPrefill, minEndpoint);
  const flooredDecode = Math.max(rawDecode, minEndpoint);
  const gpusRequired = flooredPrefill * gP + flooredDecode * gD;
  let numPrefill = flooredPrefill;
  let numDecode = flooredDecode;
  const budgetApplied = gpusRequired > maxGpuBudget;
  if (budgetApplied) {
    const scale = maxGpuBudget / gpusRequired;
    numPrefill = Math.max(minEndpoint, roundHalfEven(flooredPrefill * scale));
    numDecode = Math.max(minEndpoint, roundHalfEven((maxGpuBudget - numPrefill * gP) / gD));
  }

  const gpusAllocated = numPrefill * gP + numDecode * gD;
  const decodeShare = roundHalfEven((maxGpuBudget - numPrefill * gP) / gD);
  let overBudget: OverBudgetCause | null = null;
  if (gpusAllocated > maxGpuBudget) {
    if (minEndpoint * (gP + gD) > maxGpuBudget) overBudget = "minimum-endpoints";
    else if (decodeShare < minEndpoint) overBudget = "decode-minimum";
    else overBudget = "rounding";
  }

  return {
    prefillTokensPerS,
    prefillTokensPerSPerGpu,
    correctedItlS,
    decodeTokensPerS,
    decodeTokensPerSPerGpu: best.tokensPerSPerGpu,
    rawPrefill,
    rawDecode,
    flooredPrefill,
    flooredDecode,
    gpusRequired,
    numPrefill,
    numDecode,
    budgetApplied,
    gpusAllocated,
    overBudget,
    itlCorrectionIgnored,
  };
}
