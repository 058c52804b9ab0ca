import { describe, expect, it } from "vitest";

import { InputError } from "../../src/errors.ts";
import { parseProfileArrays } from "../../src/profile/profileArrays.ts";
import { makeDecodeArrays, toNpz, toNumpyLikeJson, toPlainJson } from "./makeProfileFile.ts";
import { thrownBy } from "../support/thrownBy.ts";

const FILE = "profiles/x/selected_decode_interpolation/raw_data.json";
const text = (json: string) => new TextEncoder().encode(json);

describe("parseProfileArrays", () => {
  it("reads the same arrays from .npz, NumPy-like JSON and plain JSON", () => {
    const expected = [0.1, 0.5, 0.2];
    for (const bytes of [
      toNpz(makeDecodeArrays()),
      toNumpyLikeJson(makeDecodeArrays()),
      toPlainJson(makeDecodeArrays()),
    ]) {
      const arrays = parseProfileArrays(bytes, FILE);
      expect(arrays.get("x_kv_usage")?.values).toEqual(expected);
      expect(arrays.get("x_kv_usage")?.shape).toEqual([3]);
      expect(arrays.get("max_kv_tokens")?.values).toEqual([100_000]);
    }
  });

  it("reads a bare number as a one-value array of shape []", () => {
    const arrays = parseProfileArrays(text('{"max_kv_tokens": 945029}'), FILE);
    expect(arrays.get("max_kv_tokens")).toEqual({ shape: [], values: [945_029] });
  });

  it("reads only the requested keys and leaves absent ones out", () => {
    const arrays = parseProfileArrays(text('{"z_itl": [1], "extra": "anything"}'), FILE, [
      "z_itl",
      "x_kv_usage",
    ]);
    expect([...arrays.keys()]).toEqual(["z_itl"]);
  });

  it("reads Python's NaN, Infinity and -Infinity words as numbers, but not inside strings", () => {
    const json = '{"z_itl": [NaN, Infinity, -Infinity, 1], "note": "NaN stays text"}';
    const arrays = parseProfileArrays(text(json), FILE, ["z_itl"]);
    expect(arrays.get("z_itl")?.values).toEqual([NaN, Infinity, -Infinity, 1]);
  });

  it("keeps a multi-dimensional NumPy-like shape", () => {
    const json = '{"grid": {"dtype": "float64", "shape": [2, 2], "values": [1, 2, 3, 4]}}';
    expect(parseProfileArrays(text(json), FILE).get("grid")?.shape).toEqual([2, 2]);
  });

  describe("bad input", () => {
    it("rejects a non-number value, naming key, index and value", () => {
      const error = thrownBy(() => parseProfileArrays(text('{"z_itl": [1, "2"]}'), FILE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(`${FILE}: z_itl[1] must be a number, got "2"`);
    });

    it("rejects a shape that does not match the number of values", () => {
      const json = '{"z_itl": {"dtype": "float64", "shape": [3], "values": [1, 2]}}';
      expect(thrownBy(() => parseProfileArrays(text(json), FILE)).message).toBe(
        `${FILE}: z_itl: shape must be whole numbers ≥ 0 whose product is the 2 values given, got [3]`,
      );
    });

    it("rejects a string dtype", () => {
      const json = '{"z_itl": {"dtype": "<U3", "shape": [1], "values": [1]}}';
      expect(thrownBy(() => parseProfileArrays(text(json), FILE)).message).toBe(
        `${FILE}: z_itl: dtype "<U3" is not supported (expected a float or integer dtype)`,
      );
    });

    it("rejects an entry that is neither an array nor {dtype, shape, values}", () => {
      expect(thrownBy(() => parseProfileArrays(text('{"z_itl": {"v": 1}}'), FILE)).message).toBe(
        `${FILE}: z_itl must be an array of numbers or {dtype, shape, values}, got {"v":1}`,
      );
    });

    it("rejects garbage bytes, showing the bytes found", () => {
      const bytes = new Uint8Array([0x00, 0xff, 0x13, 0x37, 0x42]);
      const error = thrownBy(() => parseProfileArrays(bytes, FILE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${FILE}: expected a .npz archive (a zip, starting with "PK") or a JSON object, found bytes 00 ff 13 37 42`,
      );
    });

    it("rejects an empty file", () => {
      expect(thrownBy(() => parseProfileArrays(new Uint8Array(), FILE)).message).toContain(
        "or a JSON object, found no bytes",
      );
    });

    it("rejects broken JSON, naming the file", () => {
      const error = thrownBy(() => parseProfileArrays(text('{"z_itl": [1, 2'), FILE));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(
        /^profiles\/x\/selected_decode_interpolation\/raw_data\.json: not valid JSON \(.+\)$/,
      );
    });

    it("rejects a JSON array at the top", () => {
      expect(thrownBy(() => parseProfileArrays(text(" [1, 2]"), FILE)).message).toContain(
        "or a JSON object, found bytes 20 5b 31 2c",
      );
    });
  });
});
