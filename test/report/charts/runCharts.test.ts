import { describe, expect, it } from "vitest";
import {
  chartLayout,
  cumulativeGpuHours,
  distributionCharts,
  intervalAtPixel,
  intervalAtTime,
  latencyScale,
  outageLines,
  runCharts,
  sharedLeftMargin,
  type ChartSpec,
} from "../../../sim/report/charts/index.ts";
import { makeChartReport } from "./makeChartReport.ts";

const report = makeChartReport();
const charts = runCharts(report);

function chart(id: string): ChartSpec {
  const found = charts.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no chart ${id}`);
  return found;
}

function series(id: string, name: string) {
  const found = chart(id).series.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no series ${name} in ${id}`);
  return found;
}

describe("runCharts", () => {
  it("runCharts(report) gives the seven charts over time, in reading order", () => {
    expect(charts.map((c) => c.id)).toEqual([
      "request-rate",
      "sequence-length",
      "replicas",
      "ttft",
      "itl",
      "sla-attainment",
      "gpu-hours",
    ]);
  });

  it("puts every chart on one time axis, from 0 s to the end of the run at 190 s", () => {
    for (const spec of charts) {
      expect(spec.xAxis).toEqual({ label: "simulated time", unit: "s" });
      expect(spec.xDomain).toEqual([0, 190]);
    }
  });

  it("draws the observed rate at each interval's midpoint: 120 / 60 s and 240 / 60 s", () => {
    const observed = series("request-rate", "observed");
    expect(observed.xs).toEqual([30, 90, 150]);
    expect(observed.ys).toEqual([2, NaN, 4]);
  });

  it("draws each prediction over the interval it was made for, the next one", () => {
    const predicted = series("request-rate", "predicted");
    expect(predicted.xs).toEqual([90, 150, 210]);
    expect(predicted.ys).toEqual([3, NaN, 5]);
  });

  it("leaves the interval without traffic as NaN, a gap, in every per-interval series", () => {
    for (const spec of charts.filter((c) => ["sequence-length", "ttft", "itl"].includes(c.id))) {
      for (const s of spec.series) expect(s.ys[1], `${spec.id} ${s.name}`).toBeNaN();
    }
    expect(series("sla-attainment", "SLA attainment").ys).toEqual([75, NaN, 100]);
  });

  it("shows ISL and OSL observed and predicted, in tokens", () => {
    expect(chart("sequence-length").yAxis.unit).toBe("tokens");
    expect(series("sequence-length", "ISL observed").ys).toEqual([1000, NaN, 1000]);
    expect(series("sequence-length", "OSL predicted").ys).toEqual([110, NaN, 110]);
  });

  it("holds each decision's replica counts over the next interval, as steps", () => {
    expect(series("replicas", "prefill serving").xs).toEqual([0, 60, 60, 120, 120, 180]);
    expect(series("replicas", "prefill serving").ys).toEqual([1, 1, 1, 1, 2, 2]);
    expect(series("replicas", "prefill starting").ys).toEqual([0, 0, 1, 1, 0, 0]);
    expect(series("replicas", "decode serving").ys).toEqual([1, 1, 1, 1, 1, 1]);
    expect(series("replicas", "GPUs in use").ys).toEqual([2, 2, 3, 3, 3, 3]);
  });

  it("shades the interval that began with a replica starting, 60 s to 120 s", () => {
    // The pending decode replica after the last decision has no interval after it to shade.
    expect(chart("replicas").bands).toEqual([{ fromX: 60, toX: 120 }]);
  });

  it("draws the GPU budget of 6 as a horizontal line", () => {
    expect(chart("replicas").horizontalLines.map((l) => [l.value, l.label])).toEqual([
      [6, "GPU budget 6"],
    ]);
  });

  it("draws the TTFT and ITL targets as horizontal lines", () => {
    expect(chart("ttft").horizontalLines[0].value).toBe(0.5);
    expect(chart("itl").horizontalLines[0].value).toBe(0.05);
    expect(series("ttft", "p99").ys).toEqual([0.6, NaN, 0.6]);
  });

  it("follows the fleet's running GPU-hours: 120, 300, 480 GPU-s, then 510 by 190 s", () => {
    const points = cumulativeGpuHours(report);
    expect(points.xs).toEqual([0, 60, 120, 180, 190]);
    const expected = [0, 120, 300, 480, 510].map((gpuS) => gpuS / 3600);
    points.ys.forEach((y, k) => expect(y).toBeCloseTo(expected[k], 12));
  });

  it("keeps a NaN read back from JSON (null) as NaN, never as 0", () => {
    const parsed = JSON.parse(JSON.stringify(report));
    const observed = runCharts(parsed)[0].series[0];
    expect(observed.ys[1]).toBeNaN();
  });
});

describe("distributionCharts", () => {
  it("distributionCharts(report) plots TTFT and ITL CDFs with the target as a vertical line", () => {
    const [ttft, itl] = distributionCharts(report);
    expect(ttft.verticalLines[0].value).toBe(0.5);
    expect(itl.verticalLines[0].value).toBe(0.05);
    expect(ttft.yAxis.unit).toBe("%");
    expect(ttft.xAxis).toEqual({ label: "TTFT", unit: "s" });
  });

  it("leaves no point where the run had no latency to sample", () => {
    // The hand-built report has empty sketches: every quantile is NaN.
    const [ttft] = distributionCharts(report);
    expect(ttft.series[0].ys.every(Number.isNaN)).toBe(true);
  });
});

