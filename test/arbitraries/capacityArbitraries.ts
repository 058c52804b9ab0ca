import fc from "fast-check";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

/** A replica requirement of a few slots, small enough to solve by exhaustive search. */
export const tinyRequirementArb = fc.array(fc.integer({ min: 0, max: 3 }), {
  minLength: 1,
  maxLength: 5,
});

/** Slot length and start-up delay in whole ticks, and an initial fleet, for exhaustive search. */
export const tinyScheduleSettingsArb = fc.record({
  slotS: fc.integer({ min: 1, max: 2 }),
  startupDelayS: fc.integer({ min: 0, max: 3 }),
  initialReplicas: fc.integer({ min: 0, max: 3 }),
});

/** Any replica requirement of up to 40 slots and schedule settings in seconds. */
export const requirementArb = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 40 });
export const scheduleSettingsArb = fc.record({
  slotS: fc.double({ min: 1, max: 600, noNaN: true }),
  startupDelayS: fc.double({ min: 0, max: 900, noNaN: true }),
  initialReplicas: fc.integer({ min: 0, max: 12 }),
});

/**
 * Requests the flat test profile serves within its targets (ISL 1,600 to 6,000, OSL 0 to 1,000,
 * so at most 7,000 tokens), arriving in the first 100 s, in arrival order.
 */
export const flatProfileRequestsArb: fc.Arbitrary<TraceRequest[]> = fc
  .array(
    fc.record({
      arrivalS: fc.double({ min: 0, max: 99.999, noNaN: true }),
      islTokens: fc.integer({ min: 1600, max: 6000 }),
      oslTokens: fc.integer({ min: 0, max: 1000 }),
    }),
    { maxLength: 300 },
  )
  .map((requests) => requests.sort((a, b) => a.arrivalS - b.arrivalS));

/**
 * An attainment for every fleet of up to `size` prefill and decode replicas that never falls
 * when either role gains one: a running maximum over random steps along both axes.
 */
export function monotoneAttainmentArb(size: number): fc.Arbitrary<number[][]> {
  const cell = fc.integer({ min: 0, max: 100 });
  return fc
    .array(fc.array(cell, { minLength: size, maxLength: size }), {
      minLength: size,
      maxLength: size,
    })
    .map((grid) => {
      const table = grid.map((row) => row.map((v) => v / 100));
      for (let p = 0; p < size; p += 1) {
        for (let d = 0; d < size; d += 1) {
          const below = Math.max(p > 0 ? table[p - 1][d] : 0, d > 0 ? table[p][d - 1] : 0);
          table[p][d] = Math.max(table[p][d], below);
        }
      }
      return table;
    });
}
