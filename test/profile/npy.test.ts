import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InputError } from "../../src/errors.ts";
import { parseNpy } from "../../src/profile/npy.ts";
import { makeNpy } from "./makeNpy.ts";
import { thrownBy } from "../support/thrownBy.ts";

const WHERE = 'raw_data.npz: array "z_itl"';

/** Each supported integer dtype with its full range. */
const INTEGER_RANGES: ReadonlyArray<readonly [code: string, min: number, max: number]> = [
  ["i1", -128, 127],
  ["i2", -32_768, 32_767],
  ["i4", -2_147_483_648, 2_147_483_647],
  ["i8", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ["u1", 0, 255],
  ["u2", 0, 65_535],
  ["u4", 0, 4_294_967_295],
  ["u8", 0, Number.MAX_SAFE_INTEGER],
];

const byteOrderArb = fc.constantFrom("<", ">");
const float64sArb = fc.array(fc.double(), { maxLength: 20 });
const float32sArb = fc.array(fc.float(), { maxLength: 20 });

describe("parseNpy", () => {
  describe("round trips", () => {
    it.each(INTEGER_RANGES)(
      "reads %s at both ends of its range in either byte order",
      (code, min, max) => {
        for (const order of code.endsWith("1") ? ["|", "<", ">"] : ["<", ">"]) {
          const values = [min, min < 0 ? -1 : 1, 0, max];
          const array = parseNpy(makeNpy({ descr: `${order}${code}`, values }), WHERE);
          expect(array.values).toEqual(values);
          expect(array.shape).toEqual([4]);
          expect(array.descr).toBe(`${order}${code}`);
        }
      },
    );

    it("reads any float64 values exactly, NaN, ±Infinity and -0 included", () => {
      fc.assert(
        fc.property(float64sArb, byteOrderArb, (values, order) => {
          const array = parseNpy(makeNpy({ descr: `${order}f8`, values }), WHERE);
          expect(array.values).toEqual(values);
        }),
      );
    });

    it("reads any float32 values exactly", () => {
      fc.assert(
        fc.property(float32sArb, byteOrderArb, (values, order) => {
          const array = parseNpy(makeNpy({ descr: `${order}f4`, values }), WHERE);
          expect(array.values).toEqual(values);
        }),
      );
    });

    it("reads any int64 within ±(2^53 - 1) exactly", () => {
      const limit = BigInt(Number.MAX_SAFE_INTEGER);
      const int64sArb = fc.array(fc.bigInt(-limit, limit), { maxLength: 20 });
      fc.assert(
        fc.property(int64sArb, byteOrderArb, (values, order) => {
          const array = parseNpy(makeNpy({ descr: `${order}i8`, values }), WHERE);
          expect(array.values).toEqual(values.map(Number));
        }),
      );
    });

    it("returns the values flat in C order with the shape, for any number of dimensions", () => {
      const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });
      fc.assert(
        fc.property(shapeArb, (shape) => {
          const count = shape.reduce((product, n) => product * n, 1);
          const values = Array.from({ length: count }, (_, i) => i * 0.5);
          const array = parseNpy(makeNpy({ descr: "<f8", shape, values }), WHERE);
          expect(array.shape).toEqual(shape);
          expect(array.values).toEqual(values);
        }),
      );
    });

    it("reads a 0-d array as one value with an empty shape", () => {
      const array = parseNpy(makeNpy({ descr: "<i8", shape: [], values: [945_029] }), WHERE);
      expect(array).toEqual({ descr: "<i8", shape: [], values: [945_029] });
    });

    it("reads big-endian bytes most significant first: >i2 bytes 01 02 are 258", () => {
      const bytes = makeNpy({ descr: ">i2", values: [258] });
      expect(Array.from(bytes.subarray(-2))).toEqual([0x01, 0x02]);
      expect(parseNpy(bytes, WHERE).values).toEqual([258]);
    });

    it("reads bytes that sit at an odd offset inside a larger buffer", () => {
      const npy = makeNpy({ descr: "<f8", values: [1.5, -2.25] });
      const padded = new Uint8Array(npy.length + 3);
      padded.set(npy, 3);
      expect(parseNpy(padded.subarray(3), WHERE).values).toEqual([1.5, -2.25]);
    });
  });

  describe("format versions", () => {
    it.each([1, 2, 3])("reads a version %i.0 header", (version) => {
      const bytes = makeNpy({ descr: "<f8", values: [14.296637], version });
      expect(bytes[6]).toBe(version);
      expect(parseNpy(bytes, WHERE).values).toEqual([14.296637]);
    });

    it("reads the 4-byte header length of version 2.0 beyond 65,535 bytes", () => {
      const longHeader = `{'descr': '<u1', 'fortran_order': False, 'shape': (2,), ${" ".repeat(70_000)}}`;
      const bytes = makeNpy({ descr: "<u1", values: [7, 9], version: 2, rawHeader: longHeader });
      expect(parseNpy(bytes, WHERE).values).toEqual([7, 9]);
    });

    it("rejects version 4.0 naming the versions it reads", () => {
      const bytes = makeNpy({ descr: "<f8", values: [1], version: 4 });
      expect(thrownBy(() => parseNpy(bytes, WHERE)).message).toBe(
        `${WHERE}: .npy format version 4.0 is not supported (expected 1.0, 2.0 or 3.0)`,
      );
    });
  });

  describe("memory order", () => {
    it("accepts fortran_order True when at most one dimension is longer than 1", () => {
      for (const shape of [[3], [1, 3], [3, 1, 1]]) {
        const bytes = makeNpy({ descr: "<f8", shape, values: [1, 2, 3], fortranOrder: true });
        expect(parseNpy(bytes, WHERE).values).toEqual([1, 2, 3]);
      }
    });

    it("rejects fortran_order True for a 2 x 3 array", () => {
      const bytes = makeNpy({
        descr: "<f8",
        shape: [2, 3],
        values: [1, 2, 3, 4, 5, 6],
        fortranOrder: true,
      });
      const error = thrownBy(() => parseNpy(bytes, WHERE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(
        `${WHERE}: fortran_order True with shape [2,3] is not supported`,
      );
    });
  });

  describe("bad input", () => {
    it("rejects bytes without the magic, showing the bytes found", () => {
      const bytes = new TextEncoder().encode("PK\u0003\u0004 not an array");
      const error = thrownBy(() => parseNpy(bytes, WHERE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${WHERE}: not a .npy array (expected the magic bytes 93 4e 55 4d 50 59, found bytes 50 4b 03 04 20 6e)`,
      );
    });

    it("rejects data shorter than the shape needs: 3 f8 values need 24 bytes", () => {
      const whole = makeNpy({ descr: "<f8", values: [1, 2, 3] });
      const error = thrownBy(() => parseNpy(whole.subarray(0, whole.length - 1), WHERE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${WHERE}: data of shape [3] is truncated (expected 24 bytes, found 23)`,
      );
    });

    it("rejects a header cut short", () => {
      const whole = makeNpy({ descr: "<f8", values: [1] });
      const error = thrownBy(() => parseNpy(whole.subarray(0, 40), WHERE));
      expect(error.message).toBe(`${WHERE}: header is truncated (expected 128 bytes, found 40)`);
    });

    it.each(["<U3", "|O", "<c16", "|b1", "<f2", "<M8[ns]", "|S5", "|V8"])(
      "rejects dtype %s naming the array and the dtype",
      (descr) => {
        const error = thrownBy(() => parseNpy(makeNpy({ descr, values: [] }), WHERE));
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toBe(
          `${WHERE}: dtype "${descr}" is not supported (expected a float or integer dtype)`,
        );
      },
    );

    it("rejects a structured dtype", () => {
      const rawHeader = "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }";
      const error = thrownBy(() =>
        parseNpy(makeNpy({ descr: "<f8", values: [1], rawHeader }), WHERE),
      );
      expect(error.message).toBe(
        `${WHERE}: dtype [["a","<f8"]] is not supported (expected a float or integer dtype)`,
      );
    });

    it("rejects a multi-byte dtype without a byte order", () => {
      const error = thrownBy(() => parseNpy(makeNpy({ descr: "|f8", values: [1] }), WHERE));
      expect(error.message).toBe(
        `${WHERE}: dtype "|f8" has no byte order (expected '<' or '>' for a 8-byte type)`,
      );
    });

    it("rejects an int64 of 2^53 + 1, which a JS number cannot hold", () => {
      const values = [1n, 2n ** 53n + 1n];
      const error = thrownBy(() => parseNpy(makeNpy({ descr: "<i8", values }), WHERE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${WHERE}: element [1] must be within ±9007199254740991 to be held exactly, got 9007199254740993`,
      );
    });

    it("rejects a uint64 of 2^64 - 1", () => {
      const values = [2n ** 64n - 1n];
      const error = thrownBy(() => parseNpy(makeNpy({ descr: "<u8", values }), WHERE));
      expect(error.message).toContain("got 18446744073709551615");
    });

    it("rejects a header that is not a dict literal", () => {
      const rawHeader = "__import__('os')";
      const error = thrownBy(() =>
        parseNpy(makeNpy({ descr: "<f8", values: [], rawHeader }), WHERE),
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(`${WHERE}: header is not a valid literal`);
    });
  });
});
