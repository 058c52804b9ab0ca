import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import {
  DAY_S,
  DEFAULT_DIURNAL_LOAD,
  diurnalLoad,
  diurnalRateAt,
} from "../../sim/traces/diurnalLoad.ts";
import { seedArb, shortDurationSArb } from "./traceArbitraries.ts";
import { isInArrivalOrder } from "./traceFactories.ts";
import { countIn, firstRequests } from "./loadStatistics.ts";

const HOUR_S = 3600;
const PEAK_S = 14 * HOUR_S;

// A week at 0.05 req/s on average, swinging ±80%: about 30,000 requests.
const WEEK = { meanRatePerS: 0.05, amplitude: 0.8 };

describe("diurnalRateAt", () => {
  it("peaks at peakS, is at the mean 6 h either side and bottoms out 12 h away", () => {
    expect(diurnalRateAt(PEAK_S, 2, 0.5, PEAK_S)).toBe(3);
    expect(diurnalRateAt(PEAK_S + DAY_S, 2, 0.5, PEAK_S)).toBeCloseTo(3, 12);
    expect(diurnalRateAt(PEAK_S + 6 * HOUR_S, 2, 0.5, PEAK_S)).toBeCloseTo(2, 12);
    expect(diurnalRateAt(PEAK_S - 6 * HOUR_S, 2, 0.5, PEAK_S)).toBeCloseTo(2, 12);
    expect(diurnalRateAt(PEAK_S + 12 * HOUR_S, 2, 0.5, PEAK_S)).toBeCloseTo(1, 12);
  });
});

describe("diurnalLoad", () => {
  it("defaults to a week at 1 req/s on average, ±50%, peaking at 14:00", () => {
    expect(DEFAULT_DIURNAL_LOAD).toMatchObject({
      durationS: 7 * DAY_S,
      slotS: 1,
      meanRatePerS: 1,
      amplitude: 0.5,
      peakS: PEAK_S,
    });
  });

  it("gives the same requests for the same seed, and other requests for another seed", () => {
    const day = { ...WEEK, durationS: DAY_S };
    expect([...diurnalLoad(42, day)]).toEqual([...diurnalLoad(42, day)]);
    expect([...diurnalLoad(42, day)]).not.toEqual([...diurnalLoad(43, day)]);
  });

  it("draws lazily: the first requests of a year-long load come at once", () => {
    expect(firstRequests(diurnalLoad(1, { durationS: 366 * DAY_S }), 10)).toHaveLength(10);
  });

  it("averages meanRatePerS over a whole week within 4 standard deviations", () => {
    // The slot rates sum to exactly mean × duration over whole days (the sines of evenly
    // spaced angles cancel), so the count is Poisson with mean 30,240: ±4·√30240 ≈ ±696.
    const requests = [...diurnalLoad(2024, WEEK)];
    expect(Math.abs(requests.length - 30_240)).toBeLessThan(696);
  });

  it("shows daily seasonality: the hour around peakS outdraws the hour 12 h later each day", () => {
    // Over the week, the hour centred on the peak expects 7 · 3600 · 0.05 · (1 + 0.8·s) and the
    // one 12 h later 7 · 3600 · 0.05 · (1 − 0.8·s), where s = sin(π/24)/(π/24) ≈ 0.99715 is
    // the cosine's average over the hour: 2,265.1 (±4·√2265 ≈ ±190) and 254.9 (±4·√255 ≈ ±64).
    const requests = [...diurnalLoad(7, WEEK)];
    const hourAround = (centreS: number) => countIn(requests, centreS - 1800, centreS + 1800);
    const days = [0, 1, 2, 3, 4, 5, 6];
    const peakHours = days.map((day) => hourAround(day * DAY_S + PEAK_S));
    // 14:00 + 12 h is 02:00, and each day's 02:00 falls inside the week.
    const troughHours = days.map((day) => hourAround(day * DAY_S + PEAK_S - 12 * HOUR_S));
    const peakTotal = peakHours.reduce((sum, count) => sum + count, 0);
    const troughTotal = troughHours.reduce((sum, count) => sum + count, 0);
    expect(Math.abs(peakTotal - 2265.1)).toBeLessThan(190);
    expect(Math.abs(troughTotal - 254.9)).toBeLessThan(64);
    // Per day about 324 against 36: a reversal is some twenty standard deviations away.
    days.forEach((day) => expect(peakHours[day]).toBeGreaterThan(troughHours[day]));
  });

  it("keeps arrivals non-decreasing and inside [0, durationS), for any seed", () => {
    fc.assert(
      fc.property(
        seedArb,
        shortDurationSArb,
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        (seed, durationS, slotS) => {
          const requests = [...diurnalLoad(seed, { durationS, slotS, meanRatePerS: 5 })];
          expect(isInArrivalOrder(requests)).toBe(true);
          expect(requests.every((r) => r.arrivalS >= 0 && r.arrivalS < durationS)).toBe(true);
        },
      ),
    );
  });

  it("rejects options out of range, naming the option", () => {
    expect(() => diurnalLoad(1, { amplitude: 1.2 })).toThrow(
      new ConfigError("diurnal load: amplitude must be a share in [0, 1], got 1.2"),
    );
    expect(() => diurnalLoad(1, { peakS: DAY_S })).toThrow(
      new ConfigError("diurnal load: peakS must be a number of seconds in [0, 86400), got 86400"),
    );
    expect(() => diurnalLoad(1, { meanRatePerS: -1 })).toThrow(ConfigError);
    expect(() => diurnalLoad(1, { slotS: 0 })).toThrow(ConfigError);
  });
});
