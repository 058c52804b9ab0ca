/**
 * `npm run bench -- --charts-only`: what drawing a long run costs. A real run with a decision
 * every second for 100,000 s (a light Poisson load, the improved planner) gives 100,000
 * intervals; the figures are the time to turn its report into chart specs, to lay out and
 * reduce every series to the plot's pixel columns (what the workbench's canvas draws), and to
 * write every chart as SVG (what the HTML report holds), with the points and bytes that come out.
 */
import { performance } from "node:perf_hooks";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { chartLayout, chartSvg, reduceToPixelColumns, runCharts } from "../report/charts/index.ts";
import { buildReport } from "../report/simulationReport.ts";
import { parseScenario, scenarioSettings } from "../scenario/scenario.ts";
import { scenarioRequests } from "../scenario/scenarioRequests.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";

const INTERVALS = 100_000;
const WIDTH = 1000;
const HEIGHT = 300;

export async function benchCharts(profileDir: string): Promise<void> {
  const scenario = parseScenario(
    {
      name: "charts-100k",
      description: "a decision every second for 100,000 s",
      profile: profileDir,
      trace: { poisson: { durationS: INTERVALS, ratePerS: 0.5 } },
      planner: { mode: "improved", adjustmentIntervalS: 1, ttftTargetS: 0.5, itlTargetS: 0.05 },
      fleet: { initialPrefill: 1, initialDecode: 1, startupDelayS: 5 },
      prometheus: false,
    },
    "charts-100k",
  );
  const result = await runSimulation({
    ...scenarioSettings(scenario),
    model: new PerformanceModel(await readProfileDir(profileDir)),
    requests: scenarioRequests(scenario, () => {
      throw new Error("no trace file");
    }),
  });
  const report = buildReport(scenario, result);

  let started = performance.now();
  const specs = runCharts(report);
  const specMs = performance.now() - started;
  const points = specs.reduce((n, s) => n + s.series.reduce((m, x) => m + x.xs.length, 0), 0);

  started = performance.now();
  let drawn = 0;
  for (const spec of specs) {
    const layout = chartLayout(spec, { width: WIDTH, height: HEIGHT });
    for (const series of spec.series) {
      const reduced = reduceToPixelColumns(
        series.xs,
        series.ys,
        (x) => layout.xScale(x),
        layout.plot.left,
        layout.plot.width,
      );
      drawn += reduced.xs.length;
    }
  }
  const reduceMs = performance.now() - started;

  started = performance.now();
  let bytes = 0;
  for (const spec of specs) bytes += chartSvg(spec, { width: WIDTH, height: HEIGHT }).length;
  const svgMs = performance.now() - started;

  console.log("");
  console.log(
    `Charts of a run with ${report.intervals.length.toLocaleString("en-US")} intervals ` +
      `(${specs.length} charts, ${points.toLocaleString("en-US")} points in all, ${WIDTH} px wide)`,
  );
  console.log(`  chart specs from the report      ${specMs.toFixed(0).padStart(6)} ms`);
  console.log(
    `  layout + pixel-column reduction  ${reduceMs.toFixed(0).padStart(6)} ms  ` +
      `(${drawn.toLocaleString("en-US")} points left to draw)`,
  );
  console.log(
    `  every chart as SVG               ${svgMs.toFixed(0).padStart(6)} ms  ` +
      `(${(bytes / 1024).toFixed(0)} KiB)`,
  );
}
