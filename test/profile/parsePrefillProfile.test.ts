import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InputError } from "../../src/errors.ts";
import {
  parsePrefillProfile,
  parsePrefillProfileFile,
} from "../../src/profile/parsePrefillProfile.ts";
import {
  makePrefillArrays,
  toNpz,
  toNumpyLikeJson,
  toPlainJson,
  toProfileArrays,
  type PlainArrays,
} from "./makeProfileFile.ts";
import { messageThrownBy, thrownBy } from "../support/thrownBy.ts";

const FILE = "profiles/x/selected_prefill_interpolation/raw_data.json";

function parse(overrides: PlainArrays) {
  return parsePrefillProfile(toProfileArrays(makePrefillArrays(overrides)), FILE);
}

/** The message of the InputError that parsing `overrides` raises. */
function errorFor(overrides: PlainArrays): string {
  return messageThrownBy(() => parse(overrides), InputError);
}

/** At least four prefill points with distinct ISLs, TTFT in ms. */
const prefillPointsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 4, maxLength: 20 })
  .chain((isl) =>
    fc.record({
      prefill_isl: fc.constant(isl),
      prefill_ttft: fc.array(fc.double({ min: 0.001, max: 1e5, noNaN: true }), {
        minLength: isl.length,
        maxLength: isl.length,
      }),
      prefill_thpt_per_gpu: fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), {
        minLength: isl.length,
        maxLength: isl.length,
      }),
    }),
  );

/** The points and an ordering of their indices. */
function withPermutationArb(arrays: { prefill_isl: number[] }) {
  const indices = arrays.prefill_isl.map((_, i) => i);
  const n = indices.length;
  return fc.tuple(
    fc.constant(arrays),
    fc.shuffledSubarray(indices, { minLength: n, maxLength: n }),
  );
}

