/**
 * Checks shared by the prefill and decode parsers: a key must be present, one-dimensional and
 * every value must satisfy a rule; the columns of one profile must be equally long. Messages
 * name the file, the key, the index, what was expected and what was found.
 */

import { InputError, describeValue } from "../errors.ts";
import type { ProfileArray, ProfileArrays } from "./profileArrays.ts";

/** A condition on each value of a column, with its wording for error messages. */
export interface ValueRule {
  readonly expected: string;
  readonly holds: (value: number) => boolean;
}

export const POSITIVE: ValueRule = {
  expected: "a finite number > 0",
  holds: (value) => Number.isFinite(value) && value > 0,
};

export const FRACTION: ValueRule = {
  expected: "a finite number in [0, 1]",
  holds: (value) => Number.isFinite(value) && value >= 0 && value <= 1,
};

/** A key every profile of a kind must carry, and what it holds (for "missing" messages). */
export interface ColumnSpec {
  readonly key: string;
  readonly meaning: string;
}

/** The array under `spec.key`, present however shaped; throws naming the file if missing. */
export function requireArray(arrays: ProfileArrays, file: string, spec: ColumnSpec): ProfileArray {
  const array = arrays.get(spec.key);
  if (array === undefined) {
    throw new InputError(`${file}: missing array "${spec.key}" (expected ${spec.meaning})`);
  }
  return array;
}

/** The 1-D values under `spec.key`, each satisfying `rule`, in the file's own units. */
export function requireColumn(
  arrays: ProfileArrays,
  file: string,
  spec: ColumnSpec,
  rule: ValueRule,
): readonly number[] {
  const { shape, values } = requireArray(arrays, file, spec);
  if (shape.length !== 1) {
    throw new InputError(`${file}: ${spec.key} must be 1-D, got shape ${describeValue(shape)}`);
  }
  const badIndex = values.findIndex((value) => !rule.holds(value));
  if (badIndex >= 0) {
    throw new InputError(
      `${file}: ${spec.key}[${badIndex}] must be ${rule.expected}, got ${describeValue(values[badIndex])}`,
    );
  }
  return values;
}

/** Throws unless every column has as many values as the first, naming both lengths. */
export function requireSameLength(
  file: string,
  columns: ReadonlyArray<readonly [key: string, values: readonly number[]]>,
): void {
  const [firstKey, firstValues] = columns[0];
  for (const [key, values] of columns.slice(1)) {
    if (values.length === firstValues.length) continue;
    throw new InputError(
      `${file}: ${key} has ${values.length} values but ${firstKey} has ${firstValues.length} (expected one per point)`,
    );
  }
}

/** Throws unless a column holds at least `minimum` points, with the reason it needs them. */
export function requireMinimumPoints(
  file: string,
  key: string,
  count: number,
  minimum: number,
  reason: string,
): void {
  if (count >= minimum) return;
  throw new InputError(
    `${file}: ${key} has ${count} points, expected at least ${minimum} (${reason})`,
  );
}

/**
 * Seconds from a time array in the unit its file declares: "ms" or "s". An undeclared unit is
 * refused, naming the array: a factor of 1,000 is not something to guess.
 */
export function timesInSeconds(
  arrays: ProfileArrays,
  file: string,
  spec: ColumnSpec,
  values: readonly number[],
): number[] {
  const unit = arrays.get(spec.key)?.unit;
  if (unit === "ms") return values.map((value) => value / 1000);
  if (unit === "s") return [...values];
  const found = unit === undefined ? "none" : describeValue(unit);
  throw new InputError(
    `${file}: ${spec.key} must declare its unit, "ms" or "s" (as "unit" beside its values, or in a top-level "units" object), got ${found}; Dynamo's .npz files are read as milliseconds`,
  );
}
