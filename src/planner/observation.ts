/**
 * What the planner observes every adjustment interval and what it decides. The six load and
 * latency figures are exactly those Dynamo's planner reads from Prometheus over a window equal
 * to the interval; a figure Prometheus returned as NaN (no traffic in the window) stays NaN.
 */

/** One adjustment interval's observation. */
export interface IntervalObservation {
  /**
   * Requests counted in the window (a count, not a rate). Dynamo's frontend counts a request
   * when it ends, completed or failed, so under overload this is the served rate, not demand.
   */
  readonly numReq: number;
  /** Mean input sequence length over the window, in tokens (NaN when no request finished). */
  readonly islTokens: number;
  /** Mean output sequence length over the window, in tokens. */
  readonly oslTokens: number;
  /** Mean time to first token over the window, in seconds. */
  readonly ttftS: number;
  /** Mean inter-token latency over the window, in seconds. */
  readonly itlS: number;
  /** Mean request duration over the window, in seconds. */
  readonly requestDurationS: number;
  /** Prefill workers serving at the time of the observation. */
  readonly numPrefillWorkers: number;
  /** Decode workers serving at the time of the observation. */
  readonly numDecodeWorkers: number;
  /** Prefill replicas ordered but not serving yet (starting, or waiting for GPUs); 0 if unknown. */
  readonly numPrefillStarting?: number;
  /** Decode replicas ordered but not serving yet; 0 if unknown. */
  readonly numDecodeStarting?: number;
  /** Whether the six figures could be read; when not, they are NaN. "ok" if absent. */
  readonly metrics?: MetricsAvailability;
  /** Seconds since the planner started; by default the interval's end, index × interval. */
  readonly atS?: number;
}

/**
 * How the metrics query went: answered, answered with nothing (no series: the frontend has not
 * been scraped, or the labels match nothing), failed with an error, or got no answer at all.
 */
export type MetricsAvailability = "ok" | "empty" | "error" | "unreachable";