describe("parsePrefillProfile", () => {
  it("converts TTFT from ms to s: 10, 20, 30, 40 ms are 0.01 .. 0.04 s", () => {
    expect(parse({})).toEqual({
      islTokens: [1000, 2000, 3000, 4000],
      ttftS: [0.01, 0.02, 0.03, 0.04],
      tokensPerSPerGpu: [100_000, 100_000, 100_000, 100_000],
    });
  });

  it("sorts points by ISL, keeping each ISL with its own TTFT and throughput", () => {
    const profile = parse({
      prefill_isl: [3000, 1000, 4000, 2000],
      prefill_ttft: [30, 10, 40, 20],
      prefill_thpt_per_gpu: [3, 1, 4, 2],
    });
    expect(profile.islTokens).toEqual([1000, 2000, 3000, 4000]);
    expect(profile.ttftS).toEqual([0.01, 0.02, 0.03, 0.04]);
    expect(profile.tokensPerSPerGpu).toEqual([1, 2, 3, 4]);
  });

  it("gives the same profile for any order of the same points", () => {
    fc.assert(
      fc.property(prefillPointsArb.chain(withPermutationArb), ([arrays, order]) => {
        const shuffled = Object.fromEntries(
          Object.entries(arrays).map(([key, values]) => [key, order.map((i) => values[i])]),
        );
        expect(parsePrefillProfile(toProfileArrays(shuffled), FILE)).toEqual(
          parsePrefillProfile(toProfileArrays(arrays), FILE),
        );
      }),
    );
  });

  it("returns strictly increasing ISLs and TTFTs of exactly ms / 1000", () => {
    fc.assert(
      fc.property(prefillPointsArb, (arrays) => {
        const profile = parsePrefillProfile(toProfileArrays(arrays), FILE);
        profile.islTokens
          .slice(1)
          .forEach((isl, i) => expect(isl).toBeGreaterThan(profile.islTokens[i]));
        const position = arrays.prefill_isl.indexOf(profile.islTokens[0]);
        expect(profile.ttftS[0]).toBe(arrays.prefill_ttft[position] / 1000);
      }),
    );
  });

  it("ignores keys it does not know", () => {
    expect(parse({ prefill_notes: [1, 2] }).islTokens).toHaveLength(4);
  });

  describe("rejects, naming file, key, index and value found", () => {
    it("a missing key", () => {
      const arrays = toProfileArrays(makePrefillArrays());
      const withoutTtft = new Map([...arrays].filter(([key]) => key !== "prefill_ttft"));
      const error = thrownBy(() => parsePrefillProfile(withoutTtft, FILE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${FILE}: missing array "prefill_ttft" (expected the TTFT at each ISL)`,
      );
    });

    it("arrays of different lengths, naming both lengths", () => {
      expect(errorFor({ prefill_thpt_per_gpu: [1, 2, 3, 4, 5] })).toBe(
        `${FILE}: prefill_thpt_per_gpu has 5 values but prefill_isl has 4 (expected one per point)`,
      );
    });

    it("a negative TTFT", () => {
      expect(errorFor({ prefill_ttft: [10, 20, 30, -2] })).toBe(
        `${FILE}: prefill_ttft[3] must be a finite number > 0, got -2`,
      );
    });

    it("a NaN TTFT", () => {
      expect(errorFor({ prefill_ttft: [10, NaN, 30, 40] })).toBe(
        `${FILE}: prefill_ttft[1] must be a finite number > 0, got NaN`,
      );
    });

    it("an infinite throughput", () => {
      expect(errorFor({ prefill_thpt_per_gpu: [1, 2, Infinity, 4] })).toBe(
        `${FILE}: prefill_thpt_per_gpu[2] must be a finite number > 0, got Infinity`,
      );
    });

    it("an ISL of 0", () => {
      expect(errorFor({ prefill_isl: [0, 2000, 3000, 4000] })).toBe(
        `${FILE}: prefill_isl[0] must be a finite number > 0, got 0`,
      );
    });

    it("only 3 points, which a cubic cannot pass through", () => {
      const three = {
        prefill_isl: [1, 2, 3],
        prefill_ttft: [1, 2, 3],
        prefill_thpt_per_gpu: [1, 2, 3],
      };
      expect(errorFor(three)).toBe(
        `${FILE}: prefill_isl has 3 points, expected at least 4 (cubic interpolation needs 4)`,
      );
    });

    it("a repeated ISL, naming both indices", () => {
      expect(errorFor({ prefill_isl: [1000, 3000, 2000, 3000] })).toBe(
        `${FILE}: prefill_isl[1] and prefill_isl[3] are both 3000 (expected distinct ISLs)`,
      );
    });

    it("a two-dimensional array", () => {
      const arrays = new Map(toProfileArrays(makePrefillArrays()));
      arrays.set("prefill_isl", { shape: [2, 2], values: [1, 2, 3, 4] });
      expect(thrownBy(() => parsePrefillProfile(arrays, FILE)).message).toBe(
        `${FILE}: prefill_isl must be 1-D, got shape [2,2]`,
      );
    });
  });
});

describe("parsePrefillProfileFile", () => {
  it("reads the same profile from stored .npz, deflated .npz, NumPy-like JSON and plain JSON", () => {
    fc.assert(
      fc.property(prefillPointsArb, (arrays) => {
        const expected = parsePrefillProfile(toProfileArrays(arrays), FILE);
        for (const bytes of [
          toNpz(arrays, 0),
          toNpz(arrays, 6),
          toNumpyLikeJson(arrays),
          toPlainJson(arrays),
        ]) {
          expect(parsePrefillProfileFile(bytes, FILE)).toEqual(expected);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("reports a NaN from an .npz with the file, key and index", () => {
    const bytes = toNpz(makePrefillArrays({ prefill_ttft: [10, 20, NaN, 40] }));
    expect(thrownBy(() => parsePrefillProfileFile(bytes, "p.npz")).message).toBe(
      "p.npz: prefill_ttft[2] must be a finite number > 0, got NaN",
    );
  });

  it("reports a NaN written by Python's json module", () => {
    const json =
      '{"prefill_isl": [1, 2, 3, 4], "prefill_ttft": [1, NaN, 3, 4], "prefill_thpt_per_gpu": [1, 2, 3, 4]}';
    const bytes = new TextEncoder().encode(json);
    expect(thrownBy(() => parsePrefillProfileFile(bytes, FILE)).message).toBe(
      `${FILE}: prefill_ttft[1] must be a finite number > 0, got NaN`,
    );
  });

  it("rejects garbage bytes, naming the file", () => {
    const error = thrownBy(() =>
      parsePrefillProfileFile(new Uint8Array([0xde, 0xad, 0xbe, 0xef]), FILE),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${FILE}: expected a .npz archive (a zip, starting with "PK") or a JSON object, found bytes de ad be ef`,
    );
  });
});
