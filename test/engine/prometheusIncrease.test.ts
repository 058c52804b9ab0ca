import { describe, expect, it } from "vitest";
import { extrapolatedIncrease } from "../../sim/engine/prometheusIncrease.ts";
import { PrometheusScraper } from "../../sim/engine/prometheusScraper.ts";
import { emptyCounters } from "../../sim/engine/frontendMetrics.ts";

const samplesOf = (points: [number, number][]) => points.map(([atS, value]) => ({ atS, value }));

describe("extrapolatedIncrease, as Prometheus's increase()", () => {
  it("extrapolates fully to edges within 1.1 sample gaps", () => {
    // Range (0, 60]; samples every 5 s from 2.5 s to 57.5 s: 55 s sampled, 2.5 s to each edge
    // (under 1.1 × 5 s), so 60 s of the 110 counted: 110 × 60 / 55 = 120.
    const samples = samplesOf(Array.from({ length: 12 }, (_, i) => [2.5 + 5 * i, 1000 + 10 * i]));
    expect(extrapolatedIncrease(samples, 60, 60)).toBeCloseTo(120, 10);
  });

  it("extrapolates half a gap toward an edge farther than 1.1 gaps", () => {
    // Samples at 30, 35, 40 (gap 5) in range (0, 45]: 30 s to the start is far, so half a gap
    // (2.5 s); 5 s to the end is within 5.5, so all of it: 10 × (10 + 2.5 + 5) / 10 = 17.5.
    const samples = samplesOf([
      [30, 100],
      [35, 105],
      [40, 110],
    ]);
    expect(extrapolatedIncrease(samples, 45, 45)).toBeCloseTo(17.5, 10);
  });

  it("never extrapolates a counter back past zero", () => {
    // From 2 to 12 over 10 s, the counter would have been 0 two seconds before the first
    // sample; the start edge is 3 s away: extrapolate 2 s, not 3: 10 × (10 + 2 + 0) / 10 = 12.
    const samples = samplesOf([
      [13, 2],
      [18, 7],
      [23, 12],
    ]);
    expect(extrapolatedIncrease(samples, 23, 13)).toBeCloseTo(12, 10);
  });

  it("answers nothing with fewer than two samples in range", () => {
    expect(extrapolatedIncrease(samplesOf([[10, 5]]), 60, 60)).toBeUndefined();
    expect(
      extrapolatedIncrease(
        samplesOf([
          [-5, 1],
          [0, 2],
        ]),
        60,
        60,
      ),
    ).toBeUndefined();
  });
});

describe("PrometheusScraper", () => {
  it("answers the six figures from scraped counters, averages as increase over increase", () => {
    const scraper = new PrometheusScraper(60);
    for (let i = 0; i < 12; i += 1) {
      const counters = emptyCounters();
      counters.requests = 10 * i;
      counters.ttftSumS = 0.5 * i;
      counters.ttftCount = 10 * i;
      scraper.record(2.5 + 5 * i, counters);
    }
    // The counters were 0 at the first scrape, so increase() cannot reach back past it: 110
    // over 55 s, extrapolated only to the end edge, 2.5 s on: 110 × 57.5 / 55 = 115.
    const figures = scraper.query(60, 60);
    expect(figures?.numReq).toBeCloseTo(115, 10);
    expect(figures?.ttftS).toBeCloseTo(0.05, 12);
    expect(Number.isNaN(figures?.itlS)).toBe(true);
  });
});
