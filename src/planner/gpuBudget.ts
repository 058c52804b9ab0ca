/**
 * Fitting replica counts into a GPU budget. Dynamo v0.4 shrinks prefill proportionally with
 * round-half-to-even and gives decode the rest (see replicaRequirements.ts); later Dynamo, and
 * the improved mode, use the floor-based rule below, which always fits and keeps room for the
 * decode minimum.
 */

/** Counts after the budget, and whether it changed them. */
export interface BudgetedCounts {
  readonly numPrefill: number;
  readonly numDecode: number;
  readonly applied: boolean;
  /** The budget cannot cover the minimum replicas: Dynamo answers 0 and 0. */
  readonly belowMinimums: boolean;
}

/**
 * Later Dynamo's budget rule: if the minimums alone exceed the budget, 0 and 0. Otherwise, over
 * budget, scale = budget / required; prefill = max(min, min(largest prefill that leaves the
 * decode minimum room, floor(prefill × scale))); decode = max(min, floor(GPUs left / per
 * engine)). Floors, so the result never exceeds the budget.
 */
export function fitBudgetByFloor(
  numPrefill: number,
  numDecode: number,
  budget: {
    maxGpuBudget: number;
    minEndpoint: number;
    prefillEngineNumGpu: number;
    decodeEngineNumGpu: number;
  },
): BudgetedCounts {
  const { maxGpuBudget, minEndpoint, prefillEngineNumGpu: gP, decodeEngineNumGpu: gD } = budget;
  if (maxGpuBudget < minEndpoint * (gP + gD)) {
    return { numPrefill: 0, numDecode: 0, applied: true, belowMinimums: true };
  }
  const required = numPrefill * gP + numDecode * gD;
  if (required <= maxGpuBudget) {
    return { numPrefill, numDecode, applied: false, belowMinimums: false };
  }
  const scale = maxGpuBudget / required;
  const mostPrefill = Math.floor((maxGpuBudget - minEndpoint * gD) / gP);
  const prefill = Math.max(minEndpoint, Math.min(mostPrefill, Math.floor(numPrefill * scale)));
  const decode = Math.max(minEndpoint, Math.floor((maxGpuBudget - prefill * gP) / gD));
  return { numPrefill: prefill, numDecode: decode, applied: true, belowMinimums: false };
}
