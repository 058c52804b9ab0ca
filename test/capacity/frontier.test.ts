// The cost–attainment frontier: hand-checked cases and the defining property.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { onFrontier } from "../../sim/capacity/frontier.ts";

const p = (gpuHours: number, attainment: number) => ({ gpuHours, attainment });

describe("the cost–attainment frontier", () => {
  it("keeps the points nothing beats on both counts", () => {
    const points = [p(4, 0.9), p(3, 0.95), p(5, 0.99), p(5, 0.98), p(2, 0.5), p(3, 0.95)];
    // (4, 0.9) is beaten by (3, 0.95); (5, 0.98) by (5, 0.99); the two (3, 0.95) tie.
    expect(onFrontier(points)).toEqual([false, true, true, false, true, true]);
  });

  it("leaves NaN attainment (nothing judged) off", () => {
    expect(onFrontier([p(1, Number.NaN), p(2, 0.5)])).toEqual([false, true]);
  });

  it("marks exactly the non-dominated points", () => {
    const point = fc.record({
      gpuHours: fc.integer({ min: 0, max: 20 }),
      attainment: fc.integer({ min: 0, max: 20 }).map((a) => a / 20),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40 }), (points) => {
        const marks = onFrontier(points);
        points.forEach((a, i) => {
          const dominated = points.some(
            (b) =>
              b.gpuHours <= a.gpuHours &&
              b.attainment >= a.attainment &&
              (b.gpuHours < a.gpuHours || b.attainment > a.attainment),
          );
          expect(marks[i]).toBe(!dominated);
        });
      }),
    );
  });
});
