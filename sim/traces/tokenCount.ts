import { traceFieldError } from "./traceFieldError.ts";

// A CSV cell holding a plain decimal number; anything else (hex, exponent, blanks) is refused
// rather than letting Number() read "" as 0 or "0x10" as 16.
const DECIMAL_CELL = /^[+-]?\d+(?:\.\d+)?$/;

/** A token count taken from a JSON value: a whole number ≥ `minimum`, else an error at `where`. */
export function tokenCountFromJson(
  value: unknown,
  field: string,
  minimum: number,
  where: string,
): number {
  if (typeof value === "number" && isTokenCount(value, minimum)) return value;
  throw tokenCountError(where, field, minimum, value);
}

/** A token count taken from a CSV cell (surrounding blanks ignored), with the same rule. */
export function tokenCountFromCell(
  cell: string,
  field: string,
  minimum: number,
  where: string,
): number {
  const text = cell.trim();
  const value = DECIMAL_CELL.test(text) ? Number(text) : Number.NaN;
  if (isTokenCount(value, minimum)) return value;
  throw tokenCountError(where, field, minimum, text);
}

function isTokenCount(value: number, minimum: number): boolean {
  return Number.isSafeInteger(value) && value >= minimum;
}

function tokenCountError(where: string, field: string, minimum: number, found: unknown): Error {
  return traceFieldError(where, field, `a whole number ≥ ${minimum}`, found);
}
