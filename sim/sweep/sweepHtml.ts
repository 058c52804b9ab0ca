/**
 * A sweep's report as one self-contained HTML page: the table of parameter combinations and a
 * chart of attainment against GPU-hours, each combination a dot, the frontier a line. No
 * script, font or stylesheet is fetched.
 */
import type { ChartSpec } from "../report/charts/chartSpec.ts";
import { chartSvg, escapeXml } from "../report/charts/chartSvg.ts";
import { htmlPage } from "../report/htmlPage.ts";
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
  return htmlPage(`slaplan sweep: ${text.title}`, STYLE, [
    `<h1>${escapeXml(text.title)}</h1>`,
    text.description === "" ? "" : `<p>${escapeXml(text.description)}</p>`,
    ...text.notes.map((note) => `<p class="note">${escapeXml(note)}</p>`),
    "<h2>Cost and attainment</h2>",
    costChartFigure(summaries),
    "<h2>Combinations, cheapest first</h2>",
    combinationTable(summaries, table),
  ]);
}

/** The frontier as a line, every combination as a dot: red on the frontier, blue off it. */
function costChartFigure(summaries: readonly CombinationSummary[]): string {
  const measured = summaries
    .filter((s) => Number.isFinite(s.gpuHours.mean) && Number.isFinite(s.attainment.mean))
    .sort((a, b) => a.gpuHours.mean - b.gpuHours.mean);
  if (measured.length === 0) return '<p class="note">No combination has figures to chart.</p>';
  const frontier = measured.filter((s) => s.onFrontier);
  const others = measured.filter((s) => !s.onFrontier);
  const highestCost = measured[measured.length - 1].gpuHours.mean;
  const xs = (group: readonly CombinationSummary[]) => group.map((s) => s.gpuHours.mean);
  const ys = (group: readonly CombinationSummary[]) => group.map((s) => s.attainment.mean * 100);
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
        xs: xs(frontier),
        ys: ys(frontier),
      },
      {
        name: "on the frontier",
        colour: OKABE_ITO.vermillion,
        dash: DASHES.solid,
        xs: xs(frontier),
        ys: ys(frontier),
        dotRadius: 4,
      },
      {
        name: "beaten by a combination as cheap and as good",
        colour: OKABE_ITO.blue,
        dash: DASHES.solid,
        xs: xs(others),
        ys: ys(others),
        dotRadius: 4,
      },
    ],
    horizontalLines: [],
    verticalLines: [],
    bands: [],
    xDomain: [0, highestCost > 0 ? highestCost * 1.05 : 1],
    yDomain: [0, 100],
  };
  return [
    `<figure id="${spec.id}">`,
    chartSvg(spec, CHART_SIZE),
    '<figcaption class="note">Each dot is one parameter combination (the table below gives its ' +
      "values); on the frontier, no other combination is as cheap and serves as well.</figcaption>",
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
