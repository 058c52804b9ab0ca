/**
 * The charts of one run, all on one shared time axis (seconds of simulated time): load observed
 * and predicted, request shape, replicas and GPUs, TTFT, ITL, SLA attainment and GPU-hours.
 */
import type { IntervalRecord } from "../../engine/runSimulation.ts";
import type { SimulationReport } from "../simulationReport.ts";
import type { ChartSeries, ChartSpec, ReferenceLine, ScaleKind } from "./chartSpec.ts";
import {
  atMidpoints,
  atNextMidpoints,
  cumulativeGpuHours,
  figure,
  heldOverIntervals,
  initialGpus,
  intervalLengthS,
  startupBands,
  type SeriesPoints,
} from "./intervalTimeline.ts";
import { DASHES, EVENT_COLOUR, OKABE_ITO, REFERENCE_COLOUR } from "./palette.ts";

const TIME_AXIS = { label: "simulated time", unit: "s" } as const;
/** How many times its target a latency may reach before its chart's axis goes logarithmic. */
const LOG_SCALE_SPAN = 20;

/**
 * Every chart of the run over time, in reading order, each with the scenario's metrics outages
 * marked where they begin and end.
 */
export function runCharts(report: SimulationReport): ChartSpec[] {
  const xDomain = runTimeSpan(report);
  const outages = outageLines(report);
  const charts = [
    requestRateChart(report),
    sequenceLengthChart(report),
    replicaChart(report),
    ttftChart(report),
    itlChart(report),
    attainmentChart(report),
    gpuHoursChart(report),
  ];
  return charts.map((spec) => ({
    ...spec,
    ...(xDomain === undefined ? {} : { xDomain }),
    verticalLines: [...spec.verticalLines, ...outages],
  }));
}

/**
 * Where the planner's metrics queries went unanswered (the scenario's `metricsOutages`): a
 * dotted grey line where each outage begins, labelled with how long it lasted, and an
 * unlabelled one where it ends (two labels would print over each other for a short outage).
 */
export function outageLines(report: SimulationReport): ReferenceLine[] {
  const mark = (value: number, label: string): ReferenceLine => ({
    value,
    label,
    colour: EVENT_COLOUR,
    dash: DASHES.dotted,
  });
  return report.scenario.metricsOutages.flatMap(({ startS, endS }) => [
    mark(startS, `no metrics for ${formatSeconds(endS - startS)}`),
    mark(endS, ""),
  ]);
}

/** "600 s", "1.5 s": a duration as a label shows it, at most three significant digits. */
function formatSeconds(s: number): string {
  return `${Number(s.toPrecision(3))} s`;
}

/**
 * Seconds from the first interval's start to the end of the run (or of the last interval, if
 * later): the shared x range of the run charts. Undefined for a run without intervals.
 */
export function runTimeSpan(report: SimulationReport): [number, number] | undefined {
  const intervals = report.intervals;
  if (intervals.length === 0) return undefined;
  const lastEndS = intervals[intervals.length - 1].endS;
  const endS = Math.max(lastEndS, figure(report.summary.simulatedS) || lastEndS);
  return [intervals[0].startS, endS];
}

/**
 * Requests per second observed in each interval and predicted for it. The planner's `numReq`,
 * observed or predicted, is a count over one interval, hence the division by its length.
 */
export function requestRateChart(report: SimulationReport): ChartSpec {
  const intervals = report.intervals;
  const perS = (count: number | null | undefined, i: IntervalRecord) =>
    figure(count) / intervalLengthS(i);
  return timeChart("request-rate", "Request rate", { label: "request rate", unit: "req/s" }, [
    line(
      "observed",
      OKABE_ITO.blue,
      DASHES.solid,
      atMidpoints(intervals, (i) => perS(i.observed.numReq, i)),
    ),
    line(
      "predicted",
      OKABE_ITO.orange,
      DASHES.dashed,
      atNextMidpoints(intervals, (i) => perS(i.decision.predicted?.numReq, i)),
    ),
  ]);
}

/** Mean input and output sequence lengths, observed and predicted. */
export function sequenceLengthChart(report: SimulationReport): ChartSpec {
  const intervals = report.intervals;
  return timeChart("sequence-length", "ISL and OSL", { label: "mean length", unit: "tokens" }, [
    line(
      "ISL observed",
      OKABE_ITO.blue,
      DASHES.solid,
      atMidpoints(intervals, (i) => i.observed.islTokens),
    ),
    line(
      "ISL predicted",
      OKABE_ITO.skyBlue,
      DASHES.dashed,
      atNextMidpoints(intervals, (i) => i.decision.predicted?.islTokens ?? null),
    ),
    line(
      "OSL observed",
      OKABE_ITO.vermillion,
      DASHES.dotted,
      atMidpoints(intervals, (i) => i.observed.oslTokens),
    ),
    line(
      "OSL predicted",
      OKABE_ITO.orange,
      DASHES.dashDot,
      atNextMidpoints(intervals, (i) => i.decision.predicted?.oslTokens ?? null),
    ),
  ]);
}

/**
 * Replicas serving and starting per role, and GPUs held, each as set by a decision and held
 * over the next interval; the GPU budget as a line, and the intervals that began with replicas
 * still starting shaded.
 */
