import { InputError, describeValue } from "../../src/errors.ts";

/**
 * The error for one field of one trace row, worded the same way by every reader:
 * `<where>: <field> must be <expected>, got <found>`, where a missing field reads "nothing".
 */
export function traceFieldError(
  where: string,
  field: string,
  expected: string,
  found: unknown,
): InputError {
  const shown = found === undefined ? "nothing" : describeValue(found);
  return new InputError(`${where}: ${field} must be ${expected}, got ${shown}`);
}

/** How errors name one line of a trace file: `<file> line <n>` (lines count from 1). */
export function traceLineLocation(fileName: string, lineNumber: number): string {
  return `${fileName} line ${lineNumber}`;
}
