/**
 * Transforms that reshape a recorded or synthetic load for a scenario: compress it in time,
 * multiply it, cut it short, or start it later. Each keeps arrivals non-decreasing.
 */
import { ConfigError, describeValue, InputError } from "../../src/errors.ts";
import { Random } from "../random.ts";
import { STOP_READING, traceTransform, type TraceTransform } from "./traceTransform.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** Replays the stream `factor` times faster: every arrival is divided by `factor` (> 0). */
export function speedUp(factor: number): TraceTransform {
  checkArgument("speedUp", "factor", factor, "a number > 0", factor > 0 && factor < Infinity);
  return mapArrivals((arrivalS) => arrivalS / factor);
}

/** Delays the whole stream by `offsetS` seconds (≥ 0), e.g. to start it after a warm-up. */
export function offset(offsetS: number): TraceTransform {
  const isValid = offsetS >= 0 && offsetS < Infinity;
  checkArgument("offset", "offsetS", offsetS, "a number of seconds ≥ 0", isValid);
  return mapArrivals((arrivalS) => arrivalS + offsetS);
}

/**
 * Keeps the requests arriving before `durationS` (seconds from the trace start, not from the
 * first request) and stops reading at the first one that does not, so a long file is not
 * read to its end.
 */
export function limitDuration(durationS: number): TraceTransform {
  checkArgument("limitDuration", "durationS", durationS, "a number of seconds ≥ 0", durationS >= 0);
  return traceTransform(() => ({
    take: (request) => (request.arrivalS < durationS ? [request] : STOP_READING),
    finish: () => [],
  }));
}

/**
 * Models traffic growth: every request becomes `copies` requests (a whole number ≥ 1). The
 * original keeps its arrival; the other copies arrive at points drawn uniformly (from
 * `seed`) in the gap up to the next request, sorted, so the output stays in order and the
 * added load is spread over time rather than stacked in bursts. The last request has no gap
 * after it, so its copies share its arrival. Copies keep the original's hash ids: they repeat
 * its prompt, so they hit the same cached prefix blocks.
 */
export function replicate(copies: number, seed: number): TraceTransform {
  const isValid = Number.isSafeInteger(copies) && copies >= 1;
  checkArgument("replicate", "copies", copies, "a whole number ≥ 1", isValid);
  return traceTransform(() => {
    const random = new Random(seed);
    let held: TraceRequest | undefined;
    return {
      take(request) {
        const output =
          held === undefined ? [] : spreadCopies(held, request.arrivalS, copies, random);
        held = request;
        return output;
      },
      finish: () => (held === undefined ? [] : spreadCopies(held, held.arrivalS, copies, random)),
    };
  });
}

function spreadCopies(
  request: TraceRequest,
  nextArrivalS: number,
  copies: number,
  random: Random,
): TraceRequest[] {
  const gapS = nextArrivalS - request.arrivalS;
  const fractions = Array.from({ length: copies - 1 }, () => random.uniform()).sort(
    (a, b) => a - b,
  );
  // The min guards against a rounding of arrival + fraction × gap landing past the next arrival.
  const spread = fractions.map((fraction) => ({
    ...request,
    arrivalS: Math.min(nextArrivalS, request.arrivalS + fraction * gapS),
  }));
  return [request, ...spread];
}

function mapArrivals(arrivalOf: (arrivalS: number) => number): TraceTransform {
  return traceTransform(() => ({
    take: (request) => [{ ...request, arrivalS: arrivalOf(request.arrivalS) }],
    finish: () => [],
  }));
}

function checkArgument(
  transform: string,
  name: string,
  value: number,
  expected: string,
  isValid: boolean,
): void {
  if (isValid) return;
  throw new ConfigError(`${transform}: ${name} must be ${expected}, got ${describeValue(value)}`);
}

/** The longest stretch of time a trace may cover here: a year, with a day to spare. */
export const MAX_TRACE_SPAN_S = 366 * 24 * 3600;

/**
 * Refuses a request arriving more than a year after the trace starts: a run, a warm-up or a
 * backtest steps through every interval up to it, and an absurd timestamp would make that
 * endless rather than wrong.
 */
export function withinAYear(fileName: string): TraceTransform {
  return traceTransform(() => ({
    take: (request) => {
      if (request.arrivalS > MAX_TRACE_SPAN_S) {
        throw new InputError(
          `${fileName}: a request arrives ${request.arrivalS} s after the trace starts; a trace may cover at most a year (${MAX_TRACE_SPAN_S} s)`,
        );
      }
      return [request];
    },
    finish: () => [],
  }));
}
