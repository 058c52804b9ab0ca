import { describe, expect, it } from "vitest";
import { chartSvg, runCharts, type ChartSpec } from "../../../sim/report/charts/index.ts";
import { makeChartReport } from "./makeChartReport.ts";

/**
 * Whether every element of `xml` is closed in order: a tag-balance check standing in for an
 * XML parser, which Node does not have. Returns the first problem found, or "" when balanced.
 */
function tagBalanceProblem(xml: string): string {
  const open: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^<>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing === "/") continue;
    if (closing === "") open.push(name);
    else if (open.pop() !== name) return `</${name}> closes nothing open at ${match.index}`;
  }
  if (/<(?![A-Za-z/])/.test(xml.replace(/<\?xml[^>]*>/, ""))) return "a stray <";
  return open.length === 0 ? "" : `left open: ${open.join(", ")}`;
}

const ttft = runCharts(makeChartReport()).find((c) => c.id === "ttft") as ChartSpec;

describe("chartSvg", () => {
  const svg = chartSvg(ttft, { width: 640, height: 300 });

  it("chartSvg(spec, size) is one balanced <svg> element of that size", () => {
    expect(tagBalanceProblem(svg)).toBe("");
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300"')).toBe(
      true,
    );
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("labels both axes with their units, and the title", () => {
    expect(svg).toContain(">simulated time (s)</text>");
    expect(svg).toContain(">TTFT (s)</text>");
    expect(svg).toContain(">TTFT per interval</text>");
  });

  it("draws the target as a dashed line across the plot, labelled", () => {
    expect(svg).toContain(">target 0.5 s</text>");
    expect(svg).toMatch(
      /<line [^>]*stroke="#000000" stroke-width="1.25" stroke-dasharray="6 3"\/>/,
    );
  });

  it("gives each series a legend entry and a path that breaks at the interval without traffic", () => {
    for (const name of ["p50", "p90", "p99"]) expect(svg).toContain(`>${name}</text>`);
    const paths = [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(3);
    // Two points either side of the gap: two separate one-point subpaths, never a joined line.
    for (const d of paths) expect(d.match(/M/g)).toHaveLength(2);
  });

  it("escapes text, so a scenario name cannot break the markup", () => {
    const spec = { ...ttft, title: 'a < b & "c"' };
    const text = chartSvg(spec, { width: 640, height: 300 });
    expect(text).toContain("a &lt; b &amp; &quot;c&quot;");
    expect(tagBalanceProblem(text)).toBe("");
  });

  it("stays small for 100,000 points: two per pixel column at most", () => {
    const xs = Array.from({ length: 100_000 }, (_, i) => i * 60);
    const ys = xs.map((x) => 1 + Math.sin(x / 5000));
    const spec: ChartSpec = {
      ...ttft,
      series: [{ ...ttft.series[0], xs, ys }],
      xDomain: undefined,
    };
    const text = chartSvg(spec, { width: 800, height: 300 });
    const d = (/<path d="([^"]*)"/.exec(text) as RegExpExecArray)[1];
    expect(d.match(/[ML]/g)?.length).toBeLessThanOrEqual(2 * 800 + 2);
    expect(text.length).toBeLessThan(40_000);
  });
});
