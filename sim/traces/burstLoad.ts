/**
 * A steady load with periodic bursts on top: with period P, burst length L and offset o,
 * rate(t) = base + burst when (t mod P) ∈ [o, o + L), and base otherwise. Arrivals are
 * Poisson at that piecewise-constant rate, so one period's count is Poisson with mean
 * base·P + burst·L, and the long-run rate is base + burst·L/P.
 */
import { Random } from "../random.ts";
import { DURATION, NON_NEGATIVE, POSITIVE, RATE, checkLoadOptions } from "./loadOptionRules.ts";
import { poissonArrivals, type RatePiece } from "./ratePieces.ts";
import {
  DEFAULT_REQUEST_SHAPES,
  REQUEST_SHAPE_RULES,
  drawShapedRequest,
  type RequestShapeOptions,
} from "./requestShapes.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** The burst load's parameters. */
export interface BurstLoadOptions extends RequestShapeOptions {
  /** Length of the load; every arrival is in [0, durationS). */
  readonly durationS: number;
  /** The rate between bursts, and under them. */
  readonly baseRatePerS: number;
  /** The rate a burst adds to the base rate while it lasts. */
  readonly burstRatePerS: number;
  /** Time from one burst's start to the next one's. */
  readonly burstPeriodS: number;
  /** How long each burst lasts, at most the period. */
  readonly burstLengthS: number;
  /** When in each period its burst starts; the burst must end within the period. */
  readonly burstOffsetS: number;
}

/** A minute-long cycle: 2 req/s, with 10 s at 20 req/s starting 30 s in; 3.5 req/s on average. */
export const DEFAULT_BURST_LOAD: BurstLoadOptions = {
  durationS: 600,
  baseRatePerS: 2,
  burstRatePerS: 18,
  burstPeriodS: 60,
  burstLengthS: 10,
  burstOffsetS: 30,
  ...DEFAULT_REQUEST_SHAPES,
};

/**
 * The load for `seed`, as an iterable that draws requests only as they are consumed and
 * replays the same requests each time it is iterated. Options are checked here, up front.
 */
export function burstLoad(
  seed: number,
  options: Partial<BurstLoadOptions> = {},
): Iterable<TraceRequest> {
  const load = { ...DEFAULT_BURST_LOAD, ...options };
  // The period is checked before the length and the offset, which are bounded by it.
  checkLoadOptions("burst load", load, {
    durationS: DURATION,
    baseRatePerS: RATE,
    burstRatePerS: RATE,
    burstPeriodS: POSITIVE,
    burstLengthS: [
      "a number of seconds in (0, burstPeriodS]",
      (value, { burstPeriodS }) => value > 0 && value <= burstPeriodS,
    ],
    burstOffsetS: [
      "a number of seconds in [0, burstPeriodS − burstLengthS]",
      (value, { burstPeriodS, burstLengthS }) => value >= 0 && value <= burstPeriodS - burstLengthS,
    ],
    ...REQUEST_SHAPE_RULES,
  });
  return { [Symbol.iterator]: () => generateBurstLoad(seed, load) };
}

function* generateBurstLoad(seed: number, load: BurstLoadOptions): Generator<TraceRequest> {
  const random = new Random(seed);
  for (const arrivalS of poissonArrivals(random, burstPieces(load))) {
    yield drawShapedRequest(arrivalS, load, random);
  }
}

/** The three pieces of each period (before, during, after its burst), cut at durationS. */
function* burstPieces(load: BurstLoadOptions): Generator<RatePiece> {
  const { durationS, baseRatePerS, burstPeriodS, burstLengthS, burstOffsetS } = load;
  const duringRatePerS = baseRatePerS + load.burstRatePerS;
  // Period starts are index × period, not a running sum, so no rounding drift builds up.
  for (let period = 0; period * burstPeriodS < durationS; period += 1) {
    const startS = period * burstPeriodS;
    const burstStartS = startS + burstOffsetS;
    const burstEndS = burstStartS + burstLengthS;
    const pieces: RatePiece[] = [
      { startS, endS: burstStartS, ratePerS: baseRatePerS },
      { startS: burstStartS, endS: burstEndS, ratePerS: duringRatePerS },
      { startS: burstEndS, endS: startS + burstPeriodS, ratePerS: baseRatePerS },
    ];
    for (const piece of pieces) {
      const endS = Math.min(piece.endS, durationS);
      if (piece.startS < endS) yield { ...piece, endS };
    }
  }
}
