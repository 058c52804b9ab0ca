import { InputError } from "../../src/errors.ts";
import { DEFAULT_METRIC_PREFIX } from "../../src/live/frontendQueries.ts";
import { traceFieldError } from "../traces/traceFieldError.ts";
import type { LiveRecording, LiveRecordingPoint } from "./liveRecording.ts";
import { isJsonObject, objectField, withoutUndefined } from "./recordingFields.ts";

/** The frontend's metric prefixes: Dynamo ≥ 0.4, then older frontends. */
const FRONTEND_PREFIXES = [DEFAULT_METRIC_PREFIX, "nv_llm_http_service_"];

/** The frontend counters a recording uses, by name without the prefix. */
const COUNTERS = {
  requests_total: "requests",
  input_sequence_tokens_sum: "islSum",
  input_sequence_tokens_count: "islCount",
  output_sequence_tokens_sum: "oslSum",
  output_sequence_tokens_count: "oslCount",
  time_to_first_token_seconds_sum: "ttftSum",
  time_to_first_token_seconds_count: "ttftCount",
  inter_token_latency_seconds_sum: "itlSum",
  inter_token_latency_seconds_count: "itlCount",
} as const;
type CounterKey = (typeof COUNTERS)[keyof typeof COUNTERS];

/** The planner's gauges a recording uses (src/live/plannerMetrics.ts), and the label to match. */
const GAUGES = [
  { name: "slaplan_workers", label: ["role", "prefill"], key: "prefillWorkers" },
  { name: "slaplan_workers", label: ["role", "decode"], key: "decodeWorkers" },
  { name: "slaplan_replica_target", label: ["role", "prefill"], key: "prefillTarget" },
  { name: "slaplan_replica_target", label: ["role", "decode"], key: "decodeTarget" },
  { name: "slaplan_predicted", label: ["figure", "num_req"], key: "predictedNumReq" },
  { name: "slaplan_adjustment_interval_seconds", label: null, key: "intervalS" },
  { name: "slaplan_gpu_hours", label: null, key: "gpuHours" },
] as const;
type GaugeKey = (typeof GAUGES)[number]["key"];

/** One series of a range-query reply: its labels, samples, and where it sits in the file. */
interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly timesS: readonly number[];
  readonly values: readonly number[];
  readonly path: string;
}

/**
 * The recording in a Prometheus export: the JSON reply of `/api/v1/query_range` (a matrix), or
 * an array of such replies, holding the frontend's raw counters and/or the planner's gauges,
 * each series with its `__name__` (series of other names are ignored). The time steps are
 * every sample time found. Counters become per-step increases, a drop being a reset from zero,
 * as Prometheus's increase() reads one; the request rate sums every series (every model and
 * frontend), and each mean is the summed increase of `_sum` over that of `_count` (NaN when no
 * request finished). A gauge is read from the first series holding a sample at the step.
 */
