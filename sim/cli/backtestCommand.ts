import { decimalNumber } from "./numberOptions.ts";
import { ConfigError, describeValue, InputError } from "../../src/errors.ts";
import {
  createLoadPredictor,
  DEFAULT_PREDICTOR_OPTIONS,
  LOAD_PREDICTOR_NAMES,
  type LoadPredictor,
  type LoadPredictorName,
  type PredictorOptions,
} from "../../src/planner/loadPredictor.ts";
import { traceIntervals, type TraceInterval } from "../traces/intervalSeries.ts";
import { readTrace } from "../traces/readTrace.ts";
import type { TraceRequest } from "../traces/traceRequest.ts";
import { parseTraceFormat } from "../traces/traceFormat.ts";
import { speedUp, withinAYear } from "../traces/traceTransforms.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { UsageError } from "./usageError.ts";

const USAGE = `Usage: slaplan plan backtest TRACE [options]

Replays a trace's load through the planner's load predictors, as Dynamo's dry run does: the
trace is cut into adjustment intervals (request count, mean ISL, mean OSL per interval), and
for each interval after the first every predictor forecasts it, then is shown the truth.
Prints, for each predictor and series, the mean absolute percentage error (over intervals
with a true value above 0), the share of intervals under-predicted (forecast < truth) and the
mean absolute error. Intervals without requests count as 0 requests and have no ISL or OSL.

Options:
  --interval S          adjustment interval in seconds (default 60)
  --predictors LIST     comma-separated, from ${LOAD_PREDICTOR_NAMES.join(", ")} (default: all)
  --format F            mooncake or azure (default: from the file name, .jsonl or .csv)
  --speed-up K          replay the trace K times faster (default 1); the seasonal
                        predictor's days are then days of replayed time
  --log1p               predictors fit log1p of the load
  --window N            points each predictor keeps (default ${DEFAULT_PREDICTOR_OPTIONS.windowSize})
  --json                print JSON instead of a table
  -h, --help            show this help`;

/** The series each predictor forecasts, by their names in the output. */
const SERIES = ["num_req", "isl", "osl"] as const;
type SeriesName = (typeof SERIES)[number];

/** How well one predictor forecast one series over the trace. */
export interface BacktestScore {
  readonly predictor: LoadPredictorName;
  readonly series: SeriesName;
  /** Intervals forecast and compared with a true value. */
  readonly numScored: number;
  /** Mean absolute percentage error, in percent, over scored intervals with truth > 0. */
  readonly mapePercent: number;
  /** Share of scored intervals whose forecast was below the truth, in [0, 1]. */
  readonly underShare: number;
  /** Mean absolute error, in requests or tokens. */
  readonly meanAbsoluteError: number;
  readonly numWarnings: number;
  readonly firstWarning: string | null;
}

/** `slaplan plan backtest`: returns the exit status. */
export async function runBacktestCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      interval: { type: "string" },
      predictors: { type: "string" },
      format: { type: "string" },
      "speed-up": { type: "string" },
      log1p: { type: "boolean" },
      window: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    "plan backtest",
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`expected one trace file, got ${positionals.length}`, "plan backtest");
  }

  // 1. Everything the command line sets, checked before the trace is read.
  const [file] = positionals;
  // Whole seconds and more, as the planner's own adjustment interval.
  const intervalS = numberFlag("interval", values.interval, 60, (x) => x >= 1, "a number ≥ 1");
  const factor = numberFlag("speed-up", values["speed-up"], 1, (x) => x > 0, "a number > 0");
  const windowSize = numberFlag(
    "window",
    values.window,
    DEFAULT_PREDICTOR_OPTIONS.windowSize,
    (x) => Number.isSafeInteger(x) && x >= 1,
    "a whole number ≥ 1",
  );
  const names = predictorNames(values.predictors);
  const format = values.format === undefined ? undefined : parseTraceFormat(values.format);
  const options: PredictorOptions = {
    ...DEFAULT_PREDICTOR_OPTIONS,
    intervalS,
    windowSize,
    log1p: values.log1p === true,
  };

  // 2. Stream the trace through the predictors, interval by interval.
  let requests: AsyncIterable<TraceRequest> = readTrace(file, { format });
  if (factor !== 1) requests = speedUp(factor)(requests);
  requests = withinAYear(file)(requests);
  const trackers = names.flatMap((name) =>
    SERIES.map((series) => new ForecastTracker(name, series, options)),
  );
  let numIntervals = 0;
  for await (const interval of traceIntervals(requests, intervalS)) {
    numIntervals += 1;
    for (const tracker of trackers) tracker.observe(interval);
  }
  if (numIntervals === 0) throw new InputError(`${file}: the trace has no requests to backtest`);

  // 3. Report.
  const scores = trackers.map((tracker) => tracker.score());
  const output = values.json
    ? JSON.stringify(backtestJson(file, intervalS, numIntervals, scores), null, 2)
    : backtestTable(file, intervalS, numIntervals, scores);
  process.stdout.write(`${output}\n`);
  return 0;
}

