import { QuantileSketch } from "./quantileSketch.ts";

/** Latency of the requests completed within one adjustment interval. */
export interface IntervalLatencies {
  readonly completed: number;
  /** Share of those with a TTFT to judge that met both targets (NaN when none). */
  readonly slaAttainment: number;
  readonly ttftP50S: number;
  readonly ttftP90S: number;
  readonly ttftP99S: number;
  readonly itlP50S: number;
  readonly itlP90S: number;
  readonly itlP99S: number;
}

/**
 * Why a request was not served: turned away on arrival (longer than the model's context, or
 * than one decode replica's KV cache could ever hold), or given up later (preempted at decode
 * more often than allowed, or retried after replica failures more often than allowed).
 */
export type RejectionReason =
  "exceeds-context" | "exceeds-kv-capacity" | "preemption-limit" | "migration-limit";

/**
 * What happened to every request: how many arrived, completed, were rejected (and why), and
 * each completed request's TTFT, mean ITL and duration, with SLA attainment against the targets.
 * The latencies go into quantile sketches, so memory stays flat however long the trace is.
 */
export class RunStatistics {
  arrived = 0;
  completed = 0;
  readonly rejected: Record<RejectionReason, number> = {
    "exceeds-context": 0,
    "exceeds-kv-capacity": 0,
    "preemption-limit": 0,
    "migration-limit": 0,
  };
  /** Completed requests that met both targets. */
  metSla = 0;
  /** Completed requests with no output token, so no TTFT or ITL to judge. */
  noOutput = 0;
  /** Requests that arrived not streaming (whatever became of them): no TTFT or ITL to judge. */
  nonStreaming = 0;
  readonly ttftS = new QuantileSketch();
  /** Mean inter-token latency of each request with at least two output tokens. */
  readonly itlS = new QuantileSketch();
  readonly durationS = new QuantileSketch();
  /** The same figures for requests completed since the last `takeInterval`. */
  private intervalTtftS = new QuantileSketch();
  private intervalItlS = new QuantileSketch();
  private intervalCompleted = 0;
  /** Of those, the ones with a TTFT to judge (streamed, with output). */
  private intervalJudged = 0;
  private intervalMetSla = 0;
  private readonly ttftTargetS: number;
  private readonly itlTargetS: number;

  constructor(ttftTargetS: number, itlTargetS: number) {
    this.ttftTargetS = ttftTargetS;
    this.itlTargetS = itlTargetS;
  }

  get totalRejected(): number {
    let total = 0;
    for (const count of Object.values(this.rejected)) total += count;
    return total;
  }

  /** A non-streaming request that finished: it counts, with its duration, but is not judged. */
  recordNonStreaming(durationS: number): void {
    this.completed += 1;
    this.intervalCompleted += 1;
    this.durationS.push(durationS);
  }

  /** A request that finished; `ttftS` and `meanItlS` are NaN when it had no such tokens. */
  recordCompletion(ttftS: number, meanItlS: number, durationS: number): void {
    this.completed += 1;
    this.intervalCompleted += 1;
    this.durationS.push(durationS);
    if (Number.isNaN(ttftS)) {
      this.noOutput += 1;
      return;
    }
    this.intervalJudged += 1;
    this.ttftS.push(ttftS);
    this.intervalTtftS.push(ttftS);
    if (!Number.isNaN(meanItlS)) {
      this.itlS.push(meanItlS);
      this.intervalItlS.push(meanItlS);
    }
    const itlMet = Number.isNaN(meanItlS) || meanItlS <= this.itlTargetS;
    if (ttftS <= this.ttftTargetS && itlMet) {
      this.metSla += 1;
      this.intervalMetSla += 1;
    }
  }

  /**
   * TTFT and ITL percentiles (p50, p90, p99) and SLA attainment of the requests completed since
   * the last call; then starts a new interval.
   */
  takeInterval(): IntervalLatencies {
    const [ttftP50S, ttftP90S, ttftP99S] = this.intervalTtftS.quantiles([0.5, 0.9, 0.99]);
    const [itlP50S, itlP90S, itlP99S] = this.intervalItlS.quantiles([0.5, 0.9, 0.99]);
    const result = {
      completed: this.intervalCompleted,
      slaAttainment: this.intervalMetSla / this.intervalJudged,
      ttftP50S,
      ttftP90S,
      ttftP99S,
      itlP50S,
      itlP90S,
      itlP99S,
    };
    this.intervalTtftS = new QuantileSketch();
    this.intervalItlS = new QuantileSketch();
    this.intervalCompleted = this.intervalJudged = this.intervalMetSla = 0;
    return result;
  }

  recordRejection(reason: RejectionReason): void {
    this.rejected[reason] += 1;
  }
}