export function replicaChart(report: SimulationReport): ChartSpec {
  const intervals = report.intervals;
  const fleet = report.scenario.fleet;
  const notServing = (c: IntervalRecord["prefillAfter"]) => c.starting + c.pending;
  const budget = report.scenario.planner.maxGpuBudget;
  return {
    ...timeChart("replicas", "Replicas and GPUs", { label: "count", unit: "" }, [
      line(
        "prefill serving",
        OKABE_ITO.blue,
        DASHES.solid,
        heldOverIntervals(intervals, fleet.initialPrefill, (i) => i.prefillAfter.ready),
      ),
      line(
        "prefill starting",
        OKABE_ITO.skyBlue,
        DASHES.dotted,
        heldOverIntervals(intervals, 0, (i) => notServing(i.prefillAfter)),
      ),
      line(
        "decode serving",
        OKABE_ITO.vermillion,
        DASHES.dashed,
        heldOverIntervals(intervals, fleet.initialDecode, (i) => i.decodeAfter.ready),
      ),
      line(
        "decode starting",
        OKABE_ITO.orange,
        DASHES.dashDot,
        heldOverIntervals(intervals, 0, (i) => notServing(i.decodeAfter)),
      ),
      line(
        "GPUs in use",
        OKABE_ITO.bluishGreen,
        DASHES.long,
        heldOverIntervals(intervals, initialGpus(report), (i) => i.gpusInUse),
      ),
    ]),
    horizontalLines: Number.isFinite(budget) ? [reference(budget, `GPU budget ${budget}`)] : [],
    bands: startupBands(intervals),
    bandLabel: "replicas starting",
  };
}

/** TTFT percentiles of the requests completed in each interval, against the target. */
export function ttftChart(report: SimulationReport): ChartSpec {
  const target = report.scenario.planner.ttftTargetS;
  return latencyChart(report, "ttft", "TTFT per interval", "TTFT", target, (i) => [
    i.latencies.ttftP50S,
    i.latencies.ttftP90S,
    i.latencies.ttftP99S,
  ]);
}

/** Per-request mean ITL percentiles of each interval's completions, against the target. */
export function itlChart(report: SimulationReport): ChartSpec {
  const target = report.scenario.planner.itlTargetS;
  return latencyChart(report, "itl", "ITL per interval", "ITL", target, (i) => [
    i.latencies.itlP50S,
    i.latencies.itlP90S,
    i.latencies.itlP99S,
  ]);
}

/** Share of each interval's judged completions that met both targets, in percent. */
export function attainmentChart(report: SimulationReport): ChartSpec {
  const points = atMidpoints(report.intervals, (i) => i.latencies.slaAttainment);
  const percent = { xs: points.xs, ys: points.ys.map((share) => share * 100) };
  return {
    ...timeChart(
      "sla-attainment",
      "SLA attainment per interval",
      { label: "requests meeting both targets", unit: "%" },
      [line("SLA attainment", OKABE_ITO.bluishGreen, DASHES.solid, percent)],
    ),
    yDomain: [0, 100],
  };
}

/** GPU-hours spent since the start of the run. */
export function gpuHoursChart(report: SimulationReport): ChartSpec {
  return timeChart(
    "gpu-hours",
    "Cumulative GPU-hours",
    { label: "spent since the start", unit: "GPU-h" },
    [line("GPU-hours", OKABE_ITO.reddishPurple, DASHES.solid, cumulativeGpuHours(report))],
  );
}

function latencyChart(
  report: SimulationReport,
  id: string,
  title: string,
  quantity: string,
  targetS: number,
  percentilesOf: (i: IntervalRecord) => readonly [number, number, number],
): ChartSpec {
  const intervals = report.intervals;
  const nth = (k: number) => atMidpoints(intervals, (i) => percentilesOf(i)[k]);
  const p99 = nth(2);
  return {
    ...timeChart(id, title, { label: quantity, unit: "s" }, [
      line("p50", OKABE_ITO.blue, DASHES.solid, nth(0)),
      line("p90", OKABE_ITO.orange, DASHES.dashed, nth(1)),
      line("p99", OKABE_ITO.vermillion, DASHES.dotted, p99),
    ]),
    horizontalLines: [reference(targetS, `target ${targetS} s`)],
    yScale: latencyScale(p99.ys, targetS),
  };
}

/**
 * The scale of a latency axis: log when the worst of `latenciesS` (the p99s over time, or a
 * distribution's quantiles) is more than {@link LOG_SCALE_SPAN} times the target; on a linear
 * scale the target and every latency that met it would then be squeezed against the axis.
 */
export function latencyScale(latenciesS: readonly number[], targetS: number): ScaleKind {
  let worst = 0;
  for (const latencyS of latenciesS) if (latencyS > worst && latencyS < Infinity) worst = latencyS;
  return worst > LOG_SCALE_SPAN * targetS ? "log" : "linear";
}

function timeChart(
  id: string,
  title: string,
  yAxis: ChartSpec["yAxis"],
  series: ChartSeries[],
): ChartSpec {
  return {
    id,
    title,
    xAxis: TIME_AXIS,
    yAxis,
    series,
    horizontalLines: [],
    verticalLines: [],
    bands: [],
  };
}

function line(
  name: string,
  colour: string,
  dash: readonly number[],
  points: SeriesPoints,
): ChartSeries {
  return { name, colour, dash, xs: points.xs, ys: points.ys };
}

/** A target or limit line, in black and dashed, so it reads as a limit beside the data. */
export function reference(value: number, label: string): ReferenceLine {
  return { value, label, colour: REFERENCE_COLOUR, dash: DASHES.dashed };
}
