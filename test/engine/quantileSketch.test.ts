// Expected quantiles are NumPy's default: sort the values, take position h = q × (n − 1) and
// interpolate linearly between the values at ranks ⌊h⌋ and ⌊h⌋ + 1. The sketch promises to land
// within relative error a = 0.005 of that, and to be exact at ranks 0 and n − 1 and on zeros.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RELATIVE_ACCURACY, QuantileSketch } from "../../sim/engine/quantileSketch.ts";
import { messageThrownBy } from "../support/thrownBy.ts";

const a = DEFAULT_RELATIVE_ACCURACY;

function sketchOf(values: readonly number[]): QuantileSketch {
  const sketch = new QuantileSketch();
  for (const value of values) sketch.push(value);
  return sketch;
}

/** The exact interpolated quantile of `values` (NumPy's default), the slow, obvious way. */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const fraction = position - lower;
  if (fraction === 0) return sorted[lower];
  return sorted[lower] + (sorted[lower + 1] - sorted[lower]) * fraction;
}

/** Whether `estimate` is within relative error a of `exact`. */
function withinAccuracy(estimate: number, exact: number): boolean {
  return Math.abs(estimate - exact) <= a * exact;
}

/** A latency in seconds as traces produce them: zero, or between 1 µs and about 3 hours. */
const latencyArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.double({ min: 1e-6, max: 1e4, noNaN: true }), weight: 5 },
);
const latenciesArb = fc.array(latencyArb, { minLength: 1, maxLength: 300 });
/**
 * A q in millionths. Arbitrary doubles would include q such as 1e-320, whose quantile between a
 * zero and the next value is subnormal: no double holds it to relative precision, exact or not.
 */
const quantileArb = fc.integer({ min: 0, max: 1_000_000 }).map((millionths) => millionths / 1e6);

