// Helpers for the synthetic-load tests: counting arrivals in windows of a load.
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

/** How many requests arrive in [startS, endS). */
export function countIn(requests: readonly TraceRequest[], startS: number, endS: number): number {
  return requests.filter((request) => request.arrivalS >= startS && request.arrivalS < endS).length;
}

/** The first `count` requests of a load, reading it no further. */
export function firstRequests(load: Iterable<TraceRequest>, count: number): TraceRequest[] {
  const taken: TraceRequest[] = [];
  for (const request of load) {
    if (taken.length === count) break;
    taken.push(request);
  }
  return taken;
}
