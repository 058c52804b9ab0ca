/**
 * A load with a daily cycle, so that a replay over days shows the seasonality a predictor
 * must learn: rate(t) = mean × (1 + amplitude × sin(2π(t − peakS)/86,400 + π/2)), which is
 * mean × (1 + amplitude) at peakS (and every 24 h after), mean × (1 − amplitude) twelve hours
 * away, and averages `mean` over any whole day. As in the sinusoidal load, time is cut into
 * slots [t, t + Δ): n ~ Poisson(rate(t)·Δ), and request i of n arrives at t + i·Δ/n.
 */
import { Random } from "../random.ts";
import {
  DURATION,
  NON_NEGATIVE,
  POSITIVE,
  RATE,
  SHARE,
  checkLoadOptions,
} from "./loadOptionRules.ts";
import {
  DEFAULT_REQUEST_SHAPES,
  REQUEST_SHAPE_RULES,
  drawShapedRequest,
  type RequestShapeOptions,
} from "./requestShapes.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** Seconds in the day the cycle repeats over. */
export const DAY_S = 86_400;

/** The diurnal load's parameters. */
export interface DiurnalLoadOptions extends RequestShapeOptions {
  /** Length of the load; the last slot is cut short if the slot does not divide it. */
  readonly durationS: number;
  /** Width of the slots that each draw one request count. */
  readonly slotS: number;
  /** The rate averaged over a whole day. */
  readonly meanRatePerS: number;
  /** How far the rate swings either side of the mean, as a share of it (in [0, 1]). */
  readonly amplitude: number;
  /** When in the day the rate peaks, in seconds after the load's start (in [0, 86,400)). */
  readonly peakS: number;
}

/** A week at 1 req/s on average, swinging between 0.5 and 1.5 req/s, peaking at 14:00. */
export const DEFAULT_DIURNAL_LOAD: DiurnalLoadOptions = {
  durationS: 7 * DAY_S,
  slotS: 1,
  meanRatePerS: 1,
  amplitude: 0.5,
  peakS: 14 * 3600,
  ...DEFAULT_REQUEST_SHAPES,
};

/** The diurnal rate (req/s) at `tS` seconds into the load. */
export function diurnalRateAt(
  tS: number,
  meanRatePerS: number,
  amplitude: number,
  peakS: number,
): number {
  const phase = (2 * Math.PI * (tS - peakS)) / DAY_S + Math.PI / 2;
  return meanRatePerS * (1 + amplitude * Math.sin(phase));
}

/**
 * The load for `seed`, as an iterable that draws requests only as they are consumed and
 * replays the same requests each time it is iterated. Options are checked here, up front.
 */
export function diurnalLoad(
  seed: number,
  options: Partial<DiurnalLoadOptions> = {},
): Iterable<TraceRequest> {
  const load = { ...DEFAULT_DIURNAL_LOAD, ...options };
  checkLoadOptions("diurnal load", load, {
    durationS: DURATION,
    slotS: POSITIVE,
    meanRatePerS: RATE,
    amplitude: SHARE,
    peakS: ["a number of seconds in [0, 86400)", (value) => value >= 0 && value < DAY_S],
    ...REQUEST_SHAPE_RULES,
  });
  return { [Symbol.iterator]: () => generateDiurnalLoad(seed, load) };
}

function* generateDiurnalLoad(seed: number, load: DiurnalLoadOptions): Generator<TraceRequest> {
  const random = new Random(seed);
  // Slot starts are index × width, not a running sum, so no rounding drift builds up.
  for (let slot = 0; slot * load.slotS < load.durationS; slot += 1) {
    const startS = slot * load.slotS;
    const widthS = Math.min(load.slotS, load.durationS - startS);
    const ratePerS = diurnalRateAt(startS, load.meanRatePerS, load.amplitude, load.peakS);
    const count = random.poisson(ratePerS * widthS);
    for (let index = 0; index < count; index += 1) {
      yield drawShapedRequest(startS + (index * widthS) / count, load, random);
    }
  }
}
