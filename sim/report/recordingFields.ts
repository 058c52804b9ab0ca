import { traceFieldError } from "../traces/traceFieldError.ts";

/**
 * Readers for the fields of a parsed JSON recording, each failing with an InputError worded
 * `<where>: <field> must be <expected>, got <found>`.
 */

/** A JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as an object, or the error naming `field`. */
export function objectField(value: unknown, where: string, field: string): JsonObject {
  if (isJsonObject(value)) return value;
  throw traceFieldError(where, field, "an object", value);
}

/** `value` as an object, or null when it is null. */
export function objectOrNullField(value: unknown, where: string, field: string): JsonObject | null {
  if (value === null) return null;
  if (isJsonObject(value)) return value;
  throw traceFieldError(where, field, "an object or null", value);
}

/** `value` as a finite number of at least `min`. */
export function numberField(value: unknown, where: string, field: string, min = -Infinity) {
  if (typeof value === "number" && Number.isFinite(value) && value >= min) return value;
  const expected = min === -Infinity ? "a number" : `a number ≥ ${min}`;
  throw traceFieldError(where, field, expected, value);
}

/** `value` as a finite number, or NaN where JSON holds null (a window without traffic). */
export function numberOrNullField(value: unknown, where: string, field: string): number {
  if (value === null) return Number.NaN;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw traceFieldError(where, field, "a number or null", value);
}

/** `point` without its undefined fields, so that absent figures are absent keys. */
export function withoutUndefined<T extends object>(point: T): T {
  const entries = Object.entries(point).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as T;
}
