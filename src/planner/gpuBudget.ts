/**
 * Fitting replica counts into a GPU budget. Dynamo v0.4 shrinks prefill proportionally with
 * round-half-to-even and gives decode the rest (see replicaRequirements.ts); later Dynamo, and
 * the improved mode, use the floor-based rule below, which always fits and keeps room for the
 * decode minimum.
 */

/** The planner settings a budget rule reads (a `PlannerConfig` has them all). */
export interface BudgetSettings {
  readonly maxGpuBudget: number;
  readonly minEndpoint: number;
  readonly prefillEngineNumGpu: number;
  readonly decodeEngineNumGpu: number;
}

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
  budget: BudgetSettings,
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

/**
 * The improved mode's budget rule: throughput before latency. A role given fewer engines than
 * it needs to keep up with arrivals builds a queue that never drains, whatever the other role
 * holds; so each role first gets what keeps it up (`keepUp`, at least the minimum), and only
 * the GPUs left are shared out towards the latency targets, in proportion to what each role
 * asked beyond keeping up. When even keeping up does not fit, the budget is shared in
 * proportion to the keep-up needs (the later-Dynamo floor rule on them), so that both roles
 * fall short by the same share. Never exceeds the budget; never goes below the minimum.
 */
export function fitBudgetKeepingUp(
  numPrefill: number,
  numDecode: number,
  keepUp: { prefill: number; decode: number },
  budget: BudgetSettings,
): BudgetedCounts {
  const { maxGpuBudget, minEndpoint, prefillEngineNumGpu: gP, decodeEngineNumGpu: gD } = budget;
  const required = numPrefill * gP + numDecode * gD;
  if (maxGpuBudget < minEndpoint * (gP + gD) || required <= maxGpuBudget) {
    return fitBudgetByFloor(numPrefill, numDecode, budget);
  }
  const floorOf = (asked: number, needed: number) =>
    Math.min(asked, Math.max(minEndpoint, Number.isNaN(needed) ? 0 : needed));
  const floorPrefill = floorOf(numPrefill, keepUp.prefill);
  const floorDecode = floorOf(numDecode, keepUp.decode);
  const spare = maxGpuBudget - floorPrefill * gP - floorDecode * gD;
  if (spare <= 0) {
    // The floor rule hands decode every GPU prefill leaves; no more than it asked for here.
    const shared = fitBudgetByFloor(floorPrefill, floorDecode, budget);
    return { ...shared, numDecode: Math.min(shared.numDecode, floorDecode), applied: true };
  }

  // Share the spare GPUs in proportion to each role's ask beyond keeping up, in whole engines;
  // the engines the rounding leaves go one at a time to the role furthest from its ask.
  const extraPrefill = numPrefill - floorPrefill;
  const extraDecode = numDecode - floorDecode;
  const scale = spare / (extraPrefill * gP + extraDecode * gD);
  let prefill = floorPrefill + Math.floor(extraPrefill * scale);
  let decode = floorDecode + Math.floor(extraDecode * scale);
  for (;;) {
    const left = maxGpuBudget - prefill * gP - decode * gD;
    const prefillShort = prefill < numPrefill && gP <= left ? 1 - prefill / numPrefill : -1;
    const decodeShort = decode < numDecode && gD <= left ? 1 - decode / numDecode : -1;
    if (prefillShort < 0 && decodeShort < 0) break;
    if (prefillShort >= decodeShort) prefill += 1;
    else decode += 1;
  }
  return { numPrefill: prefill, numDecode: decode, applied: true, belowMinimums: false };
}
