import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { poissonLoad } from "../../sim/traces/poissonLoad.ts";
import { ratePerSArb, seedArb, shortDurationSArb } from "./traceArbitraries.ts";
import { isInArrivalOrder } from "./traceFactories.ts";
import { firstRequests } from "./loadStatistics.ts";

describe("poissonLoad", () => {
  it("gives the same requests for the same seed, and other requests for another seed", () => {
    expect([...poissonLoad(42)]).toEqual([...poissonLoad(42)]);
    expect([...poissonLoad(42)]).not.toEqual([...poissonLoad(43)]);
  });

  it("replays the same requests each time it is iterated", () => {
    const load = poissonLoad(7);
    expect([...load]).toEqual([...load]);
  });

  it("draws lazily: the first requests of a year-long load come at once", () => {
    expect(firstRequests(poissonLoad(1, { durationS: 366 * 24 * 3600 }), 10)).toHaveLength(10);
  });

  it("averages ratePerS: 5 req/s over 2,000 s within 0.2 req/s", () => {
    // The count is Poisson with mean 10,000 and standard deviation 100, so the rate's
    // standard deviation is 100 / 2000 = 0.05 req/s; 0.2 is four of them.
    const requests = [...poissonLoad(2024, { durationS: 2000, ratePerS: 5 })];
    expect(Math.abs(requests.length / 2000 - 5)).toBeLessThan(0.2);
  });

  it("has exponential gaps: e⁻¹ ≈ 36.8% of them exceed the mean gap", () => {
    // Even spacing would give 0%. About 10,000 gaps: the share's standard deviation is
    // √(0.368 · 0.632 / 10,000) ≈ 0.0048; 0.02 is four of them.
    const arrivalsS = [...poissonLoad(5, { durationS: 2000, ratePerS: 5 })].map((r) => r.arrivalS);
    const gapsS = arrivalsS.slice(1).map((arrivalS, i) => arrivalS - arrivalsS[i]);
    const longShare = gapsS.filter((gapS) => gapS > 0.2).length / gapsS.length;
    expect(Math.abs(longShare - Math.exp(-1))).toBeLessThan(0.02);
  });

  it("gives no requests at rate 0", () => {
    expect([...poissonLoad(3, { ratePerS: 0 })]).toEqual([]);
  });

  it("fixes the shape when firstShapeShare is 1: ISL, OSL and ceil(3000/512) = 6 hash ids", () => {
    const load = poissonLoad(9, { firstShapeShare: 1, isl1Tokens: 3000, osl1Tokens: 150 });
    for (const request of load) {
      expect([request.islTokens, request.oslTokens, request.hashIds?.length]).toEqual([
        3000, 150, 6,
      ]);
    }
  });

  it("mixes two shapes at firstShapeShare: 0.3 of 10,000 requests within 0.02", () => {
    // Binomial share: standard deviation √(0.3 · 0.7 / 10,000) ≈ 0.0046; 0.02 is over four.
    const requests = [...poissonLoad(11, { durationS: 2000, ratePerS: 5, firstShapeShare: 0.3 })];
    const firstShare = requests.filter((r) => r.islTokens === 100).length / requests.length;
    expect(Math.abs(firstShare - 0.3)).toBeLessThan(0.02);
  });

  it("keeps arrivals non-decreasing and inside [0, durationS), for any seed and rate", () => {
    fc.assert(
      fc.property(seedArb, ratePerSArb, shortDurationSArb, (seed, ratePerS, durationS) => {
        const requests = [...poissonLoad(seed, { ratePerS, durationS })];
        expect(isInArrivalOrder(requests)).toBe(true);
        expect(requests.every((r) => r.arrivalS >= 0 && r.arrivalS < durationS)).toBe(true);
      }),
    );
  });

  it("rejects options out of range, naming the option", () => {
    expect(() => poissonLoad(1, { ratePerS: -1 })).toThrow(
      new ConfigError(
        "poisson load: ratePerS must be a number of requests per second ≥ 0 and ≤ 100000, got -1",
      ),
    );
    expect(() => poissonLoad(1, { durationS: 0 })).toThrow(ConfigError);
    expect(() => poissonLoad(1, { firstShapeShare: 1.5 })).toThrow(
      new ConfigError("poisson load: firstShapeShare must be a share in [0, 1], got 1.5"),
    );
    expect(() => poissonLoad(1, { isl2Tokens: 0 })).toThrow(ConfigError);
  });
});
