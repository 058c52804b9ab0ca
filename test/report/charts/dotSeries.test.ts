// A series drawn as dots (a sweep's configurations, cost against attainment): one circle per
// finite point, no line.
import { describe, expect, it } from "vitest";
import { chartSvg, type ChartSpec } from "../../../sim/report/charts/index.ts";

const spec: ChartSpec = {
  id: "frontier",
  title: "Cost and attainment",
  xAxis: { label: "GPU-hours", unit: "GPU-h" },
  yAxis: { label: "SLA attainment", unit: "%" },
  series: [
    {
      name: "configurations",
      colour: "#0072B2",
      dash: [],
      xs: [1, 2, 3, 4],
      ys: [50, NaN, 90, 95],
      dotRadius: 3,
    },
    { name: "frontier", colour: "#D55E00", dash: [], xs: [1, 3, 4], ys: [50, 90, 95] },
  ],
  horizontalLines: [],
  verticalLines: [],
  bands: [],
};

describe("a dotted series", () => {
  it("draws one circle per finite point and the other series as a line", () => {
    const svg = chartSvg(spec, { width: 600, height: 300 });
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('r="3" fill="#0072B2"');
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#D55E00"/g)).toHaveLength(1);
  });
});
