/**
 * A steady synthetic load: requests arrive as a Poisson process of constant rate λ, so the
 * gaps between them are exponential with mean 1/λ and the count over [0, T) is Poisson with
 * mean λ·T (standard deviation √(λ·T)).
 */
import { Random } from "../random.ts";
import { DURATION, NON_NEGATIVE, POSITIVE, RATE, checkLoadOptions } from "./loadOptionRules.ts";
import { poissonArrivals } from "./ratePieces.ts";
import {
  DEFAULT_REQUEST_SHAPES,
  REQUEST_SHAPE_RULES,
  drawShapedRequest,
  type RequestShapeOptions,
} from "./requestShapes.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** The Poisson load's parameters. */
export interface PoissonLoadOptions extends RequestShapeOptions {
  /** Length of the load; every arrival is in [0, durationS). */
  readonly durationS: number;
  /** Mean arrivals per second (0 gives no requests). */
  readonly ratePerS: number;
}

export const DEFAULT_POISSON_LOAD: PoissonLoadOptions = {
  durationS: 100,
  ratePerS: 5,
  ...DEFAULT_REQUEST_SHAPES,
};

/**
 * The load for `seed`, as an iterable that draws requests only as they are consumed and
 * replays the same requests each time it is iterated. Options are checked here, up front.
 */
export function poissonLoad(
  seed: number,
  options: Partial<PoissonLoadOptions> = {},
): Iterable<TraceRequest> {
  const load = { ...DEFAULT_POISSON_LOAD, ...options };
  checkLoadOptions("poisson load", load, {
    durationS: DURATION,
    ratePerS: RATE,
    ...REQUEST_SHAPE_RULES,
  });
  return { [Symbol.iterator]: () => generatePoissonLoad(seed, load) };
}

function* generatePoissonLoad(seed: number, load: PoissonLoadOptions): Generator<TraceRequest> {
  const random = new Random(seed);
  const pieces = [{ startS: 0, endS: load.durationS, ratePerS: load.ratePerS }];
  for (const arrivalS of poissonArrivals(random, pieces)) {
    yield drawShapedRequest(arrivalS, load, random);
  }
}
