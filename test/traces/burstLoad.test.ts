import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { DEFAULT_BURST_LOAD, burstLoad } from "../../sim/traces/burstLoad.ts";
import { ratePerSArb, seedArb, shortDurationSArb } from "./traceArbitraries.ts";
import { isInArrivalOrder } from "./traceFactories.ts";
import { countIn } from "./loadStatistics.ts";

describe("burstLoad", () => {
  it("defaults to 2 req/s with 10 s bursts of +18 req/s 30 s into every minute, for 10 min", () => {
    expect(DEFAULT_BURST_LOAD).toMatchObject({
      durationS: 600,
      baseRatePerS: 2,
      burstRatePerS: 18,
      burstPeriodS: 60,
      burstLengthS: 10,
      burstOffsetS: 30,
    });
  });

  it("gives the same requests for the same seed, and other requests for another seed", () => {
    expect([...burstLoad(42)]).toEqual([...burstLoad(42)]);
    expect([...burstLoad(42)]).not.toEqual([...burstLoad(43)]);
  });

  it("runs at base + burst inside bursts and at base outside them", () => {
    // Ten periods. Inside bursts: 10 × 10 s × 20 req/s, Poisson with mean 2,000, so within
    // 4·√2000 ≈ 179. Outside: 10 × 50 s × 2 req/s, mean 1,000, within 4·√1000 ≈ 127.
    const requests = [...burstLoad(2024)];
    const inside = Array.from({ length: 10 }, (_, k) =>
      countIn(requests, 60 * k + 30, 60 * k + 40),
    );
    const insideCount = inside.reduce((sum, count) => sum + count, 0);
    expect(Math.abs(insideCount - 2000)).toBeLessThan(179);
    expect(Math.abs(requests.length - insideCount - 1000)).toBeLessThan(127);
  });

  it("starts and ends each burst on time: nothing but the burst when the base is 0", () => {
    // At 1,000 req/s a burst's first and last 0.02 s stay empty with probability e⁻²⁰ each.
    const load = burstLoad(8, {
      durationS: 95,
      baseRatePerS: 0,
      burstRatePerS: 1000,
      burstPeriodS: 30,
      burstLengthS: 2,
      burstOffsetS: 5,
    });
    const arrivalsS = [...load].map((request) => request.arrivalS);
    for (const startS of [5, 35, 65]) {
      const burst = arrivalsS.filter((t) => t >= startS - 5 && t < startS + 25);
      expect(burst[0]).toBeGreaterThanOrEqual(startS);
      expect(burst[0]).toBeLessThan(startS + 0.02);
      expect(burst.at(-1)).toBeLessThan(startS + 2);
      expect(burst.at(-1)).toBeGreaterThan(startS + 1.98);
    }
    // The fourth burst, [95, 97), falls past durationS.
    expect(arrivalsS.at(-1)).toBeLessThan(67);
  });

  it("keeps arrivals non-decreasing and inside [0, durationS), for any seed and rates", () => {
    fc.assert(
      fc.property(
        seedArb,
        ratePerSArb,
        ratePerSArb,
        shortDurationSArb,
        (seed, baseRatePerS, burstRatePerS, durationS) => {
          const load = burstLoad(seed, {
            durationS,
            baseRatePerS,
            burstRatePerS,
            burstPeriodS: 3,
            burstLengthS: 1,
            burstOffsetS: 0.5,
          });
          const requests = [...load];
          expect(isInArrivalOrder(requests)).toBe(true);
          expect(requests.every((r) => r.arrivalS >= 0 && r.arrivalS < durationS)).toBe(true);
        },
      ),
    );
  });

  it("rejects options out of range, naming the option", () => {
    expect(() => burstLoad(1, { burstLengthS: 90 })).toThrow(
      new ConfigError(
        "burst load: burstLengthS must be a number of seconds in (0, burstPeriodS], got 90",
      ),
    );
    expect(() => burstLoad(1, { burstOffsetS: 55 })).toThrow(
      new ConfigError(
        "burst load: burstOffsetS must be a number of seconds in [0, burstPeriodS − burstLengthS], got 55",
      ),
    );
    expect(() => burstLoad(1, { baseRatePerS: -1 })).toThrow(ConfigError);
    expect(() => burstLoad(1, { burstPeriodS: 0 })).toThrow(ConfigError);
  });
});
