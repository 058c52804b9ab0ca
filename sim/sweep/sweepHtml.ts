/**
 * A sweep's report as one self-contained HTML page: the table of parameter combinations and a
 * chart of attainment against GPU-hours, each combination a dot, the frontier a line. No
 * script, font or stylesheet is fetched.
 */
import { chartLayout } from "../report/charts/chartLayout.ts";
import type { ChartSpec } from "../report/charts/chartSpec.ts";
import { chartSvg, escapeXml } from "../report/charts/chartSvg.ts";
import { DASHES, OKABE_ITO } from "../report/charts/palette.ts";
import type { CombinationSummary } from "./combinationSummaries.ts";
import type { SweepReportTable } from "./sweepReportText.ts";

const CHART_SIZE = { width: 880, height: 420 } as const;

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
  max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.note { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.2rem 0.8rem 0.2rem 0; }
td { font-variant-numeric: tabular-nums; }
tr.frontier td { font-weight: 600; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
`;

/** What the page shows besides the combinations. */
export interface SweepPageText {
  readonly title: string;
  readonly description: string;
  /** Lines of the run's summary (points, seeds, wall time), shown under the title. */
  readonly notes: readonly string[];
}

/** The page; `table` holds the cells of `summaries`, row for row. */
export function sweepHtml(
  text: SweepPageText,
  summaries: readonly CombinationSummary[],
  table: SweepReportTable,
): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(`slaplan sweep: ${text.title}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeXml(text.title)}</h1>`,
    text.description === "" ? "" : `<p>${escapeXml(text.description)}</p>`,
    ...text.notes.map((note) => `<p class="note">${escapeXml(note)}</p>`),
    "<h2>Cost and attainment</h2>",
    costChartFigure(summaries),
    "<h2>Combinations, cheapest first</h2>",
    combinationTable(summaries, table),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The frontier as a line through the chart, every combination as a dot drawn over it. */
function costChartFigure(summaries: readonly CombinationSummary[]): string {
  const measured = summaries.filter(
    (s) => Number.isFinite(s.gpuHours.mean) && Number.isFinite(s.attainment.mean),
  );
  if (measured.length === 0) return '<p class="note">No combination has figures to chart.</p>';
  const frontier = measured.filter((s) => s.onFrontier);
  const highestCost = Math.max(...measured.map((s) => s.gpuHours.mean));
  const spec: ChartSpec = {
    id: "cost-attainment",
    title: "SLA attainment against GPU-hours (mean over seeds)",
    xAxis: { label: "GPU-hours", unit: "GPU-h" },
    yAxis: { label: "SLA attainment", unit: "%" },
    series: [
      {
        name: "cost–attainment frontier",
        colour: OKABE_ITO.vermillion,
        dash: DASHES.solid,
        xs: frontier.map((s) => s.gpuHours.mean),
        ys: frontier.map((s) => s.attainment.mean * 100),
      },
    ],
    horizontalLines: [],
    verticalLines: [],
    bands: [],
    xDomain: [0, highestCost > 0 ? highestCost * 1.05 : 1],
    yDomain: [0, 100],
  };
  const layout = chartLayout(spec, CHART_SIZE);
  const dots = measured.map((s) => {
    const x = Math.round(layout.xScale(s.gpuHours.mean) * 10) / 10;
    const y = Math.round(layout.yScale(s.attainment.mean * 100) * 10) / 10;
    const fill = s.onFrontier ? OKABE_ITO.vermillion : OKABE_ITO.blue;
    const label = `${describe(s)}: ${(s.attainment.mean * 100).toFixed(1)} %, ${s.gpuHours.mean.toFixed(2)} GPU-h`;
    return `<circle cx="${x}" cy="${y}" r="4" fill="${fill}" fill-opacity="0.8"><title>${escapeXml(label)}</title></circle>`;
  });
  const svg = chartSvg(spec, CHART_SIZE).replace(
    /<\/svg>$/,
    `<g class="combinations">${dots.join("")}</g>\n</svg>`,
  );
  return [
    `<figure id="${spec.id}">`,
    svg,
    '<figcaption class="note">Each dot is one parameter combination (hover for its values); red dots lie on the frontier: no other combination is as cheap and serves as well.</figcaption>',
    "</figure>",
  ].join("\n");
}

function combinationTable(summaries: readonly CombinationSummary[], table: SweepReportTable) {
  const head = table.header.map((cell) => `<th>${escapeXml(cell)}</th>`);
  const body = table.rows.map((cells, i) => {
    const row = cells.map((cell) => `<td>${escapeXml(cell)}</td>`);
    const frontier = summaries[i]?.onFrontier ? ' class="frontier"' : "";
    return `<tr${frontier}>${row.join("")}</tr>`;
  });
  return `<table>\n<tr>${head.join("")}</tr>\n${body.join("\n")}\n</table>`;
}

function describe(summary: CombinationSummary): string {
  return Object.entries(summary.parameters)
    .map(([path, value]) => `${path}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}
