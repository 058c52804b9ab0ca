/**
 * Turns the arrays of Dynamo's `selected_decode_interpolation/raw_data` into a DecodeProfile.
 * The points are scattered (a sweep of concurrency at a few context lengths), so their order is
 * kept as the file gives it. ITL arrives in milliseconds and leaves in seconds.
 */

import { InputError, describeValue } from "../errors.ts";
import type { DecodeProfile } from "./engineProfile.ts";
import { parseProfileArrays, type ProfileArrays } from "./profileArrays.ts";
import {
  FRACTION,
  POSITIVE,
  requireArray,
  requireColumn,
  requireMinimumPoints,
  requireSameLength,
  type ColumnSpec,
  timesInSeconds,
} from "./profileColumn.ts";

const KV_USAGE: ColumnSpec = {
  key: "x_kv_usage",
  meaning: "the share of KV capacity in use at each point, 0..1",
};
const CONTEXT_LENGTH: ColumnSpec = {
  key: "y_context_length",
  meaning: "the context length at each point, in tokens",
};
const ITL: ColumnSpec = { key: "z_itl", meaning: "the ITL at each point" };
const THROUGHPUT: ColumnSpec = {
  key: "z_thpt_per_gpu",
  meaning: "the decode throughput at each point, in tokens/s/GPU",
};
const MAX_KV_TOKENS: ColumnSpec = {
  key: "max_kv_tokens",
  meaning: "one number, the KV-cache capacity of a decode engine in tokens",
};

/** The keys a decode profile file must carry; any others are ignored. */
export const DECODE_ARRAY_NAMES: readonly string[] = [
  KV_USAGE.key,
  CONTEXT_LENGTH.key,
  ITL.key,
  THROUGHPUT.key,
  MAX_KV_TOKENS.key,
];

/** Dynamo interpolates ITL over a Delaunay triangulation, which needs three points. */
const MIN_DECODE_POINTS = 3;

/** Validates decode arrays (ITL in its declared unit) and returns them in file order, in s. */
export function parseDecodeProfile(arrays: ProfileArrays, file: string): DecodeProfile {
  // 1. Every column present, 1-D, in range and equally long; enough points to triangulate.
  const kvUsage = requireColumn(arrays, file, KV_USAGE, FRACTION);
  const contextLength = requireColumn(arrays, file, CONTEXT_LENGTH, POSITIVE);
  const itlRaw = requireColumn(arrays, file, ITL, POSITIVE);
  const itlS = timesInSeconds(arrays, file, ITL, itlRaw);
  const throughput = requireColumn(arrays, file, THROUGHPUT, POSITIVE);
  requireSameLength(file, [
    [KV_USAGE.key, kvUsage],
    [CONTEXT_LENGTH.key, contextLength],
    [ITL.key, itlS],
    [THROUGHPUT.key, throughput],
  ]);
  requireMinimumPoints(
    file,
    KV_USAGE.key,
    kvUsage.length,
    MIN_DECODE_POINTS,
    "triangulation needs 3",
  );

  // 2. Into this product's units.
  return {
    kvUsage: [...kvUsage],
    contextLengthTokens: [...contextLength],
    itlS,
    tokensPerSPerGpu: [...throughput],
    maxKvTokens: requireMaxKvTokens(arrays, file),
  };
}

/** Parses a decode profile file, .npz or JSON. */
export function parseDecodeProfileFile(bytes: Uint8Array, file: string): DecodeProfile {
  return parseDecodeProfile(parseProfileArrays(bytes, file, DECODE_ARRAY_NAMES), file);
}

/** Dynamo stores the KV capacity as a one-element array; a plain number is accepted too. */
function requireMaxKvTokens(arrays: ProfileArrays, file: string): number {
  const { values } = requireArray(arrays, file, MAX_KV_TOKENS);
  if (values.length !== 1) {
    throw new InputError(
      `${file}: max_kv_tokens must hold exactly 1 value, got ${values.length}: ${describeValue(values)}`,
    );
  }
  const [maxKvTokens] = values;
  if (!Number.isSafeInteger(maxKvTokens) || maxKvTokens <= 0) {
    throw new InputError(
      `${file}: max_kv_tokens must be a whole number > 0, got ${describeValue(maxKvTokens)}`,
    );
  }
  return maxKvTokens;
}
