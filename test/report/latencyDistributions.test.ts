import { describe, expect, it } from "vitest";
import { RunStatistics } from "../../sim/engine/runStatistics.ts";
import {
  buildReport,
  DISTRIBUTION_PROBABILITIES,
  reportToJson,
} from "../../sim/report/simulationReport.ts";
import { makeScenario, makeSimulationResult } from "../support/simulationFactories.ts";

describe("the report's latency distributions", () => {
  it("samples probabilities 0.001 to 0.999, ascending, every 0.001 above 0.99", () => {
    const p = DISTRIBUTION_PROBABILITIES;
    expect(p[0]).toBe(0.001);
    expect(p[p.length - 1]).toBe(0.999);
    for (let k = 1; k < p.length; k += 1) expect(p[k]).toBeGreaterThan(p[k - 1]);
    expect(p.filter((q) => q > 0.99)).toEqual([
      0.991, 0.992, 0.993, 0.994, 0.995, 0.996, 0.997, 0.998, 0.999,
    ]);
    expect(p.length).toBeGreaterThanOrEqual(100);
    expect(p.length).toBeLessThanOrEqual(130);
  });

  it("buildReport gives each probability's TTFT and ITL, within the sketch's 0.5 %", () => {
    // Two requests: TTFT 0.2 s and 0.6 s, ITL 10 ms and 30 ms; the interpolated quantile at p
    // lies between them, 0.2 + 0.4·p s and 0.01 + 0.02·p s.
    const statistics = new RunStatistics(0.5, 0.05);
    statistics.arrived = 2;
    statistics.recordCompletion(0.2, 0.01, 1);
    statistics.recordCompletion(0.6, 0.03, 3);
    const report = buildReport(makeScenario(), makeSimulationResult({ statistics }));
    const { probabilities, ttftS, itlS } = report.distributions;
    expect(probabilities).toEqual(DISTRIBUTION_PROBABILITIES);
    probabilities.forEach((p, k) => {
      expect(Math.abs(ttftS[k] - (0.2 + 0.4 * p))).toBeLessThanOrEqual(0.005 * (0.2 + 0.4 * p));
      expect(Math.abs(itlS[k] - (0.01 + 0.02 * p))).toBeLessThanOrEqual(0.005 * (0.01 + 0.02 * p));
    });
  });

  it("writes null for every point when no request had a latency", () => {
    const report = buildReport(makeScenario(), makeSimulationResult());
    const parsed = JSON.parse(reportToJson(report));
    expect(parsed.distributions.ttftS.every((v: unknown) => v === null)).toBe(true);
    expect(parsed.distributions.probabilities).toHaveLength(DISTRIBUTION_PROBABILITIES.length);
  });
});
