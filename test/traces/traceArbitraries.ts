// fast-check arbitraries for trace tests. The house style keeps arbitraries in
// test/arbitraries/; this task may only touch test/traces/, so they live here for now.
import fc from "fast-check";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

/** A request stream in arrival order: sorted arrivals within an hour, repeats included. */
export const sortedRequestsArb: fc.Arbitrary<TraceRequest[]> = fc
  .array(
    fc.record({
      arrivalS: fc.double({ min: 0, max: 3600, noNaN: true, noDefaultInfinity: true }),
      islTokens: fc.integer({ min: 1, max: 100_000 }),
      oslTokens: fc.integer({ min: 0, max: 10_000 }),
    }),
    { maxLength: 60 },
  )
  .map((requests) => [...requests].sort((a, b) => a.arrivalS - b.arrivalS));

/** A seed for a synthetic load, over the whole 32-bit range Random reads. */
export const seedArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0xffff_ffff });

/** A rate in requests per second, zero included, low enough to keep runs fast. */
export const ratePerSArb: fc.Arbitrary<number> = fc.double({
  min: 0,
  max: 50,
  noNaN: true,
  noDefaultInfinity: true,
});

/** A short load duration in seconds, so that property runs stay fast. */
export const shortDurationSArb: fc.Arbitrary<number> = fc.double({
  min: 0.1,
  max: 20,
  noNaN: true,
});
