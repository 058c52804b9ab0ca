// A Dynamo frontend's metrics for tests: counters that grow at known rates from a start time,
// in Prometheus's text format, served on 127.0.0.1.
import { createServer } from "node:http";

/** The frontend's counters: the request counter and the five histograms' sums and counts. */
export const FRONTEND_COUNTERS = [
  "requests_total",
  "input_sequence_tokens_sum",
  "input_sequence_tokens_count",
  "output_sequence_tokens_sum",
  "output_sequence_tokens_count",
  "time_to_first_token_seconds_sum",
  "time_to_first_token_seconds_count",
  "inter_token_latency_seconds_sum",
  "inter_token_latency_seconds_count",
  "request_duration_seconds_sum",
  "request_duration_seconds_count",
] as const;

/** One family of Dynamo frontend metrics, each counter `perS` × seconds since the start. */
export function frontendFamily(
  prefix: string,
  labels: string,
  t: number,
  frozen: Set<string> = new Set(),
) {
  const at = (name: string, perS: number) => (frozen.has(name) ? 1 : perS * t);
  // 10 requests/s of ISL 1,000, OSL 200, TTFT 0.2 s, 3 s each, 100 inter-token gaps/s of 10 ms.
  const counters: [string, number][] = [
    ["requests_total", at("requests_total", 10)],
    ["input_sequence_tokens_sum", at("input_sequence_tokens_sum", 10 * 1000)],
    ["input_sequence_tokens_count", at("input_sequence_tokens_count", 10)],
    ["output_sequence_tokens_sum", at("output_sequence_tokens_sum", 10 * 200)],
    ["output_sequence_tokens_count", at("output_sequence_tokens_count", 10)],
    ["time_to_first_token_seconds_sum", at("time_to_first_token_seconds_sum", 10 * 0.2)],
    ["time_to_first_token_seconds_count", at("time_to_first_token_seconds_count", 10)],
    ["inter_token_latency_seconds_sum", at("inter_token_latency_seconds_sum", 100 * 0.01)],
    ["inter_token_latency_seconds_count", at("inter_token_latency_seconds_count", 100)],
    ["request_duration_seconds_sum", at("request_duration_seconds_sum", 10 * 3)],
    ["request_duration_seconds_count", at("request_duration_seconds_count", 10)],
  ];
  return counters.map(([name, value]) => `${prefix}${name}{${labels}} ${value}`).join("\n");
}

/** Serves `render()` as GET /metrics on a free 127.0.0.1 port. */
export async function serveMetricsText(render: () => string) {
  const server = createServer((request, response) => {
    response.writeHead(request.url === "/metrics" ? 200 : 404, { "content-type": "text/plain" });
    response.end(request.url === "/metrics" ? `${render()}\n` : "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    port,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
