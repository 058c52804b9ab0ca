/**
 * Numbers typed on the command line: decimal only, and the whole-number options the commands
 * share.
 */
import { UsageError } from "./usageError.ts";

/**
 * The number a command-line value spells in decimal ("16", "-5", "0.5", "1e3"), or NaN.
 * `Number()` alone also reads "0x10" as 16, "0b11" as 3 and "" as 0, which no one typing a
 * GPU count or an interval means; the callers then refuse NaN with their own message.
 */
export function decimalNumber(text: string): number {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
}

/**
 * A `--flag N` that must be a whole number ≥ 1 (a GPU count, a worker count): `fallback`
 * when absent, a usage error of `command` naming the flag and the text otherwise.
 */
export function wholeNumberOption(
  text: string | undefined,
  flag: string,
  fallback: number,
  command: string,
): number {
  if (text === undefined) return fallback;
  const value = decimalNumber(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a whole number ≥ 1, got "${text}"`, command);
  }
  return value;
}
