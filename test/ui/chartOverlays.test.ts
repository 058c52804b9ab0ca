// Run B laid over run A's charts: B's lines, and B's own marks where A has none.
import { describe, expect, it } from "vitest";
import type { ChartSpec, ReferenceLine } from "../../sim/report/charts/chartSpec.ts";
import { withComparison } from "../../ui/state/chartOverlays.ts";

function spec(marks: readonly ReferenceLine[]): ChartSpec {
  return {
    id: "ttft",
    title: "TTFT per interval",
    xAxis: { label: "simulated time", unit: "s" },
    yAxis: { label: "TTFT", unit: "s" },
    series: [{ name: "p99", colour: "#D55E00", dash: [], xs: [30, 90], ys: [0.2, 0.3] }],
    horizontalLines: [],
    verticalLines: marks,
    bands: [],
  };
}

const mark = (value: number, label: string): ReferenceLine => ({
  value,
  label,
  colour: "#6E6E6E",
  dash: [2, 2],
});

describe("withComparison", () => {
  it("adds B's lines in sparse dots, which no line of A uses, named (B)", () => {
    const [merged] = withComparison([spec([])], [spec([])]);
    expect(merged.series.map((s) => [s.name, s.dash])).toEqual([
      ["p99", []],
      ["p99 (B)", [1, 4]],
    ]);
  });

  it("marks B's outage where A has none, and does not repeat a mark A has at that moment", () => {
    const a = spec([mark(1200, "no metrics for 600 s"), mark(1800, "")]);
    const b = spec([
      mark(1200, "no metrics for 300 s"),
      mark(1500, ""),
      mark(2400, "no metrics for 60 s"),
    ]);
    const [merged] = withComparison([a], [b]);
    expect(merged.verticalLines.map((l) => [l.value, l.label])).toEqual([
      [1200, "no metrics for 600 s"],
      [1800, ""],
      [1500, ""],
      [2400, "no metrics for 60 s (B)"],
    ]);
  });
});
