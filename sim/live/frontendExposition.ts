import { DEFAULT_METRIC_PREFIX, escapeLabel } from "../../src/live/frontendQueries.ts";
import type { FrontendCounters } from "../engine/frontendMetrics.ts";

/** The labels every series carries, as Dynamo's frontend sets them. */
export interface FrontendLabels {
  readonly model: string;
  readonly namespace: string;
}

/**
 * The simulated frontend's counters in Prometheus's text exposition format (version 0.0.4),
 * under Dynamo's metric names: the request counter and five histograms. The simulator keeps only
 * sums and counts, so each histogram has its one mandatory bucket, `le="+Inf"`; the planner's
 * queries read only `_sum` and `_count`.
 */
export function frontendExposition(
  counters: FrontendCounters,
  labels: FrontendLabels,
  prefix = DEFAULT_METRIC_PREFIX,
): string {
  const base = `model="${escapeLabel(labels.model)}",dynamo_namespace="${escapeLabel(labels.namespace)}"`;
  const lines = [
    `# HELP ${prefix}requests_total Requests the frontend ended, completed or failed.`,
    `# TYPE ${prefix}requests_total counter`,
    `${prefix}requests_total{${base}} ${counters.requests}`,
  ];
  const histogram = (name: string, help: string, sum: number, count: number) => {
    lines.push(
      `# HELP ${prefix}${name} ${help}`,
      `# TYPE ${prefix}${name} histogram`,
      `${prefix}${name}_bucket{${base},le="+Inf"} ${count}`,
      `${prefix}${name}_sum{${base}} ${sum}`,
      `${prefix}${name}_count{${base}} ${count}`,
    );
  };
  const c = counters;
  histogram("time_to_first_token_seconds", "Time to first token.", c.ttftSumS, c.ttftCount);
  histogram("inter_token_latency_seconds", "Gaps between tokens.", c.itlSumS, c.itlCount);
  histogram("request_duration_seconds", "Request durations.", c.durationSumS, c.durationCount);
  histogram("input_sequence_tokens", "Input lengths.", c.islSum, c.lengthCount);
  histogram("output_sequence_tokens", "Output lengths.", c.oslSum, c.lengthCount);
  return `${lines.join("\n")}\n`;
}
