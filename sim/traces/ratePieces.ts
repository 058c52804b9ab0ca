/**
 * Poisson arrivals for a rate that is constant piece by piece, the core of the Poisson, step
 * and burst loads. Within a piece the gaps are exponential with mean 1/rate; at a piece's end
 * the gap that overshoots is dropped and drawing restarts at the next piece's start. A Poisson
 * process is memoryless, so this is exact: the count in any interval of a piece is Poisson
 * with mean rate × length, independent of every other interval.
 */
import type { Random } from "../random.ts";

/** The interval [startS, endS) at a constant rate. */
export interface RatePiece {
  readonly startS: number;
  readonly endS: number;
  readonly ratePerS: number;
}

/** Arrival instants (s) over `pieces`, which must follow one another in time, drawn lazily. */
export function* poissonArrivals(random: Random, pieces: Iterable<RatePiece>): Generator<number> {
  for (const { startS, endS, ratePerS } of pieces) {
    if (!(ratePerS > 0)) continue;
    const meanGapS = 1 / ratePerS;
    for (let arrivalS = startS + random.exponential(meanGapS); arrivalS < endS;) {
      yield arrivalS;
      arrivalS += random.exponential(meanGapS);
    }
  }
}
