import type { DecodeProfile } from "../profile/engineProfile.ts";

/** One profiled context length: ITL against batch size, batch sizes increasing. */
interface ContextRow {
  readonly contextTokens: number;
  readonly batchSizes: Float64Array;
  readonly itlS: Float64Array;
}

/**
 * Decode iteration time from the profile, as a function of batch size and context length.
 *
 * Dynamo's profiler measures decode at a few context lengths, sweeping concurrency at each; it
 * records KV usage = batch × context / capacity. Interpolating ITL in (KV usage, context) space,
 * as the planner's grid does, blends a heavy batch at a short context with a light batch at a
 * long one: at context 1,360 and 5 % KV usage the grid gives 9.7 ms where both neighbouring rows
 * say about 6 ms for the same 35 requests. This model instead interpolates along each profiled
 * row in batch size (piecewise linear; beyond the largest measured batch the last rising slope
 * continues, since a larger batch is never faster), then linearly between the two rows that
 * bracket the context (clamped at the ends). The simulator times its decode iterations with it,
 * and the improved planner sizes decode with it. A profile without such rows (fewer than two
 * points at each of two context lengths) falls back to `fallback`.
 */
export class DecodeStepModel {
  private readonly rows: readonly ContextRow[];
  private readonly fallback: (kvUsage: number, contextTokens: number) => number;
  private readonly maxKvTokens: number;

  constructor(
    profile: DecodeProfile,
    fallback: (kvUsage: number, contextTokens: number) => number,
  ) {
    this.maxKvTokens = profile.maxKvTokens;
    this.fallback = fallback;
    this.rows = groupRows(profile);
  }

  /** Whether the profile had the row structure this model needs. */
  get usesProfileRows(): boolean {
    return this.rows.length >= 2;
  }

  /** Seconds one iteration takes with `batchSize` requests whose mean context is given. */
  stepTimeS(batchSize: number, meanContextTokens: number): number {
    if (!this.usesProfileRows) {
      const kvUsage = (batchSize * meanContextTokens) / this.maxKvTokens;
      return this.fallback(kvUsage, meanContextTokens);
    }
    const rows = this.rows;
    let upper = 0;
    while (upper < rows.length && rows[upper].contextTokens < meanContextTokens) upper += 1;
    if (upper === 0) return itlAtBatch(rows[0], batchSize);
    if (upper === rows.length) return itlAtBatch(rows[rows.length - 1], batchSize);
    const low = rows[upper - 1];
    const high = rows[upper];
    const weight =
      (meanContextTokens - low.contextTokens) / (high.contextTokens - low.contextTokens);
    return itlAtBatch(low, batchSize) * (1 - weight) + itlAtBatch(high, batchSize) * weight;
  }
}

/** The largest batch that meets an ITL target, and what it delivers. */
export interface DecodeBatchPoint {
  /** Requests decoded together. */
  readonly batchSize: number;
  /** Iteration time at that batch, in seconds. */
  readonly itlS: number;
  /** Output tokens per second of one engine at that batch. */
  readonly tokensPerS: number;
  /** False when even one request alone misses the target. */
  readonly meetsTarget: boolean;
}

/**
 * The largest whole batch whose iteration time meets `itlTargetS` at this context length, within
 * the engine's KV capacity; the scan runs down from the largest batch that fits, as Dynamo's
 * search does, since interpolated ITL need not grow monotonically with the batch.
 */
export function bestDecodeBatch(
  model: DecodeStepModel,
  itlTargetS: number,
  contextTokens: number,
  maxKvTokens: number,
): DecodeBatchPoint {
  const largest = Math.max(1, Math.floor(maxKvTokens / Math.max(1, contextTokens)));
  for (let batchSize = largest; batchSize >= 1; batchSize -= 1) {
    const itlS = model.stepTimeS(batchSize, contextTokens);
    if (itlS <= itlTargetS)
      return { batchSize, itlS, tokensPerS: batchSize / itlS, meetsTarget: true };
  }
  const itlS = model.stepTimeS(1, contextTokens);
  return { batchSize: 1, itlS, tokensPerS: 1 / itlS, meetsTarget: false };
}

function groupRows(profile: DecodeProfile): ContextRow[] {
  const byContext = new Map<number, { batch: number; itlS: number }[]>();
  profile.contextLengthTokens.forEach((context, i) => {
    const batch = (profile.kvUsage[i] * profile.maxKvTokens) / context;
    const points = byContext.get(context) ?? [];
    points.push({ batch, itlS: profile.itlS[i] });
    byContext.set(context, points);
  });
  const rows: ContextRow[] = [];
  for (const [contextTokens, points] of byContext) {
    if (points.length < 2) continue;
    points.sort((a, b) => a.batch - b.batch);
    rows.push({
      contextTokens,
      batchSizes: Float64Array.from(points, (p) => p.batch),
      itlS: Float64Array.from(points, (p) => p.itlS),
    });
  }
  return rows.sort((a, b) => a.contextTokens - b.contextTokens);
}

/** ITL of a row at a batch size: linear between points, flat below, rising slope above. */
function itlAtBatch(row: ContextRow, batchSize: number): number {
  const b = row.batchSizes;
  const y = row.itlS;
  const n = b.length;
  if (batchSize <= b[0]) return y[0];
  let i = 1;
  while (i < n - 1 && b[i] < batchSize) i += 1;
  const slope = (y[i] - y[i - 1]) / (b[i] - b[i - 1]);
  if (batchSize <= b[i]) return y[i - 1] + slope * (batchSize - b[i - 1]);
  // Past the largest measured batch: keep growing at the last segment's slope, never falling.
  return y[n - 1] + Math.max(0, slope) * (batchSize - b[n - 1]);
}
