// Means over seeds with Student-t 95 % intervals, against hand computation and t tables.
import { describe, expect, it } from "vitest";
import { meanInterval, tQuantile975 } from "../../sim/sweep/meanInterval.ts";

describe("tQuantile975", () => {
  it("matches the published two-sided 95 % critical values of Student's t", () => {
    // Standard t tables, to three decimals.
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [4, 2.776],
      [5, 2.571],
      [10, 2.228],
      [30, 2.042],
      [120, 1.98],
    ];
    for (const [degrees, t] of table) expect(tQuantile975(degrees)).toBeCloseTo(t, 3);
  });
});

describe("meanInterval", () => {
  it("is mean ± t(0.975, 2)·s/√3 for three seeds", () => {
    // 0.80, 0.90, 0.85: mean 0.85; deviations −0.05, 0.05, 0; s² = 0.005/2 = 0.0025, s = 0.05;
    // half width = 4.302653 × 0.05 / √3 = 0.124207.
    const interval = meanInterval([0.8, 0.9, 0.85]);
    expect(interval.mean).toBeCloseTo(0.85, 12);
    expect(interval.halfWidth).toBeCloseTo(0.124207, 6);
    expect(interval.count).toBe(3);
  });

  it("has no interval with one value and no mean with none", () => {
    expect(meanInterval([2])).toEqual({ mean: 2, halfWidth: Number.NaN, count: 1 });
    expect(meanInterval([Number.NaN])).toEqual({
      mean: Number.NaN,
      halfWidth: Number.NaN,
      count: 0,
    });
  });
});