export function prometheusRangeRecording(value: unknown, fileName: string): LiveRecording {
  const replies = Array.isArray(value) ? value : [value];
  if (replies.length === 0) {
    throw new InputError(`${fileName}: expected an array of query_range replies, got []`);
  }
  const allSeries = replies.flatMap((reply, i) =>
    replySeries(reply, fileName, Array.isArray(value) ? `$[${i}]` : "$"),
  );
  rejectDuplicates(allSeries, fileName);

  // Sort every known series into counters and gauges.
  const increases = new Map<CounterKey, Map<number, number>>();
  const requestRates = new Map<number, number>();
  const gauges = new Map<GaugeKey, Map<number, number>>();
  const timesS = new Set<number>();
  for (const series of allSeries) {
    const name = series.labels.__name__ ?? "";
    const counter = counterKey(name);
    const gauge = GAUGES.find((g) => g.name === name && matchesLabel(series, g.label));
    if (counter === undefined && gauge === undefined) continue;
    for (const t of series.timesS) timesS.add(t);
    if (gauge !== undefined) addFirstSamples(gauges, gauge.key, series);
    if (counter !== undefined) addIncreases(increases, requestRates, counter, series, fileName);
  }
  if (timesS.size === 0) throw noKnownSeries(allSeries, fileName);

  // One point per sample time.
  const ordered = [...timesS].sort((a, b) => a - b);
  const startTime = ordered[0];
  const sumAt = (key: CounterKey, t: number) => increases.get(key)?.get(t);
  const ratioAt = (sum: CounterKey, count: CounterKey, t: number) => {
    const [numerator, denominator] = [sumAt(sum, t), sumAt(count, t)];
    if (numerator === undefined || denominator === undefined) return undefined;
    return denominator === 0 ? Number.NaN : numerator / denominator;
  };
  const gaugeAt = (key: GaugeKey, t: number) => gauges.get(key)?.get(t);
  const points = ordered.map((t): LiveRecordingPoint => {
    const predicted = gaugeAt("predictedNumReq", t);
    const intervalS = gaugeAt("intervalS", t);
    return withoutUndefined({
      tS: t - startTime,
      requestRate: requestRates.get(t),
      islTokens: ratioAt("islSum", "islCount", t),
      oslTokens: ratioAt("oslSum", "oslCount", t),
      ttftS: ratioAt("ttftSum", "ttftCount", t),
      itlS: ratioAt("itlSum", "itlCount", t),
      prefillWorkers: gaugeAt("prefillWorkers", t),
      decodeWorkers: gaugeAt("decodeWorkers", t),
      prefillTarget: gaugeAt("prefillTarget", t),
      decodeTarget: gaugeAt("decodeTarget", t),
      // The predicted num_req is a count per adjustment interval.
      predictedRequestRate:
        predicted !== undefined && intervalS !== undefined && intervalS > 0
          ? predicted / intervalS
          : undefined,
      gpuHours: gaugeAt("gpuHours", t),
    });
  });
  return { source: "prometheus", startTime, points };
}

/** The series of one reply at `path`, checked: a successful matrix of [time, "value"] pairs. */
function replySeries(reply: unknown, fileName: string, path: string): Series[] {
  const body = objectField(reply, fileName, `${path} (a query_range reply)`);
  if (body.status !== "success") {
    const detail =
      body.status === "error" ? ` (${String(body.errorType)}: ${String(body.error)})` : "";
    throw traceFieldError(fileName, `${path}.status`, `"success"${detail}`, body.status);
  }
  const data = objectField(body.data, fileName, `${path}.data`);
  if (data.resultType !== "matrix") {
    const expected = '"matrix" (the reply of a range query, /api/v1/query_range)';
    throw traceFieldError(fileName, `${path}.data.resultType`, expected, data.resultType);
  }
  if (!Array.isArray(data.result)) {
    throw traceFieldError(fileName, `${path}.data.result`, "an array of series", data.result);
  }
  return data.result.map((entry, i) => oneSeries(entry, fileName, `${path}.data.result[${i}]`));
}

function oneSeries(entry: unknown, fileName: string, path: string): Series {
  const series = objectField(entry, fileName, path);
  const metric = objectField(series.metric, fileName, `${path}.metric`);
  for (const [label, value] of Object.entries(metric)) {
    if (typeof value !== "string") {
      throw traceFieldError(fileName, `${path}.metric.${label}`, "a string", value);
    }
  }
  if (!Array.isArray(series.values)) {
    const expected = "an array of [time, value] samples";
    throw traceFieldError(fileName, `${path}.values`, expected, series.values);
  }
  const timesS: number[] = [];
  const values: number[] = [];
  series.values.forEach((sample: unknown, k) => {
    const at = `${path}.values[${k}]`;
    if (!Array.isArray(sample) || sample.length !== 2) {
      throw traceFieldError(fileName, at, 'a [time, "value"] pair', sample);
    }
    const [t, text] = sample as [unknown, unknown];
    const previous = timesS.at(-1) ?? -Infinity;
    if (typeof t !== "number" || !Number.isFinite(t) || t <= previous) {
      const expected = `a Unix time in seconds after the sample before (${previous})`;
      throw traceFieldError(fileName, `${at}[0]`, expected, t);
    }
    timesS.push(t);
    values.push(sampleValue(text, fileName, `${at}[1]`));
  });
  return { labels: metric as Record<string, string>, timesS, values, path };
}