/** Predict-then-observe for one predictor on one series, accumulating the error sums. */
class ForecastTracker {
  private readonly name: LoadPredictorName;
  private readonly series: SeriesName;
  private readonly predictor: LoadPredictor;
  private hasObserved = false;
  private numScored = 0;
  private numUnder = 0;
  private sumAbsoluteError = 0;
  private numPercentScored = 0;
  private sumPercentError = 0;
  private readonly warnings: string[] = [];
  private numWarnings = 0;

  constructor(name: LoadPredictorName, series: SeriesName, options: PredictorOptions) {
    this.name = name;
    this.series = series;
    this.predictor = createLoadPredictor(name, options);
  }

  observe(interval: TraceInterval): void {
    const truth = this.truthOf(interval);
    // An interval without requests has no ISL or OSL to forecast; the predictor still sees it
    // (as NaN, recorded as 0), as the planner's predictors do.
    if (this.hasObserved && Number.isFinite(truth)) {
      const forecast = this.predictor.predictNext();
      this.collectWarnings();
      const error = Math.abs(forecast - truth);
      this.numScored += 1;
      this.sumAbsoluteError += error;
      if (forecast < truth) this.numUnder += 1;
      if (truth > 0) {
        this.numPercentScored += 1;
        this.sumPercentError += (100 * error) / truth;
      }
    }
    this.predictor.addDataPoint(truth);
    this.collectWarnings();
    this.hasObserved = true;
  }

  score(): BacktestScore {
    return {
      predictor: this.name,
      series: this.series,
      numScored: this.numScored,
      mapePercent: this.sumPercentError / this.numPercentScored,
      underShare: this.numUnder / this.numScored,
      meanAbsoluteError: this.sumAbsoluteError / this.numScored,
      numWarnings: this.numWarnings,
      firstWarning: this.warnings[0] ?? null,
    };
  }

  private truthOf(interval: TraceInterval): number {
    if (this.series === "num_req") return interval.numReq;
    return this.series === "isl" ? interval.meanIslTokens : interval.meanOslTokens;
  }

  private collectWarnings(): void {
    const warnings = this.predictor.takeWarnings();
    this.numWarnings += warnings.length;
    if (this.warnings.length === 0) this.warnings.push(...warnings.slice(0, 1));
  }
}

function backtestJson(
  trace: string,
  intervalS: number,
  numIntervals: number,
  scores: readonly BacktestScore[],
) {
  const orNull = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    trace,
    interval_s: intervalS,
    num_intervals: numIntervals,
    results: scores.map((score) => ({
      predictor: score.predictor,
      series: score.series,
      num_scored: score.numScored,
      mape_percent: orNull(score.mapePercent),
      under_share: orNull(score.underShare),
      mae: orNull(score.meanAbsoluteError),
      num_warnings: score.numWarnings,
      first_warning: score.firstWarning,
    })),
  };
}

function backtestTable(
  trace: string,
  intervalS: number,
  numIntervals: number,
  scores: readonly BacktestScore[],
): string {
  const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : "-");
  const header = ["predictor", "series", "MAPE %", "under %", "MAE", "scored", "warnings"];
  const rows = scores.map((score) => [
    score.predictor,
    score.series,
    fixed(score.mapePercent, 1),
    fixed(100 * score.underShare, 1),
    fixed(score.meanAbsoluteError, 2),
    String(score.numScored),
    String(score.numWarnings),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length)),
  );
  // Names to the left, figures to the right.
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  const title = `Backtest of ${trace}: ${numIntervals} intervals of ${intervalS} s`;
  const warnings = scores
    .filter((score) => score.firstWarning !== null)
    .map((score) => `warning: ${score.predictor} ${score.series}: ${score.firstWarning}`);
  return [title, "", line(header), ...rows.map(line), ...warnings].join("\n");
}

function predictorNames(list: string | undefined): LoadPredictorName[] {
  if (list === undefined) return [...LOAD_PREDICTOR_NAMES];
  const names = list.split(",").map((name) => name.trim());
  for (const name of names) {
    if (!(LOAD_PREDICTOR_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(
        `--predictors: unknown predictor ${describeValue(name)} ` +
          `(expected a comma-separated list of ${LOAD_PREDICTOR_NAMES.join(", ")})`,
      );
    }
  }
  return [...new Set(names)] as LoadPredictorName[];
}

function numberFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  isValid: (value: number) => boolean,
  expected: string,
): number {
  if (text === undefined) return fallback;
  const value = decimalNumber(text);
  if (text.trim() === "" || !isValid(value)) {
    throw new ConfigError(`--${flag} must be ${expected}, got ${describeValue(text)}`);
  }
  return value;
}
