import type { MetricsAvailability } from "../planner/index.ts";
import type { PrometheusClient, QueryOutcome } from "./prometheusClient.ts";

/**
 * The six queries Dynamo's planner sends Prometheus every adjustment interval, and what their
 * answers become: the planner's six window figures, with a verdict on whether they could be read.
 */

/** Which frontend series to read. */
export interface FrontendSelector {
  /** Metric name prefix: `dynamo_frontend_` (Dynamo ≥ 0.4) or `nv_llm_http_service_` (older). */
  readonly prefix: string;
  /** The window, in seconds: the adjustment interval, as Dynamo uses it. */
  readonly windowS: number;
  /** Only series with this `model` label, when set (as Dynamo's later versions filter). */
  readonly model?: string;
  /** Only series with this `dynamo_namespace` label, when set. */
  readonly namespace?: string;
}

export const DEFAULT_METRIC_PREFIX = "dynamo_frontend_";

/** The six expressions, exactly as Dynamo writes them, with the label filter when one is set. */
export function frontendQueries(selector: FrontendSelector): Record<FigureName, string> {
  const labels = [
    selector.model === undefined ? "" : `model="${escapeLabel(selector.model)}"`,
    selector.namespace === undefined ? "" : `dynamo_namespace="${escapeLabel(selector.namespace)}"`,
  ].filter((l) => l !== "");
  const filter = labels.length === 0 ? "" : `{${labels.join(",")}}`;
  const window = `[${formatWindow(selector.windowS)}]`;
  const p = selector.prefix;
  const ratio = (histogram: string) =>
    `increase(${p}${histogram}_sum${filter}${window})/increase(${p}${histogram}_count${filter}${window})`;
  return {
    numReq: `increase(${p}requests_total${filter}${window})`,
    islTokens: ratio("input_sequence_tokens"),
    oslTokens: ratio("output_sequence_tokens"),
    ttftS: ratio("time_to_first_token_seconds"),
    itlS: ratio("inter_token_latency_seconds"),
    requestDurationS: ratio("request_duration_seconds"),
  };
}

export type FigureName =
  "numReq" | "islTokens" | "oslTokens" | "ttftS" | "itlS" | "requestDurationS";
const FIGURES: readonly FigureName[] = [
  "numReq",
  "islTokens",
  "oslTokens",
  "ttftS",
  "itlS",
  "requestDurationS",
];

/** One interval's reading of the frontend. */
export interface FrontendReading {
  /** The six figures; NaN where a window had no traffic, all NaN unless `metrics` is "ok". */
  readonly figures: Readonly<Record<FigureName, number>>;
  readonly metrics: MetricsAvailability;
  /** What went wrong, per figure, for the log; empty when all was well. */
  readonly problems: readonly string[];
}

/**
 * Sends the six queries and classifies the answers:
 * - any query unanswered (refused, timed out) → "unreachable";
 * - any error reported by Prometheus, or an infinite value (a sum that grew while its count did
 *   not, e.g. after a counter reset) → "error";
 * - any empty vector (no such series: nothing scraped yet, or labels that match nothing) →
 *   "empty";
 * - otherwise "ok": the request count summed over every series (as Dynamo does), each ratio
 *   from the first series (as Dynamo does), NaN kept where a window had no traffic (0/0).
 * Nothing non-finite but NaN ever leaves here, and NaN only as "no traffic".
 */
export async function readFrontend(
  client: PrometheusClient,
  selector: FrontendSelector,
  atUnixS?: number,
): Promise<FrontendReading> {
  const queries = frontendQueries(selector);
  const outcomes = await Promise.all(FIGURES.map((name) => client.query(queries[name], atUnixS)));
  const problems: string[] = [];
  let metrics: MetricsAvailability = "ok";
  const worse = (next: MetricsAvailability) => {
    const rank = { ok: 0, empty: 1, error: 2, unreachable: 3 };
    if (rank[next] > rank[metrics]) metrics = next;
  };
  const figures = {} as Record<FigureName, number>;
  FIGURES.forEach((name, i) => {
    const value = figureOf(name, outcomes[i]);
    if (typeof value === "number") {
      figures[name] = value;
      return;
    }
    problems.push(`${name}: ${value.reason}`);
    worse(value.metrics);
  });
  if (metrics !== "ok") for (const name of FIGURES) figures[name] = Number.NaN;
  return { figures, metrics, problems };
}

function figureOf(
  name: FigureName,
  outcome: QueryOutcome,
): number | { metrics: MetricsAvailability; reason: string } {
  if (outcome.kind === "unreachable") return { metrics: "unreachable", reason: outcome.reason };
  if (outcome.kind === "error") return { metrics: "error", reason: outcome.reason };
  if (outcome.samples.length === 0) return { metrics: "empty", reason: "no series" };
  const value =
    name === "numReq"
      ? outcome.samples.reduce((sum, s) => sum + s.value, 0)
      : outcome.samples[0].value;
  if (value === Infinity || value === -Infinity) {
    return {
      metrics: "error",
      reason: `${value > 0 ? "+" : "-"}Inf (a sum grew while its count did not)`,
    };
  }
  return value;
}

/** A label value inside double quotes: backslashes, quotes and newlines escaped. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A window as PromQL writes durations: whole seconds as `60s`, else milliseconds. */
function formatWindow(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}
