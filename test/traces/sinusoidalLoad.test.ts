import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import {
  DEFAULT_SINUSOIDAL_LOAD,
  sinusoidAt,
  sinusoidalLoad,
} from "../../sim/traces/sinusoidalLoad.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { isInArrivalOrder } from "./traceFactories.ts";

/** The requests of one slot [startS, startS + 1), reading the load no further than needed. */
function slotRequests(load: Iterable<TraceRequest>, startS: number): TraceRequest[] {
  const inSlot: TraceRequest[] = [];
  for (const request of load) {
    if (request.arrivalS >= startS + 1) break;
    if (request.arrivalS >= startS) inSlot.push(request);
  }
  return inSlot;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const SEEDS = Array.from({ length: 400 }, (_, seed) => seed);

describe("sinusoidAt", () => {
  it("starts at the minimum, peaks half a period later and crosses the middle in between", () => {
    expect(sinusoidAt(0, 5, 10, 10)).toBe(5);
    expect(sinusoidAt(5, 5, 10, 10)).toBeCloseTo(10, 12);
    expect(sinusoidAt(2.5, 5, 10, 10)).toBeCloseTo(7.5, 12);
    expect(sinusoidAt(10, 5, 10, 10)).toBeCloseTo(5, 12);
  });
});

describe("sinusoidalLoad", () => {
  it("uses Dynamo's defaults", () => {
    expect(DEFAULT_SINUSOIDAL_LOAD).toEqual({
      durationS: 100,
      slotS: 1,
      requestRateMinPerS: 5,
      requestRateMaxPerS: 10,
      requestRatePeriodS: 10,
      isl1Tokens: 100,
      osl1Tokens: 2000,
      isl2Tokens: 5000,
      osl2Tokens: 100,
      islOslRatioMin: 0.2,
      islOslRatioMax: 0.8,
      islOslRatioPeriodS: 10,
      blockSizeTokens: 512,
      totalBlocks: 10_000,
    });
  });

  it("gives the same requests for the same seed, and other requests for another seed", () => {
    expect([...sinusoidalLoad(42)]).toEqual([...sinusoidalLoad(42)]);
    expect([...sinusoidalLoad(42)]).not.toEqual([...sinusoidalLoad(43)]);
  });

  it("replays the same requests each time it is iterated", () => {
    const load = sinusoidalLoad(7);
    expect([...load]).toEqual([...load]);
  });

  it("draws lazily: the first requests of a year-long load come at once", () => {
    const load = sinusoidalLoad(1, { durationS: 366 * 24 * 3600 });
    const firstTen: TraceRequest[] = [];
    for (const request of load) {
      firstTen.push(request);
      if (firstTen.length === 10) break;
    }
    expect(firstTen).toHaveLength(10);
  });

  it("keeps arrivals in order and inside [0, durationS)", () => {
    const requests = [...sinusoidalLoad(3, { durationS: 2.5 })];
    expect(isInArrivalOrder(requests)).toBe(true);
    expect(requests.every((request) => request.arrivalS >= 0 && request.arrivalS < 2.5)).toBe(true);
  });

  it("spaces a slot's n requests evenly from its start: request i arrives at t + i/n", () => {
    const inSlot = slotRequests(sinusoidalLoad(11), 3);
    expect(inSlot.length).toBeGreaterThan(1);
    expect(inSlot.map((request) => request.arrivalS)).toEqual(
      inSlot.map((_, i) => 3 + i / inSlot.length),
    );
  });

  it("spaces a cut-short last slot over its own width: 2 + i·0.5/n in [2, 2.5)", () => {
    const inLast = slotRequests(
      sinusoidalLoad(5, { durationS: 2.5, requestRateMinPerS: 40, requestRateMaxPerS: 40 }),
      2,
    );
    expect(inLast.length).toBeGreaterThan(1);
    expect(inLast.map((request) => request.arrivalS)).toEqual(
      inLast.map((_, i) => 2 + (i * 0.5) / inLast.length),
    );
  });

  it("averages (min + max) / 2 = 7.5 req/s over whole periods", () => {
    // The slot rates 7.5 − 2.5·cos(2πt/10) for t = 0..9 sum to exactly 75 per period (the
    // cosines of ten evenly spaced angles cancel). Over 100 periods the count is Poisson with
    // mean 7,500, so its rate has a standard deviation of √7500 / 1000 ≈ 0.087 req/s; 0.35
    // is four of those.
    const requests = [...sinusoidalLoad(2024, { durationS: 1000 })];
    expect(Math.abs(requests.length / 1000 - 7.5)).toBeLessThan(0.35);
  });

  it("starts at the minimum rate: the first slot averages 5 requests over many seeds", () => {
    // 400 Poisson(5) draws: the mean's standard deviation is √(5/400) ≈ 0.11; four is 0.45.
    const counts = SEEDS.map((seed) => slotRequests(sinusoidalLoad(seed), 0).length);
    expect(Math.abs(mean(counts) - 5)).toBeLessThan(0.45);
  });

  it("reaches the maximum rate half a period in: slot [5, 6) averages 10 requests", () => {
    // 400 Poisson(10) draws: standard deviation of the mean √(10/400) ≈ 0.16; four is 0.64.
    const counts = SEEDS.map((seed) => slotRequests(sinusoidalLoad(seed), 5).length);
    expect(Math.abs(mean(counts) - 10)).toBeLessThan(0.64);
  });

  it("always picks the first shape when its share is 1, with ceil(100/512) = 1 hash id", () => {
    const requests = [...sinusoidalLoad(9, { islOslRatioMin: 1, islOslRatioMax: 1 })];
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect([request.islTokens, request.oslTokens, request.hashIds?.length]).toEqual([
        100, 2000, 1,
      ]);
    }
  });

  it("always picks the second shape when its share is 0, with ceil(5000/512) = 10 hash ids", () => {
    const requests = [...sinusoidalLoad(9, { islOslRatioMin: 0, islOslRatioMax: 0 })];
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect([request.islTokens, request.oslTokens, request.hashIds?.length]).toEqual([
        5000, 100, 10,
      ]);
      const ids = request.hashIds ?? [];
      expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < 10_000)).toBe(true);
    }
  });

  it("draws the first shape about 22% of the time in slot [0, 1) and 78% in [5, 6)", () => {
    // The share 0.5 − 0.3·cos(2πt/10) averages 0.5 ∓ 0.3·sin(π/5)/(π/5) = 0.5 ∓ 0.281 over
    // those slots. A steady 20 req/s for 100 periods gives ~2,000 draws per slot phase: a
    // standard deviation near 0.009, so 0.05 is over five of them.
    const requests = [
      ...sinusoidalLoad(17, { durationS: 1000, requestRateMinPerS: 20, requestRateMaxPerS: 20 }),
    ];
    const firstShareIn = (phaseS: number) => {
      const inPhase = requests.filter((r) => Math.floor(r.arrivalS) % 10 === phaseS);
      return inPhase.filter((r) => r.islTokens === 100).length / inPhase.length;
    };
    expect(Math.abs(firstShareIn(0) - 0.219)).toBeLessThan(0.05);
    expect(Math.abs(firstShareIn(5) - 0.781)).toBeLessThan(0.05);
  });

  it("rejects options out of range, naming the option", () => {
    expect(() => sinusoidalLoad(1, { requestRateMinPerS: 10, requestRateMaxPerS: 5 })).toThrow(
      new ConfigError(
        "sinusoidal load: requestRateMaxPerS must be a number ≥ requestRateMinPerS, got 5",
      ),
    );
    expect(() => sinusoidalLoad(1, { islOslRatioMax: 1.5 })).toThrow(ConfigError);
    expect(() => sinusoidalLoad(1, { durationS: 0 })).toThrow(ConfigError);
    expect(() => sinusoidalLoad(1, { blockSizeTokens: 0.5 })).toThrow(ConfigError);
    expect(() => sinusoidalLoad(1, { osl1Tokens: -1 })).toThrow(ConfigError);
  });
});
