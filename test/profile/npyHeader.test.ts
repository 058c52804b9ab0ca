import { describe, expect, it } from "vitest";

import { InputError } from "../../src/errors.ts";
import { parseNpyHeader, parsePythonLiteral } from "../../src/profile/npyHeader.ts";
import { thrownBy } from "../support/thrownBy.ts";

describe("parseNpyHeader", () => {
  it("reads the header NumPy writes for Dynamo's prefill ISLs", () => {
    const text = "{'descr': '<i8', 'fortran_order': False, 'shape': (17,), }          \n";
    expect(parseNpyHeader(text, "x.npy")).toEqual({
      descr: "<i8",
      fortranOrder: false,
      shape: [17],
    });
  });

  it("reads Python 2 long integers (17L) and double quotes", () => {
    const text = '{"descr": "<f8", "fortran_order": True, "shape": (2L, 3L)}';
    expect(parseNpyHeader(text, "x.npy")).toEqual({
      descr: "<f8",
      fortranOrder: true,
      shape: [2, 3],
    });
  });

  it("reads an empty shape tuple as a 0-d array", () => {
    const text = "{'descr': '<f8', 'fortran_order': False, 'shape': ()}";
    expect(parseNpyHeader(text, "x.npy").shape).toEqual([]);
  });

  it("names the missing field", () => {
    const error = thrownBy(() => parseNpyHeader("{'descr': '<f8', 'shape': (1,)}", "x.npy"));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("x.npy: header has no 'fortran_order'");
  });

  it("rejects a negative or fractional extent", () => {
    const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}";
    expect(thrownBy(() => parseNpyHeader(text, "x.npy")).message).toBe(
      "x.npy: header 'shape' must be a tuple of whole numbers ≥ 0, got [-1]",
    );
  });
});

describe("parsePythonLiteral", () => {
  it("reads nested lists, tuples, dicts, None and negative numbers", () => {
    const text = "{'a': [1, (2, -3)], 'b': None, 'c': {'d': True}}";
    expect(parsePythonLiteral(text, "x")).toEqual({ a: [1, [2, -3]], b: null, c: { d: true } });
  });

  it("rejects anything after the literal, saying where", () => {
    expect(thrownBy(() => parsePythonLiteral("{} x", "x")).message).toBe(
      'x: header is not a valid literal (expected end of header at character 3, found "x")',
    );
  });

  it("rejects an unterminated string", () => {
    expect(thrownBy(() => parsePythonLiteral("{'descr", "x")).message).toContain(
      "expected a closing '",
    );
  });
});
