/**
 * How the synthetic loads check their options up front: each option has a rule, a phrase for
 * the error and a test that may read the other options, and the first broken one is reported
 * by name, e.g. `poisson load: ratePerS must be a number ≥ 0, got -1`.
 */
import { ConfigError, describeValue } from "../../src/errors.ts";

/** What one option must be: a phrase for the error, and the test (which may read others). */
export type LoadOptionRule<Load> = readonly [
  expected: string,
  holds: (value: number, load: Load) => boolean,
];

/** The rule of every numeric option of `Load`, so that none can be left unchecked. */
export type LoadOptionRules<Load> = { readonly [Name in keyof Load]: LoadOptionRule<Load> };

export const POSITIVE: LoadOptionRule<unknown> = [
  "a number > 0",
  (value) => value > 0 && value < Infinity,
];
export const NON_NEGATIVE: LoadOptionRule<unknown> = [
  "a number ≥ 0",
  (value) => value >= 0 && value < Infinity,
];
/** Requests per second beyond any deployment: a bound that keeps a typo from exhausting memory. */
export const MAX_RATE_PER_S = 100_000;
/** The longest load: a year, as for trace files. */
export const MAX_DURATION_S = 366 * 24 * 3600;

export const RATE: LoadOptionRule<unknown> = [
  `a number of requests per second ≥ 0 and ≤ ${MAX_RATE_PER_S}`,
  (value) => value >= 0 && value <= MAX_RATE_PER_S,
];
export const DURATION: LoadOptionRule<unknown> = [
  `a number of seconds > 0 and ≤ ${MAX_DURATION_S} (a year)`,
  (value) => value > 0 && value <= MAX_DURATION_S,
];
export const WHOLE_FROM_1: LoadOptionRule<unknown> = [
  "a whole number ≥ 1",
  (value) => Number.isSafeInteger(value) && value >= 1,
];
export const WHOLE_FROM_0: LoadOptionRule<unknown> = [
  "a whole number ≥ 0",
  (value) => Number.isSafeInteger(value) && value >= 0,
];
export const SHARE: LoadOptionRule<unknown> = [
  "a share in [0, 1]",
  (value) => value >= 0 && value <= 1,
];

/** Throws a ConfigError naming `loadName` and the first option of `load` its rule refuses. */
export function checkLoadOptions<Load extends object>(
  loadName: string,
  load: Load,
  rules: LoadOptionRules<Load>,
): void {
  for (const name of Object.keys(rules) as (keyof Load & string)[]) {
    const [expected, holds] = rules[name];
    const value = load[name];
    if (typeof value === "number" && holds(value, load)) continue;
    const found = describeValue(value);
    throw new ConfigError(`${loadName}: ${name} must be ${expected}, got ${found}`);
  }
}