describe("intervalAtPixel", () => {
  const layout = chartLayout(chart("replicas"), { width: 600, height: 300 });

  it("intervalAtPixel(intervals, layout, px) finds the interval under the pointer", () => {
    expect(intervalAtPixel(report.intervals, layout, layout.xScale(90))).toBe(1);
    expect(intervalAtPixel(report.intervals, layout, layout.xScale(0))).toBe(0);
    expect(intervalAtPixel(report.intervals, layout, layout.xScale(179.9))).toBe(2);
  });

  it("intervalAtTime(intervals, s) finds the interval holding a moment, the hover's search", () => {
    expect(intervalAtTime(report.intervals, 0)).toBe(0);
    expect(intervalAtTime(report.intervals, 90)).toBe(1);
    expect(intervalAtTime(report.intervals, 180)).toBe(2);
    expect(intervalAtTime(report.intervals, -1)).toBe(-1);
    expect(intervalAtTime(report.intervals, 185)).toBe(-1);
    expect(intervalAtTime([], 0)).toBe(-1);
  });

  it("answers -1 outside the plot and after the last interval", () => {
    expect(intervalAtPixel(report.intervals, layout, layout.plot.left - 1)).toBe(-1);
    expect(intervalAtPixel(report.intervals, layout, layout.xScale(185))).toBe(-1);
  });
});

describe("sharedLeftMargin", () => {
  const size = { width: 600, height: 300 };
  const ownLefts = charts.map((c) => chartLayout(c, size).plot.left);

  it("gives the widest margin any chart needs, so that every plot starts at that pixel", () => {
    const margin = sharedLeftMargin(charts);
    // The charts' own margins differ (y labels "0.05" against "100"), which is the point.
    expect(new Set(ownLefts).size).toBeGreaterThan(1);
    expect(margin).toBe(Math.max(...ownLefts));
    const layouts = charts.map((c) => chartLayout(c, { ...size, leftMargin: margin }));
    for (const layout of layouts) {
      expect(layout.plot.left).toBe(margin);
      expect(layout.xScale(90)).toBeCloseTo(layouts[0].xScale(90), 9);
    }
  });

  it("never narrows a chart below what its own labels need", () => {
    const layouts = charts.map((c) => chartLayout(c, { ...size, leftMargin: 1 }));
    expect(layouts.map((l) => l.plot.left)).toEqual(ownLefts);
  });
});

describe("latency charts on a log scale", () => {
  it("latencyScale(p99s, target) is log once the worst p99 passes 20 times the target", () => {
    expect(latencyScale([0.5, 2.01, Number.NaN], 0.1)).toBe("log");
    expect(latencyScale([0.5, 2, Number.NaN], 0.1)).toBe("linear");
    expect(latencyScale([Infinity], 0.1)).toBe("linear");
    expect(latencyScale([], 0.1)).toBe("linear");
  });

  const spec: ChartSpec = {
    id: "ttft",
    title: "TTFT per interval",
    xAxis: { label: "simulated time", unit: "s" },
    yAxis: { label: "TTFT", unit: "s" },
    series: [{ name: "p99", colour: "#000000", dash: [], xs: [0, 1, 2, 3], ys: [0.03, 0, 4, 70] }],
    horizontalLines: [{ value: 0.1, label: "target", colour: "#000000", dash: [] }],
    verticalLines: [],
    bands: [],
    yScale: "log",
  };
  const size = { width: 600, height: 300 };

  it("spans whole decades from the lowest positive value, labelled as plain numbers", () => {
    const layout = chartLayout(spec, size);
    expect(layout.yScale.domain()).toEqual([0.01, 100]);
    expect(layout.yTicks.map((t) => t.label)).toEqual(["0.01", "0.1", "1", "10", "100"]);
    // Each decade takes the same height.
    const [a, b, c] = layout.yTicks.map((t) => t.px);
    expect(a - b).toBeCloseTo(b - c, 9);
  });

  it("draws a value of 0 on the floor of the plot rather than losing it", () => {
    const layout = chartLayout(spec, size);
    expect(layout.yScale(0)).toBeCloseTo(layout.plot.top + layout.plot.height, 9);
  });

  it("takes the workbench's choice over the spec's, and [1, 10] when nothing is positive", () => {
    expect(chartLayout(spec, { ...size, yScale: "linear" }).yScale.domain()).toEqual([0, 70]);
    const empty = { ...spec, series: [], horizontalLines: [] };
    expect(chartLayout(empty, size).yScale.domain()).toEqual([1, 10]);
  });
});

describe("metrics outages on the charts over time", () => {
  it("marks where each outage of the scenario begins and ends, on every chart", () => {
    const withOutage = {
      ...report,
      scenario: { ...report.scenario, metricsOutages: [{ startS: 60, endS: 120 }] },
    };
    expect(outageLines(report)).toEqual([]);
    for (const spec of runCharts(withOutage)) {
      const marks = spec.verticalLines.map(({ value, label }) => [value, label]);
      // One label per outage: two would print over each other when the outage is short.
      expect(marks).toEqual([
        [60, "no metrics for 60 s"],
        [120, ""],
      ]);
    }
  });
});
