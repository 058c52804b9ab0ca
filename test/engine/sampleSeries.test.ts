import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SampleSeries } from "../../sim/engine/sampleSeries.ts";

function seriesOf(values: readonly number[]): SampleSeries {
  const series = new SampleSeries();
  for (const value of values) series.push(value);
  return series;
}

describe("SampleSeries", () => {
  it("quantiles() interpolates between closest ranks, as NumPy does", () => {
    // Positions q × 3 in [1, 2, 3, 4]: 1.5 → 2.5, 2.7 → 3.7, 2.97 → 3.97.
    const [p50, p90, p99] = seriesOf([4, 1, 3, 2]).quantiles([0.5, 0.9, 0.99]);
    expect(p50).toBeCloseTo(2.5, 12);
    expect(p90).toBeCloseTo(3.7, 12);
    expect(p99).toBeCloseTo(3.97, 12);
  });

  it("sorts numerically, not as text", () => {
    expect(seriesOf([10, 9, 100]).quantiles([0, 0.5, 1])).toEqual([9, 10, 100]);
  });

  it("gives NaN quantiles and mean when empty", () => {
    const empty = new SampleSeries();
    expect(empty.quantiles([0.5, 0.9])).toEqual([NaN, NaN]);
    expect(empty.mean()).toBeNaN();
  });

  it("keeps every value past its initial capacity of 1,024", () => {
    const values = Array.from({ length: 3000 }, (_, i) => i);
    const series = seriesOf(values);
    expect(series.size).toBe(3000);
    expect(series.quantiles([0, 1])).toEqual([0, 2999]);
    expect(series.mean()).toBeCloseTo(1499.5, 9);
  });

  it("puts every quantile between the smallest and largest value, in order of q", () => {
    const valuesArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
      minLength: 1,
      maxLength: 50,
    });
    fc.assert(
      fc.property(valuesArb, (values) => {
        const [low, p50, p90, high] = seriesOf(values).quantiles([0, 0.5, 0.9, 1]);
        expect(low).toBe(Math.min(...values));
        expect(high).toBe(Math.max(...values));
        expect(low <= p50 && p50 <= p90 && p90 <= high).toBe(true);
      }),
    );
  });
});
