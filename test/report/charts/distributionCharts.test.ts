import { describe, expect, it } from "vitest";
import { distributionCharts } from "../../../sim/report/charts/index.ts";
import type { SimulationReport } from "../../../sim/report/simulationReport.ts";
import { makeChartReport } from "./makeChartReport.ts";

// TTFT target 0.5 s, ITL target 0.05 s: a log x beyond 10 s and 1 s.
const report = makeChartReport();

/** The report with these quantiles at p50 and p99. */
function withQuantiles(ttftS: number[], itlS: number[]): SimulationReport {
  return { ...report, distributions: { probabilities: [0.5, 0.99], ttftS, itlS } };
}

describe("distributionCharts x scale", () => {
  it("goes log once the slowest latency passes 20 times the target, as the charts over time", () => {
    const [ttft, itl] = distributionCharts(withQuantiles([0.2, 10.01], [0.02, 1.001]));
    expect(ttft.xScale).toBe("log");
    expect(itl.xScale).toBe("log");
  });

  it("stays linear at 20 times the target and below", () => {
    const [ttft, itl] = distributionCharts(withQuantiles([0.2, 10], [0.02, 0.04]));
    expect(ttft.xScale).toBe("linear");
    expect(itl.xScale).toBe("linear");
  });

  it("stays linear when no request had a latency (every quantile NaN)", () => {
    const [ttft] = distributionCharts(withQuantiles([NaN, NaN], [NaN, NaN]));
    expect(ttft.xScale).toBe("linear");
  });
});
