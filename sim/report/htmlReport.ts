/**
 * The report of one run as a single self-contained HTML page: the scenario, the summary table
 * and every chart as inline SVG. No script, font, stylesheet or image is fetched, so the file
 * opens the same offline, attached to a mail or years later.
 */
import { htmlPage } from "./htmlPage.ts";
import { sharedLeftMargin, type ChartSize } from "./charts/chartLayout.ts";
import { chartSvg } from "./charts/chartSvg.ts";
import type { ChartSpec } from "./charts/chartSpec.ts";
import { distributionCharts } from "./charts/distributionCharts.ts";
import { runCharts } from "./charts/runCharts.ts";
import type { SimulationReport } from "./simulationReport.ts";

/** Size every chart is drawn at, in CSS pixels; the page scales them down on narrow screens. */
const CHART_SIZE = { width: 880, height: 300 } as const;

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
  max-width: 920px; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.description { color: #333; }
.generator { color: #666; font-size: 0.85rem; }
table { border-collapse: collapse; font-size: 0.9rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.6rem 0.2rem 0; }
th { white-space: nowrap; font-weight: 600; }
td { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
td.timeline { font-family: ui-monospace, Menlo, Consolas, monospace; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
`;

/**
 * The page for `report`. `summaryLines` are the lines of the text summary (`summaryText`), so
 * the table shows exactly the figures `slaplan sim` printed.
 */
export function htmlReport(report: SimulationReport, summaryLines: readonly string[]): string {
  const { scenario } = report;
  // The time charts share one left margin, so a moment lies at the same x in each of them.
  const timeCharts = runCharts(report);
  const leftMargin = sharedLeftMargin(timeCharts);
  const description = scenario.description
    ? `<p class="description">${escapeHtml(scenario.description)}</p>`
    : "";
  return htmlPage(`slaplan sim: ${scenario.name}`, STYLE, [
    `<h1>${escapeHtml(scenario.name)}</h1>`,
    description,
    `<p class="generator">Written by ${escapeHtml(report.generator)}: planner mode ` +
      `${escapeHtml(scenario.planner.mode)}, ` +
      `${report.intervals.length.toLocaleString("en-US")} adjustment intervals of ` +
      `${scenario.planner.adjustmentIntervalS} s.</p>`,
    "<h2>Summary</h2>",
    summaryTable(summaryLines),
    "<h2>Over time</h2>",
    ...timeCharts.map((spec) => chartFigure(spec, { ...CHART_SIZE, leftMargin })),
    "<h2>Latency distributions</h2>",
    ...distributionCharts(report).map((spec) => chartFigure(spec, CHART_SIZE)),
  ]);
}

function chartFigure(spec: ChartSpec, size: ChartSize): string {
  return `<figure id="${escapeHtml(spec.id)}">\n${chartSvg(spec, size)}\n</figure>`;
}

/**
 * The text summary as a table: its first line ("Summary of …") is the caption, and each other
 * line splits where the label's column ends (the first run of two or more spaces). A line
 * without such a gap, such as the heading of the replica timeline, spans both columns.
 */
function summaryTable(lines: readonly string[]): string {
  const [caption = "", ...rows] = lines;
  const body = rows.map((line) => {
    const match = /^\s*(\S.*?)\s{2,}(\S.*)$/.exec(line);
    if (match === null) return `<tr><th colspan="2">${escapeHtml(line.trim())}</th></tr>`;
    const [, label, value] = match;
    // The timeline rows are one character an interval: monospace keeps them aligned.
    const timeline = /^[\d+]+$/.test(value) ? ' class="timeline"' : "";
    return `<tr><th>${escapeHtml(label)}</th><td${timeline}>${escapeHtml(value)}</td></tr>`;
  });
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n${body.join("\n")}\n</table>`;
}

/** Text made safe inside an HTML element or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