describe("QuantileSketch", () => {
  it("quantiles() of [4, 1, 3, 2] lands within 0.5 % of NumPy's 2.5, 3.7 and 3.97", () => {
    // Positions q × 3: 1.5 → 2.5, 2.7 → 3.7, 2.97 → 3.97.
    const [p50, p90, p99] = sketchOf([4, 1, 3, 2]).quantiles([0.5, 0.9, 0.99]);
    expect(Math.abs(p50 - 2.5)).toBeLessThanOrEqual(2.5 * a);
    expect(Math.abs(p90 - 3.7)).toBeLessThanOrEqual(3.7 * a);
    expect(Math.abs(p99 - 3.97)).toBeLessThanOrEqual(3.97 * a);
  });

  it("quantiles() of two values is exact, since ranks 0 and n − 1 are the kept min and max", () => {
    // Positions q × 1 between 0.2 and 0.6: 0.4, 0.56, 0.596.
    const [p50, p90, p99] = sketchOf([0.6, 0.2]).quantiles([0.5, 0.9, 0.99]);
    expect(p50).toBeCloseTo(0.4, 12);
    expect(p90).toBeCloseTo(0.56, 12);
    expect(p99).toBeCloseTo(0.596, 12);
  });

  it("quantiles() of one value is that value for every q", () => {
    expect(sketchOf([0.125]).quantiles([0, 0.5, 0.99, 1])).toEqual([0.125, 0.125, 0.125, 0.125]);
  });

  it("counts zeros exactly", () => {
    // [0, 0, 0, 5]: positions 0, 1.5, 2 fall on zeros; 2.7 is 0 + 0.7 × (5 − 0) = 3.5.
    const sketch = sketchOf([0, 5, 0, 0]);
    expect(sketch.quantiles([0, 0.5, 2 / 3, 1])).toEqual([0, 0, 0, 5]);
    expect(sketch.quantiles([0.9])[0]).toBeCloseTo(3.5, 12);
  });

  it("gives NaN quantiles, mean, min and max when empty", () => {
    const empty = new QuantileSketch();
    expect(empty.size).toBe(0);
    expect(empty.quantiles([0, 0.5, 1])).toEqual([NaN, NaN, NaN]);
    expect(empty.mean()).toBeNaN();
    expect([empty.min, empty.max]).toEqual([NaN, NaN]);
  });

  it("keeps count, sum, min, max and mean exactly", () => {
    // 0.001 + 0.25 + 3 + 7.5 = 10.751 over 4 values.
    const sketch = sketchOf([3, 0.001, 7.5, 0.25]);
    expect(sketch.size).toBe(4);
    expect(sketch.sum).toBeCloseTo(10.751, 12);
    expect(sketch.mean()).toBeCloseTo(2.68775, 12);
    expect([sketch.min, sketch.max]).toEqual([0.001, 7.5]);
  });

  it("merge() of two sketches equals one sketch fed both", () => {
    const first = [0.02, 0, 0.31, 4.5];
    const second = [0.0007, 12, 0.3];
    const merged = sketchOf(first);
    merged.merge(sketchOf(second));
    const fed = sketchOf([...first, ...second]);
    const qs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];
    expect(merged.quantiles(qs)).toEqual(fed.quantiles(qs));
    expect([merged.size, merged.min, merged.max]).toEqual([7, 0, 12]);
    expect(merged.sum).toBeCloseTo(fed.sum, 12);
  });

  it("merge() refuses a sketch of another accuracy", () => {
    const sketch = new QuantileSketch();
    const message = messageThrownBy(() => sketch.merge(new QuantileSketch(0.01)), Error);
    expect(message).toBe("QuantileSketch.merge: relativeAccuracy must match, got 0.01 into 0.005");
  });

  it("push() refuses a negative, NaN or infinite value, naming it", () => {
    const sketch = new QuantileSketch();
    for (const bad of [-1e-9, NaN, Infinity]) {
      const message = messageThrownBy(() => sketch.push(bad), Error);
      expect(message).toBe(`QuantileSketch.push: value must be a finite number ≥ 0, got ${bad}`);
    }
    expect(sketch.size).toBe(0);
  });

  it("quantiles() refuses a q outside 0..1", () => {
    const message = messageThrownBy(() => sketchOf([1]).quantiles([0.5, 1.5]), Error);
    expect(message).toBe("QuantileSketch.quantiles: each q must be in 0..1, got 1.5");
  });

  it("uses the same memory for 10,000 values as for 1,000,000 over 1 µs..1 h", () => {
    // ⌈ln(1e-6) / ln γ⌉ = −1,381 and ⌈ln(3,600) / ln γ⌉ = 819: 2,201 buckets, twice that at most
    // with growth slack, 8 bytes each.
    const sketch = new QuantileSketch();
    const spreadS = (i: number, n: number) => 1e-6 * 3.6e9 ** (i / (n - 1));
    for (let i = 0; i < 10_000; i += 1) sketch.push(spreadS(i, 10_000));
    const bytesAfterFewS = sketch.bucketBytes;
    for (let i = 0; i < 990_000; i += 1) sketch.push(spreadS(i, 990_000));
    expect(sketch.bucketBytes).toBe(bytesAfterFewS);
    expect(sketch.bucketBytes).toBeLessThanOrEqual(2 * 2201 * 8);
  });

  it("puts every quantile within 0.5 % of the exact interpolated quantile", () => {
    fc.assert(
      fc.property(latenciesArb, fc.array(quantileArb, { maxLength: 10 }), (values, extraQs) => {
        const qs = [0, 0.01, 0.5, 0.9, 0.99, 1, ...extraQs];
        const estimates = sketchOf(values).quantiles(qs);
        qs.forEach((q, i) => {
          expect(withinAccuracy(estimates[i], exactQuantile(values, q))).toBe(true);
        });
      }),
    );
  });

  it("answers the exact min at q = 0 and max at q = 1", () => {
    fc.assert(
      fc.property(latenciesArb, (values) => {
        const [low, high] = sketchOf(values).quantiles([0, 1]);
        expect(low).toBe(Math.min(...values));
        expect(high).toBe(Math.max(...values));
      }),
    );
  });

  it("never answers NaN for a non-empty sketch, and never decreases as q grows", () => {
    fc.assert(
      fc.property(latenciesArb, fc.array(quantileArb, { maxLength: 20 }), (values, qs) => {
        const sortedQs = [...qs].sort((x, y) => x - y);
        const estimates = sketchOf(values).quantiles(sortedQs);
        estimates.forEach((estimate, i) => {
          expect(Number.isNaN(estimate)).toBe(false);
          if (i > 0) expect(estimate).toBeGreaterThanOrEqual(estimates[i - 1]);
        });
      }),
    );
  });

  it("merge() of any two sketches answers as one sketch fed both", () => {
    fc.assert(
      fc.property(latenciesArb, latenciesArb, quantileArb, (first, second, q) => {
        const merged = sketchOf(first);
        merged.merge(sketchOf(second));
        const fed = sketchOf([...first, ...second]);
        expect(merged.quantiles([0, q, 0.5, 0.99, 1])).toEqual(fed.quantiles([0, q, 0.5, 0.99, 1]));
        expect([merged.size, merged.min, merged.max]).toEqual([fed.size, fed.min, fed.max]);
      }),
    );
  });
});
