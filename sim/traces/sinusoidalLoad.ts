/**
 * Dynamo's sinusoidal synthetic load (its benchmarks/sin_load_generator): a request rate and
 * a mix of two request shapes that both swing along sinusoids, used to exercise a planner
 * against a load that rises and falls on a known schedule.
 */
import { ConfigError, describeValue } from "../../src/errors.ts";
import { Random } from "../random.ts";
import { MAX_DURATION_S } from "./loadOptionRules.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** The generator's parameters; the names follow Dynamo's flags, with units added. */
export interface SinusoidalLoadOptions {
  /** Length of the load; the last slot is cut short if the slot does not divide it. */
  readonly durationS: number;
  /** Width of the slots that each draw one request count (Dynamo's process interval). */
  readonly slotS: number;
  readonly requestRateMinPerS: number;
  readonly requestRateMaxPerS: number;
  readonly requestRatePeriodS: number;
  /** The first request shape, drawn with probability islOslRatio(t). */
  readonly isl1Tokens: number;
  readonly osl1Tokens: number;
  /** The second request shape, drawn otherwise. */
  readonly isl2Tokens: number;
  readonly osl2Tokens: number;
  /** Bounds and period of the probability of the first shape (a share in [0, 1]). */
  readonly islOslRatioMin: number;
  readonly islOslRatioMax: number;
  readonly islOslRatioPeriodS: number;
  /** Tokens per prefix block: a request gets ceil(isl / blockSizeTokens) hash ids. */
  readonly blockSizeTokens: number;
  /** Hash ids are drawn uniformly (with repeats) from [0, totalBlocks). */
  readonly totalBlocks: number;
}

/** Dynamo's defaults. */
export const DEFAULT_SINUSOIDAL_LOAD: SinusoidalLoadOptions = {
  durationS: 100,
  slotS: 1,
  requestRateMinPerS: 5,
  requestRateMaxPerS: 10,
  requestRatePeriodS: 10,
  isl1Tokens: 100,
  osl1Tokens: 2000,
  isl2Tokens: 5000,
  osl2Tokens: 100,
  islOslRatioMin: 0.2,
  islOslRatioMax: 0.8,
  islOslRatioPeriodS: 10,
  blockSizeTokens: 512,
  totalBlocks: 10_000,
};

/**
 * The sinusoid both the rate and the ratio follow: between `min` and `max` with the given
 * period, at its minimum when tS = 0 (the −π/2 phase) and at its maximum half a period later.
 */
export function sinusoidAt(tS: number, min: number, max: number, periodS: number): number {
  return (min + max) / 2 + ((max - min) / 2) * Math.sin((2 * Math.PI * tS) / periodS - Math.PI / 2);
}

/**
 * The load for `seed`, as an iterable that draws requests only as they are consumed and
 * replays the same requests each time it is iterated. For each slot [t, t + Δ):
 * n ~ Poisson(rate(t)·Δ); request i of n arrives at t + i·Δ/n (evenly spaced from the slot
 * start, as Dynamo does); it takes the first shape with probability ratio at its own
 * arrival time, again as Dynamo does. Options are checked here, before any request is drawn.
 */
export function sinusoidalLoad(
  seed: number,
  options: Partial<SinusoidalLoadOptions> = {},
): Iterable<TraceRequest> {
  const load = { ...DEFAULT_SINUSOIDAL_LOAD, ...options };
  checkSinusoidalLoad(load);
  return { [Symbol.iterator]: () => generateSinusoidalLoad(seed, load) };
}

function* generateSinusoidalLoad(
  seed: number,
  load: SinusoidalLoadOptions,
): Generator<TraceRequest> {
  const random = new Random(seed);
  // Slot starts are index × width, not a running sum, so no rounding drift builds up.
  for (let slot = 0; slot * load.slotS < load.durationS; slot += 1) {
    const startS = slot * load.slotS;
    const widthS = Math.min(load.slotS, load.durationS - startS);
    const ratePerS = sinusoidAt(
      startS,
      load.requestRateMinPerS,
      load.requestRateMaxPerS,
      load.requestRatePeriodS,
    );
    const count = random.poisson(ratePerS * widthS);
    for (let index = 0; index < count; index += 1) {
      yield drawRequest(startS + (index * widthS) / count, load, random);
    }
  }
}

function drawRequest(arrivalS: number, load: SinusoidalLoadOptions, random: Random): TraceRequest {
  const firstShareAtArrival = sinusoidAt(
    arrivalS,
    load.islOslRatioMin,
    load.islOslRatioMax,
    load.islOslRatioPeriodS,
  );
  const isFirst = random.uniform() < firstShareAtArrival;
  const islTokens = isFirst ? load.isl1Tokens : load.isl2Tokens;
  const oslTokens = isFirst ? load.osl1Tokens : load.osl2Tokens;
  const blockCount = Math.ceil(islTokens / load.blockSizeTokens);
  const hashIds = Array.from({ length: blockCount }, () => random.integer(load.totalBlocks));
  return { arrivalS, islTokens, oslTokens, hashIds };
}

/** What each option must be: a phrase for the error, and the test (which may read others). */
type OptionRule = readonly [
  expected: string,
  holds: (value: number, load: SinusoidalLoadOptions) => boolean,
];

const POSITIVE: OptionRule = ["a number > 0", (value) => value > 0 && value < Infinity];
const WHOLE_FROM_1: OptionRule = [
  "a whole number ≥ 1",
  (value) => Number.isSafeInteger(value) && value >= 1,
];
const WHOLE_FROM_0: OptionRule = [
  "a whole number ≥ 0",
  (value) => Number.isSafeInteger(value) && value >= 0,
];

// A Record, so that an option added to the interface cannot be left unchecked. Minimums come
// before maximums, so a bad minimum is reported as itself.
const OPTION_RULES: Readonly<Record<keyof SinusoidalLoadOptions, OptionRule>> = {
  durationS: [
    `a number of seconds > 0 and ≤ ${MAX_DURATION_S} (a year)`,
    (value) => value > 0 && value <= MAX_DURATION_S,
  ],
  slotS: POSITIVE,
  requestRateMinPerS: ["a number ≥ 0", (value) => value >= 0 && value < Infinity],
  requestRateMaxPerS: [
    "a number ≥ requestRateMinPerS",
    (value, load) => value >= load.requestRateMinPerS && value < Infinity,
  ],
  requestRatePeriodS: POSITIVE,
  isl1Tokens: WHOLE_FROM_1,
  osl1Tokens: WHOLE_FROM_0,
  isl2Tokens: WHOLE_FROM_1,
  osl2Tokens: WHOLE_FROM_0,
  islOslRatioMin: ["a share in [0, 1]", (value) => value >= 0 && value <= 1],
  islOslRatioMax: [
    "a share in [islOslRatioMin, 1]",
    (value, load) => value >= load.islOslRatioMin && value <= 1,
  ],
  islOslRatioPeriodS: POSITIVE,
  blockSizeTokens: WHOLE_FROM_1,
  totalBlocks: WHOLE_FROM_1,
};

function checkSinusoidalLoad(load: SinusoidalLoadOptions): void {
  for (const name of Object.keys(OPTION_RULES) as (keyof SinusoidalLoadOptions)[]) {
    const [expected, holds] = OPTION_RULES[name];
    const value = load[name];
    if (typeof value === "number" && holds(value, load)) continue;
    const found = describeValue(value);
    throw new ConfigError(`sinusoidal load: ${name} must be ${expected}, got ${found}`);
  }
}
