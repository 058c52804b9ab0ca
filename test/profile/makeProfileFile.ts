/**
 * Small valid prefill and decode profiles in Dynamo's keys and units (ms), and writers that turn
 * them into the file forms the loaders accept: plain JSON, NumPy-like JSON and .npz.
 */

import { zipSync } from "fflate";

import {
  TIME_ARRAY_NAMES,
  type ProfileArray,
  type ProfileArrays,
} from "../../src/profile/profileArrays.ts";
import { makeNpy } from "./makeNpy.ts";

/** Arrays by key as a plain JSON profile file holds them. */
export type PlainArrays = Readonly<Record<string, number | readonly number[]>>;

/** Four prefill points: ISL 1000..4000 tokens, TTFT 10..40 ms, throughput = ISL / TTFT. */
export function makePrefillArrays(overrides: PlainArrays = {}): PlainArrays {
  return {
    prefill_isl: [1000, 2000, 3000, 4000],
    prefill_ttft: [10, 20, 30, 40],
    prefill_thpt_per_gpu: [100_000, 100_000, 100_000, 100_000],
    ...overrides,
  };
}

/** Three decode points at context 1000 and 2000 tokens, ITL 5..15 ms, 100,000 KV tokens. */
export function makeDecodeArrays(overrides: PlainArrays = {}): PlainArrays {
  return {
    x_kv_usage: [0.1, 0.5, 0.2],
    y_context_length: [1000, 1000, 2000],
    z_itl: [5, 15, 8],
    z_thpt_per_gpu: [2000, 5000, 3000],
    max_kv_tokens: [100_000],
    ...overrides,
  };
}

/** The arrays as the parsers receive them from a file, times declared in milliseconds. */
export function toProfileArrays(arrays: PlainArrays, timeUnit = "ms"): ProfileArrays {
  const entries = Object.entries(arrays).map(([key, value]): [string, ProfileArray] => {
    const unit = TIME_ARRAY_NAMES.includes(key) ? { unit: timeUnit } : {};
    return typeof value === "number"
      ? [key, { shape: [], values: [value], ...unit }]
      : [key, { shape: [value.length], values: value, ...unit }];
  });
  return new Map(entries);
}

/** A plain JSON file: each key -> array of numbers (or a bare number), and the time units. */
export function toPlainJson(arrays: PlainArrays): Uint8Array {
  const units = Object.fromEntries(
    TIME_ARRAY_NAMES.filter((key) => key in arrays).map((key) => [key, "ms"]),
  );
  return new TextEncoder().encode(JSON.stringify({ ...arrays, units }));
}

/** A NumPy-like JSON file: each key -> {dtype, shape, values}, as our own conversion writes. */
export function toNumpyLikeJson(arrays: PlainArrays): Uint8Array {
  const entries = Object.entries(arrays).map(([key, value]) => {
    const values = typeof value === "number" ? [value] : value;
    const unit = TIME_ARRAY_NAMES.includes(key) ? { unit: "ms" } : {};
    return [key, { dtype: "float64", shape: [values.length], values, ...unit }];
  });
  return new TextEncoder().encode(JSON.stringify(Object.fromEntries(entries), null, 1));
}

/** A .npz of `<f8` arrays; level 0 stores the entries, any other level deflates them. */
export function toNpz(arrays: PlainArrays, level: 0 | 6 = 6): Uint8Array {
  const entries = Object.entries(arrays).map(([key, value]) => {
    const values = typeof value === "number" ? [value] : value;
    return [`${key}.npy`, makeNpy({ descr: "<f8", values })] as const;
  });
  return zipSync(Object.fromEntries(entries), { level });
}
