/**
 * Reads a profile file written as JSON, in either of two forms per key:
 * - NumPy-like: `"prefill_isl": {"dtype": "int64", "shape": [17], "values": [100, ...]}`;
 * - plain: `"prefill_isl": [100, ...]`, or a bare number for a one-value array.
 * A time array says its unit, `"unit": "ms"` in the NumPy-like form, or through a top-level
 * `"units": {"prefill_ttft": "s"}`; a JSON profile has no convention to fall back on.
 * Python's `json` module writes NaN and ±Infinity as bare words, which strict JSON forbids; they
 * are accepted here so that the validators can report the bad value rather than a syntax error.
 */

import { InputError, describeValue, jsonSyntaxReason } from "../errors.ts";
import type { ProfileArray } from "./profileArrays.ts";

/** Parses JSON text into arrays by key; only `arrayNames` are read when given. */
export function parseProfileJson(
  text: string,
  file: string,
  arrayNames?: readonly string[],
): Map<string, ProfileArray> {
  const root = parseJsonObject(text, file);
  const keys = arrayNames ?? Object.keys(root);
  const units = readUnits(root.units, file);
  const arrays = new Map<string, ProfileArray>();
  for (const key of keys) {
    if (!Object.hasOwn(root, key) || key === "units") continue;
    const array = readArray(root[key], `${file}: ${key}`);
    const unit = array.unit ?? units[key];
    arrays.set(key, unit === undefined ? array : { ...array, unit });
  }
  return arrays;
}

function readUnits(raw: unknown, file: string): Record<string, string> {
  if (raw === undefined) return {};
  const isMap =
    typeof raw === "object" &&
    raw !== null &&
    !Array.isArray(raw) &&
    Object.values(raw).every((unit) => typeof unit === "string");
  if (!isMap) {
    throw new InputError(
      `${file}: units must map array names to unit names, e.g. {"prefill_ttft": "ms"}, got ${describeValue(raw)}`,
    );
  }
  return raw as Record<string, string>;
}

const NON_FINITE: Readonly<Record<string, number>> = {
  "\u0000NaN": NaN,
  "\u0000Infinity": Infinity,
  "\u0000-Infinity": -Infinity,
};

function parseJsonObject(text: string, file: string): Record<string, unknown> {
  // Quoted strings are the odd pieces of this split; only the words between them are rewritten.
  const pieces = text.split(/("(?:[^"\\]|\\.)*")/);
  const strict = pieces
    .map((piece, i) =>
      i % 2 === 1 ? piece : piece.replace(/-?Infinity|NaN/g, (w) => `"\\u0000${w}"`),
    )
    .join("");
  let root: unknown;
  try {
    root = JSON.parse(strict);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${jsonSyntaxReason(error, strict)})`);
  }
  if (root === null || typeof root !== "object" || Array.isArray(root)) {
    throw new InputError(
      `${file}: expected a JSON object of arrays by key, found ${describeValue(root)}`,
    );
  }
  return root as Record<string, unknown>;
}

function readArray(entry: unknown, where: string): ProfileArray {
  if (typeof entry === "number" || isNonFiniteWord(entry)) {
    return { shape: [], values: [readNumber(entry, where, 0)] };
  }
  if (Array.isArray(entry)) return { shape: [entry.length], values: readNumbers(entry, where) };
  if (entry !== null && typeof entry === "object" && "values" in entry) {
    return readNumpyLike(entry as Record<string, unknown>, where);
  }
  throw new InputError(
    `${where} must be an array of numbers or {dtype, shape, values}, got ${describeValue(entry)}`,
  );
}

const NUMERIC_DTYPE = /^(float(16|32|64)|u?int(8|16|32|64)|[<>|=]?[fiu][1248])$/;

function readNumpyLike(entry: Record<string, unknown>, where: string): ProfileArray {
  const { dtype, shape, values, unit } = entry;
  if (unit !== undefined && typeof unit !== "string") {
    throw new InputError(
      `${where}: unit must be a string such as "ms", got ${describeValue(unit)}`,
    );
  }
  if (dtype !== undefined && !(typeof dtype === "string" && NUMERIC_DTYPE.test(dtype))) {
    throw new InputError(
      `${where}: dtype ${describeValue(dtype)} is not supported (expected a float or integer dtype)`,
    );
  }
  const numbers = Array.isArray(values)
    ? readNumbers(values, where)
    : [readNumber(values, where, 0)];
  const withUnit = unit === undefined ? {} : { unit };
  if (shape === undefined) return { shape: [numbers.length], values: numbers, ...withUnit };
  const isShape = Array.isArray(shape) && shape.every((n) => Number.isSafeInteger(n) && n >= 0);
  const size = isShape ? (shape as number[]).reduce((product, n) => product * n, 1) : NaN;
  if (size !== numbers.length) {
    throw new InputError(
      `${where}: shape must be whole numbers ≥ 0 whose product is the ${numbers.length} values given, got ${describeValue(shape)}`,
    );
  }
  return { shape: shape as number[], values: numbers, ...withUnit };
}

function readNumbers(values: readonly unknown[], where: string): number[] {
  return values.map((value, i) => readNumber(value, where, i));
}

function readNumber(value: unknown, where: string, index: number): number {
  if (typeof value === "number") return value;
  if (isNonFiniteWord(value)) return NON_FINITE[value];
  throw new InputError(`${where}[${index}] must be a number, got ${describeValue(value)}`);
}

function isNonFiniteWord(value: unknown): value is string {
  return typeof value === "string" && Object.hasOwn(NON_FINITE, value);
}