/** A sample value as Prometheus writes it: a decimal string, "NaN", "+Inf" or "-Inf". */
function sampleValue(text: unknown, fileName: string, path: string): number {
  if (text === "NaN") return Number.NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  const value = typeof text === "string" && text.trim() !== "" ? Number(text) : Number.NaN;
  if (!Number.isNaN(value)) return value;
  const expected = 'a number in a string ("12.5", "NaN", "+Inf")';
  throw traceFieldError(fileName, path, expected, text);
}

/** Two replies holding the same series would count its traffic twice. */
function rejectDuplicates(allSeries: readonly Series[], fileName: string): void {
  const seen = new Map<string, string>();
  for (const series of allSeries) {
    const key = JSON.stringify(Object.entries(series.labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    const first = seen.get(key);
    if (first !== undefined) {
      const expected = `a series not already at ${first}`;
      throw traceFieldError(fileName, `${series.path}.metric`, expected, series.labels);
    }
    seen.set(key, series.path);
  }
}

function counterKey(name: string): CounterKey | undefined {
  const prefix = FRONTEND_PREFIXES.find((p) => name.startsWith(p));
  if (prefix === undefined) return undefined;
  const rest = name.slice(prefix.length);
  return rest in COUNTERS ? COUNTERS[rest as keyof typeof COUNTERS] : undefined;
}

function matchesLabel(series: Series, label: readonly [string, string] | null): boolean {
  return label === null || series.labels[label[0]] === label[1];
}

function addFirstSamples(gauges: Map<GaugeKey, Map<number, number>>, key: GaugeKey, s: Series) {
  const byTime = gauges.get(key) ?? new Map<number, number>();
  gauges.set(key, byTime);
  s.timesS.forEach((t, k) => {
    if (!byTime.has(t)) byTime.set(t, s.values[k]);
  });
}

/**
 * Adds a counter series' increase over each step to the totals at the step's end: the rise
 * since the sample before, or the whole value after a drop (a reset, counting from zero).
 */
function addIncreases(
  increases: Map<CounterKey, Map<number, number>>,
  requestRates: Map<number, number>,
  key: CounterKey,
  series: Series,
  fileName: string,
): void {
  const byTime = increases.get(key) ?? new Map<number, number>();
  increases.set(key, byTime);
  series.values.forEach((value, k) => {
    if (!Number.isFinite(value) || value < 0) {
      const expected = "a counter's value, a finite number ≥ 0";
      throw traceFieldError(fileName, `${series.path}.values[${k}][1]`, expected, value);
    }
    if (k === 0) return;
    const previous = series.values[k - 1];
    const increase = value >= previous ? value - previous : value;
    const t = series.timesS[k];
    byTime.set(t, (byTime.get(t) ?? 0) + increase);
    if (key === "requests") {
      const rate = increase / (t - series.timesS[k - 1]);
      requestRates.set(t, (requestRates.get(t) ?? 0) + rate);
    }
  });
}

function noKnownSeries(allSeries: readonly Series[], fileName: string): InputError {
  const names = [...new Set(allSeries.map((s) => s.labels.__name__ ?? "(no __name__)"))];
  const found = names.length === 0 ? "no series" : `only ${names.slice(0, 5).join(", ")}`;
  return new InputError(
    `${fileName}: expected series of the frontend's counters (${FRONTEND_PREFIXES.join("* or ")}*, ` +
      `with __name__) or the planner's slaplan_* gauges, got ${found}`,
  );
}
