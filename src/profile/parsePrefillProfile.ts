/**
 * Turns the arrays of Dynamo's `selected_prefill_interpolation/raw_data` into a PrefillProfile.
 * Dynamo's profiler measures one request at a time per ISL and stores TTFT in milliseconds; this
 * is the boundary where milliseconds become seconds.
 */

import { InputError } from "../errors.ts";
import type { PrefillProfile } from "./engineProfile.ts";
import { parseProfileArrays, type ProfileArrays } from "./profileArrays.ts";
import {
  POSITIVE,
  requireColumn,
  requireMinimumPoints,
  requireSameLength,
  type ColumnSpec,
  timesInSeconds,
} from "./profileColumn.ts";

const ISL: ColumnSpec = { key: "prefill_isl", meaning: "the input lengths measured, in tokens" };
const TTFT: ColumnSpec = { key: "prefill_ttft", meaning: "the TTFT at each ISL" };
const THROUGHPUT: ColumnSpec = {
  key: "prefill_thpt_per_gpu",
  meaning: "the prefill throughput at each ISL, in tokens/s/GPU",
};

/** The keys a prefill profile file must carry; any others are ignored. */
export const PREFILL_ARRAY_NAMES: readonly string[] = [ISL.key, TTFT.key, THROUGHPUT.key];

/** Dynamo interpolates TTFT over ISL with a cubic spline, which needs four points. */
const MIN_PREFILL_POINTS = 4;

/** Validates prefill arrays (TTFT in its declared unit) and returns them sorted by ISL, in s. */
export function parsePrefillProfile(arrays: ProfileArrays, file: string): PrefillProfile {
  // 1. Every column present, 1-D, positive and equally long; enough points for a cubic.
  const isl = requireColumn(arrays, file, ISL, POSITIVE);
  const ttftRaw = requireColumn(arrays, file, TTFT, POSITIVE);
  const ttftS = timesInSeconds(arrays, file, TTFT, ttftRaw);
  const throughput = requireColumn(arrays, file, THROUGHPUT, POSITIVE);
  requireSameLength(file, [
    [ISL.key, isl],
    [TTFT.key, ttftS],
    [THROUGHPUT.key, throughput],
  ]);
  requireMinimumPoints(
    file,
    ISL.key,
    isl.length,
    MIN_PREFILL_POINTS,
    "cubic interpolation needs 4",
  );

  // 2. Sorted by ISL as SciPy's interp1d sorts its points; equal ISLs have no single TTFT.
  const order = orderByDistinctIsl(isl, file);

  // 3. Into this product's units.
  return {
    islTokens: order.map((i) => isl[i]),
    ttftS: order.map((i) => ttftS[i]),
    tokensPerSPerGpu: order.map((i) => throughput[i]),
  };
}

/** Parses a prefill profile file, .npz or JSON. */
export function parsePrefillProfileFile(bytes: Uint8Array, file: string): PrefillProfile {
  return parsePrefillProfile(parseProfileArrays(bytes, file, PREFILL_ARRAY_NAMES), file);
}

/** Indices of `isl` in increasing ISL order; throws naming both indices of any repeated ISL. */
function orderByDistinctIsl(isl: readonly number[], file: string): number[] {
  const order = isl.map((_, i) => i).sort((a, b) => isl[a] - isl[b] || a - b);
  for (let k = 1; k < order.length; k += 1) {
    const [first, second] = [order[k - 1], order[k]];
    if (isl[first] !== isl[second]) continue;
    throw new InputError(
      `${file}: prefill_isl[${first}] and prefill_isl[${second}] are both ${isl[first]} (expected distinct ISLs)`,
    );
  }
  return order;
}
