/**
 * The run's latency distributions as cumulative curves: for each latency, the share of requests
 * at or below it, with the target as a vertical line, so the share that met it reads off where
 * the curve crosses the line. When the slowest request took many times the target, x is
 * logarithmic, so the target and the requests that met it spread out instead of hugging the
 * y axis.
 */
import type { SimulationReport } from "../simulationReport.ts";
import type { ChartSpec } from "./chartSpec.ts";
import { figure } from "./intervalTimeline.ts";
import { DASHES, OKABE_ITO } from "./palette.ts";
import { latencyScale, reference } from "./runCharts.ts";

/** The TTFT and per-request mean ITL CDFs of the whole run, from `report.distributions`. */
export function distributionCharts(report: SimulationReport): ChartSpec[] {
  const { probabilities, ttftS, itlS } = report.distributions;
  const planner = report.scenario.planner;
  return [
    cdfChart("ttft-cdf", "TTFT distribution", "TTFT", probabilities, ttftS, planner.ttftTargetS),
    cdfChart(
      "itl-cdf",
      "ITL distribution (each request's mean)",
      "ITL",
      probabilities,
      itlS,
      planner.itlTargetS,
    ),
  ];
}

function cdfChart(
  id: string,
  title: string,
  quantity: string,
  probabilities: readonly number[],
  quantilesS: readonly (number | null)[],
  targetS: number,
): ChartSpec {
  const xs = quantilesS.map(figure);
  return {
    id,
    title,
    xAxis: { label: quantity, unit: "s" },
    yAxis: { label: "requests at or below", unit: "%" },
    series: [
      {
        name: `${quantity} CDF`,
        colour: OKABE_ITO.blue,
        dash: DASHES.solid,
        xs,
        // No latency at a probability (no request had one): no point there either.
        ys: probabilities.map((p, k) => (Number.isFinite(xs[k]) ? p * 100 : NaN)),
      },
    ],
    horizontalLines: [],
    verticalLines: [reference(targetS, `target ${targetS} s`)],
    bands: [],
    yDomain: [0, 100],
    xScale: latencyScale(xs, targetS),
  };
}
