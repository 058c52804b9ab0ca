// Seeded series for predictor tests: the house Random with a Box–Muller normal on top.
import { Random } from "../../../sim/random.ts";
import {
  DEFAULT_PREDICTOR_OPTIONS,
  type LoadPredictor,
  type PredictorOptions,
} from "../../../src/planner/loadPredictor.ts";

/** `n` independent standard normal draws from `seed`. */
export function normals(seed: number, n: number): number[] {
  const random = new Random(seed);
  return Array.from({ length: n }, () => {
    const u1 = 1 - random.uniform();
    const u2 = random.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  });
}

/** y_t = mean + φ (y_{t−1} − mean) + e_t, e_t standard normal, started at the mean. */
export function ar1Series(seed: number, n: number, phi: number, mean: number): number[] {
  let deviation = 0;
  return normals(seed, n).map((e) => {
    deviation = phi * deviation + e;
    return mean + deviation;
  });
}

/** The running sum of standard normal steps from `start`. */
export function randomWalk(seed: number, n: number, start = 0): number[] {
  let level = start;
  return normals(seed, n).map((step) => (level += step));
}

/** Predictor options: Dynamo's defaults with `overrides` on top. */
export function makeOptions(overrides: Partial<PredictorOptions> = {}): PredictorOptions {
  return { ...DEFAULT_PREDICTOR_OPTIONS, ...overrides };
}

/** Feeds every figure, then asks for the forecast. */
export function forecastAfter(predictor: LoadPredictor, figures: readonly number[]): number {
  for (const figure of figures) predictor.addDataPoint(figure);
  return predictor.predictNext();
}

/**
 * Dynamo's dry-run loop on a series: before each figure from `fromIndex` on, the forecast;
 * then the figure. Returns the forecasts, one per figure from `fromIndex`.
 */
export function rollingForecasts(
  predictor: LoadPredictor,
  series: readonly number[],
  fromIndex: number,
): number[] {
  const forecasts: number[] = [];
  series.forEach((figure, i) => {
    if (i >= fromIndex) forecasts.push(predictor.predictNext());
    predictor.addDataPoint(figure);
  });
  return forecasts;
}

/** Mean absolute percentage error, in percent, of forecasts against truths (all > 0). */
export function mapePercent(forecasts: readonly number[], truths: readonly number[]): number {
  const sum = forecasts.reduce((total, f, i) => total + Math.abs(f - truths[i]) / truths[i], 0);
  return (100 * sum) / forecasts.length;
}
