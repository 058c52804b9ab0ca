/**
 * A small typed client for Prometheus's HTTP API, as much of it as the live planner needs: one
 * instant query at a time (`GET /api/v1/query`). Every way a query can go is an outcome the
 * caller must handle, never an exception: a vector of samples (values parsed from Prometheus's
 * strings, "NaN" and "+Inf" included), an error Prometheus reported (e.g. `bad_data` with HTTP
 * 400 for a malformed expression, or a server error), or no answer at all (connection refused,
 * timeout, a reply that is not Prometheus's JSON).
 */

/** One series of an instant vector: its labels and its value at the query time. */
export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export type QueryOutcome =
  | { readonly kind: "vector"; readonly samples: readonly Sample[] }
  /** Prometheus answered with an error (its type and message, and the HTTP status). */
  | { readonly kind: "error"; readonly reason: string }
  /** No usable answer: refused, timed out, or not Prometheus's JSON. */
  | { readonly kind: "unreachable"; readonly reason: string };

export interface PrometheusClientOptions {
  /** How long one query may take, in milliseconds (default 5,000). */
  readonly timeoutMs?: number;
}

export class PrometheusClient {
  /** The server's base address, e.g. http://127.0.0.1:9090 (no trailing slash). */
  readonly endpoint: string;
  private readonly timeoutMs: number;

  constructor(endpoint: string, options: PrometheusClientOptions = {}) {
    this.endpoint = endpoint.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Evaluates `expression` now, or at `atUnixS` (seconds since the epoch) when given. */
  async query(expression: string, atUnixS?: number): Promise<QueryOutcome> {
    const params = new URLSearchParams({ query: expression });
    if (atUnixS !== undefined) params.set("time", String(atUnixS));
    let response: Response;
    let body: string;
    try {
      response = await fetch(`${this.endpoint}/api/v1/query?${params}`, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      return { kind: "unreachable", reason: networkReason(error, this.timeoutMs) };
    }
    return parseQueryResponse(response.status, body);
  }
}

/** The outcome of an HTTP status and body from /api/v1/query. */
export function parseQueryResponse(status: number, body: string): QueryOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: "unreachable", reason: `HTTP ${status} with a body that is not JSON` };
  }
  const reply = parsed as {
    status?: unknown;
    errorType?: unknown;
    error?: unknown;
    data?: { resultType?: unknown; result?: unknown };
  };
  if (reply.status === "error") {
    return {
      kind: "error",
      reason: `${String(reply.errorType)} (HTTP ${status}): ${String(reply.error)}`,
    };
  }
  if (reply.status !== "success" || reply.data === undefined) {
    return { kind: "unreachable", reason: `HTTP ${status} without a Prometheus query result` };
  }
  const { resultType, result } = reply.data;
  if (resultType === "scalar" && Array.isArray(result)) {
    return { kind: "vector", samples: [{ labels: {}, value: parsePromValue(result[1]) }] };
  }
  if (resultType !== "vector" || !Array.isArray(result)) {
    return { kind: "error", reason: `expected an instant vector, got a ${String(resultType)}` };
  }
  const samples = result.map((series: { metric?: Record<string, string>; value?: unknown[] }) => ({
    labels: series.metric ?? {},
    value: parsePromValue(series.value?.[1]),
  }));
  return { kind: "vector", samples };
}

/**
 * A sample value as Prometheus writes it: a decimal string, or "NaN", "+Inf", "-Inf". Anything
 * else is NaN too (it carries no number).
 */
export function parsePromValue(text: unknown): number {
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (typeof text !== "string" || text.trim() === "") return Number.NaN;
  return Number(text);
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as {
    name?: string;
    cause?: { code?: string; message?: string };
    message?: string;
  };
  if (e.name === "TimeoutError" || e.name === "AbortError")
    return `no answer within ${timeoutMs} ms`;
  const code = e.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  return code ?? e.cause?.message ?? e.message ?? String(error);
}
