import { describe, expect, it } from "vitest";
import { kpssLevelTest, kpssPValue, numDifferences } from "../../../src/planner/predictors/kpss.ts";
import { normals, randomWalk } from "./seriesFactories.ts";

describe("kpssLevelTest", () => {
  it("kpssLevelTest([1, 2, 3, 4]) is 0.34, worked by hand", () => {
    // Residuals from the mean 2.5: −1.5, −0.5, 0.5, 1.5; partial sums −1.5, −2, −1.5, 0;
    // η = (2.25 + 4 + 2.25 + 0) / 4² = 0.53125. Lags ⌊4 (4/100)^¼⌋ = ⌊1.79⌋ = 1.
    // γ₀ = 5/4 = 1.25; γ₁ = (0.75 − 0.25 + 0.75) / 4 = 0.3125; Bartlett weight 1 − 1/2.
    // Long-run variance 1.25 + 2 · 0.5 · 0.3125 = 1.5625; statistic 0.53125 / 1.5625 = 0.34.
    const result = kpssLevelTest([1, 2, 3, 4]);
    expect(result.lags).toBe(1);
    expect(result.statistic).toBeCloseTo(0.34, 12);
    expect(result.pValue).toBe(0.1);
  });

  it("uses ⌊4 (n/100)^¼⌋ Newey–West lags: 4 at n = 200, 2 at n = 10", () => {
    expect(kpssLevelTest(normals(1, 200)).lags).toBe(4);
    expect(kpssLevelTest(normals(1, 10)).lags).toBe(2);
  });
});

describe("kpssPValue", () => {
  it("reads the KPSS (1992) level table: 0.347 → 10 %, 0.463 → 5 %, 0.574 → 2.5 %, 0.739 → 1 %", () => {
    expect(kpssPValue(0.347)).toBeCloseTo(0.1, 12);
    expect(kpssPValue(0.463)).toBeCloseTo(0.05, 12);
    expect(kpssPValue(0.574)).toBeCloseTo(0.025, 12);
    expect(kpssPValue(0.739)).toBeCloseTo(0.01, 12);
  });

  it("interpolates linearly between the table's entries and holds its ends", () => {
    expect(kpssPValue((0.463 + 0.574) / 2)).toBeCloseTo(0.0375, 12);
    expect(kpssPValue(0.01)).toBe(0.1);
    expect(kpssPValue(50)).toBe(0.01);
  });
});

describe("numDifferences", () => {
  it("leaves white noise undifferenced and differences a random walk once", () => {
    expect(numDifferences(normals(1, 200))).toBe(0);
    expect(numDifferences(randomWalk(1, 200))).toBe(1);
  });

  it("rejects stationarity of white noise at about the nominal 5 %", () => {
    // 400 series: the binomial standard deviation of the rate at 5 % is 1.1 %, so a correct
    // test lands within 2–8 % (±2.7 standard deviations).
    const seeds = Array.from({ length: 400 }, (_, i) => 1000 + i);
    const rejected = seeds.filter((seed) => kpssLevelTest(normals(seed, 200)).pValue < 0.05);
    expect(rejected.length / seeds.length).toBeGreaterThan(0.02);
    expect(rejected.length / seeds.length).toBeLessThan(0.08);
  });

  it("differences most random walks exactly once", () => {
    // Misses are the test's power shortfall (d = 0) or a 5 % false rejection of the differenced
    // walk, which is white noise (d = 2): about 1 walk in 10.
    const seeds = Array.from({ length: 200 }, (_, i) => 5000 + i);
    const once = seeds.filter((seed) => numDifferences(randomWalk(seed, 200)) === 1);
    expect(once.length / seeds.length).toBeGreaterThan(0.85);
  });

  it("differences a straight line once: its difference is constant", () => {
    expect(numDifferences(Array.from({ length: 50 }, (_, t) => 2 * t))).toBe(1);
  });

  it("never differences a constant series, nor more than maxD times", () => {
    expect(numDifferences([3, 3, 3, 3])).toBe(0);
    const cubic = Array.from({ length: 100 }, (_, t) => t ** 3 + (t % 3));
    expect(numDifferences(cubic, 0.05, 2)).toBeLessThanOrEqual(2);
    expect(numDifferences(cubic, 0.05, 1)).toBeLessThanOrEqual(1);
  });
});
