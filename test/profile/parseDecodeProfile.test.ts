import { describe, expect, it } from "vitest";

import { InputError } from "../../src/errors.ts";
import {
  parseDecodeProfile,
  parseDecodeProfileFile,
} from "../../src/profile/parseDecodeProfile.ts";
import {
  makeDecodeArrays,
  toNpz,
  toNumpyLikeJson,
  toPlainJson,
  toProfileArrays,
  type PlainArrays,
} from "./makeProfileFile.ts";
import { messageThrownBy, thrownBy } from "../support/thrownBy.ts";

const FILE = "profiles/x/selected_decode_interpolation/raw_data.npz";

function parse(overrides: PlainArrays) {
  return parseDecodeProfile(toProfileArrays(makeDecodeArrays(overrides)), FILE);
}

/** The message of the InputError that parsing `overrides` raises. */
function errorFor(overrides: PlainArrays): string {
  return messageThrownBy(() => parse(overrides), InputError);
}

describe("parseDecodeProfile", () => {
  it("keeps the file's point order and converts ITL from ms to s: 5, 15, 8 ms", () => {
    expect(parse({})).toEqual({
      kvUsage: [0.1, 0.5, 0.2],
      contextLengthTokens: [1000, 1000, 2000],
      itlS: [0.005, 0.015, 0.008],
      tokensPerSPerGpu: [2000, 5000, 3000],
      maxKvTokens: 100_000,
    });
  });

  it("accepts max_kv_tokens as a bare number", () => {
    expect(parse({ max_kv_tokens: 945_029 }).maxKvTokens).toBe(945_029);
  });

  it("accepts KV usage at both ends of [0, 1]", () => {
    expect(parse({ x_kv_usage: [0, 1, 0.5] }).kvUsage).toEqual([0, 1, 0.5]);
  });

  it("ignores keys it does not know", () => {
    expect(parse({ z_notes: [1, 2] }).itlS).toHaveLength(3);
  });

  describe("rejects, naming file, key, index and value found", () => {
    it("a missing key", () => {
      const arrays = new Map(toProfileArrays(makeDecodeArrays()));
      arrays.delete("y_context_length");
      expect(thrownBy(() => parseDecodeProfile(arrays, FILE)).message).toBe(
        `${FILE}: missing array "y_context_length" (expected the context length at each point, in tokens)`,
      );
    });

    it("a missing max_kv_tokens", () => {
      const arrays = new Map(toProfileArrays(makeDecodeArrays()));
      arrays.delete("max_kv_tokens");
      const error = thrownBy(() => parseDecodeProfile(arrays, FILE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${FILE}: missing array "max_kv_tokens" (expected one number, the KV-cache capacity of a decode engine in tokens)`,
      );
    });

    it("arrays of different lengths, naming both lengths", () => {
      expect(errorFor({ z_itl: [5, 15] })).toBe(
        `${FILE}: z_itl has 2 values but x_kv_usage has 3 (expected one per point)`,
      );
    });

    it("a KV usage of 1.5", () => {
      expect(errorFor({ x_kv_usage: [0.1, 1.5, 0.2] })).toBe(
        `${FILE}: x_kv_usage[1] must be a finite number in [0, 1], got 1.5`,
      );
    });

    it("a negative KV usage", () => {
      expect(errorFor({ x_kv_usage: [-0.1, 0.5, 0.2] })).toBe(
        `${FILE}: x_kv_usage[0] must be a finite number in [0, 1], got -0.1`,
      );
    });

    it("a NaN throughput", () => {
      expect(errorFor({ z_thpt_per_gpu: [2000, 5000, NaN] })).toBe(
        `${FILE}: z_thpt_per_gpu[2] must be a finite number > 0, got NaN`,
      );
    });

    it("a negative context length", () => {
      expect(errorFor({ y_context_length: [1000, -350, 2000] })).toBe(
        `${FILE}: y_context_length[1] must be a finite number > 0, got -350`,
      );
    });

    it("an ITL of 0", () => {
      expect(errorFor({ z_itl: [5, 0, 8] })).toBe(
        `${FILE}: z_itl[1] must be a finite number > 0, got 0`,
      );
    });

    it("only 2 points, which cannot be triangulated", () => {
      const two = {
        x_kv_usage: [0.1, 0.2],
        y_context_length: [1, 2],
        z_itl: [1, 2],
        z_thpt_per_gpu: [1, 2],
      };
      expect(errorFor(two)).toBe(
        `${FILE}: x_kv_usage has 2 points, expected at least 3 (triangulation needs 3)`,
      );
    });

    it("a max_kv_tokens of two values", () => {
      expect(errorFor({ max_kv_tokens: [945_029, 1] })).toBe(
        `${FILE}: max_kv_tokens must hold exactly 1 value, got 2: [945029,1]`,
      );
    });

    it("a fractional max_kv_tokens", () => {
      expect(errorFor({ max_kv_tokens: [9.5] })).toBe(
        `${FILE}: max_kv_tokens must be a whole number > 0, got 9.5`,
      );
    });

    it("a max_kv_tokens of 0", () => {
      expect(errorFor({ max_kv_tokens: 0 })).toBe(
        `${FILE}: max_kv_tokens must be a whole number > 0, got 0`,
      );
    });
  });
});

describe("parseDecodeProfileFile", () => {
  it("reads the same profile from stored .npz, deflated .npz, NumPy-like JSON and plain JSON", () => {
    const expected = parse({});
    const arrays = makeDecodeArrays();
    for (const bytes of [
      toNpz(arrays, 0),
      toNpz(arrays, 6),
      toNumpyLikeJson(arrays),
      toPlainJson(arrays),
    ]) {
      expect(parseDecodeProfileFile(bytes, FILE)).toEqual(expected);
    }
  });

  it("reports a KV usage of 1.5 read from an .npz", () => {
    const bytes = toNpz(makeDecodeArrays({ x_kv_usage: [0.1, 0.5, 1.5] }));
    expect(thrownBy(() => parseDecodeProfileFile(bytes, FILE)).message).toBe(
      `${FILE}: x_kv_usage[2] must be a finite number in [0, 1], got 1.5`,
    );
  });
});
