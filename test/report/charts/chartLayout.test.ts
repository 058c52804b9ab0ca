import { describe, expect, it } from "vitest";
import { chartLayout, type ChartSpec } from "../../../sim/report/charts/index.ts";

/** A latency CDF: 10 % of requests within 0.03 s, the slowest at 70 s, the target at 0.1 s. */
const cdf: ChartSpec = {
  id: "ttft-cdf",
  title: "TTFT distribution",
  xAxis: { label: "TTFT", unit: "s" },
  yAxis: { label: "requests at or below", unit: "%" },
  series: [
    { name: "CDF", colour: "#000000", dash: [], xs: [0.03, 0.5, 4, 70], ys: [10, 50, 90, 100] },
  ],
  horizontalLines: [],
  verticalLines: [{ value: 0.1, label: "target", colour: "#000000", dash: [] }],
  bands: [],
  yDomain: [0, 100],
  xScale: "log",
};
const size = { width: 600, height: 300 };

describe("chartLayout on a log x axis", () => {
  it("spans whole decades from the lowest positive x to the highest, labelled as plain numbers", () => {
    const layout = chartLayout(cdf, size);
    // 0.03 widens down to 0.01 and 70 up to 100.
    expect(layout.xScale.domain()).toEqual([0.01, 100]);
    expect(layout.xTicks.map((t) => t.label)).toEqual(["0.01", "0.1", "1", "10", "100"]);
  });

  it("gives each decade the same width: 1 s in the middle, the 0.1 s target a quarter in", () => {
    const { plot, xScale } = chartLayout(cdf, size);
    expect(xScale(1)).toBeCloseTo(plot.left + plot.width / 2, 9);
    expect(xScale(0.1)).toBeCloseTo(plot.left + plot.width / 4, 9);
    expect(xScale(100)).toBeCloseTo(plot.left + plot.width, 9);
  });

  it("draws a latency of 0 s on the left edge rather than losing it", () => {
    const { plot, xScale } = chartLayout(cdf, size);
    expect(xScale(0)).toBe(plot.left);
  });

  it("counts vertical lines and bands in the range, positive values only", () => {
    const wide = {
      ...cdf,
      verticalLines: [{ ...cdf.verticalLines[0], value: 0.002 }],
      bands: [{ fromX: -5, toX: 300 }],
    };
    expect(chartLayout(wide, size).xScale.domain()).toEqual([0.001, 1000]);
  });

  it("takes the workbench's choice over the spec's: linear spans the data as it is", () => {
    const layout = chartLayout(cdf, { ...size, xScale: "linear" });
    expect(layout.xScale.domain()).toEqual([0.03, 70]);
    expect(layout.xTicks[0].label).not.toBe("0.01");
  });

  it("keeps a given x range (a zoom) as asked, and [1, 10] when nothing is positive", () => {
    expect(chartLayout(cdf, { ...size, xDomain: [0.05, 50] }).xScale.domain()).toEqual([0.05, 50]);
    const empty = { ...cdf, series: [], verticalLines: [] };
    expect(chartLayout(empty, size).xScale.domain()).toEqual([1, 10]);
  });

  it("inverts a pixel back to its latency, for the hover", () => {
    const { plot, xScale } = chartLayout(cdf, size);
    expect(xScale.invert(plot.left + (plot.width * 3) / 4)).toBeCloseTo(10, 9);
  });
});
