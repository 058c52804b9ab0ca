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
}
