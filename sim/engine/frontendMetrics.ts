import type { IntervalObservation } from "../../src/planner/index.ts";

/**
 * The frontend's view of traffic, kept as Dynamo's `dynamo_frontend_*` metrics are: a request
 * counter, and a sum and a count per histogram, all cumulative. TTFT is observed when the first
 * token leaves, every inter-token gap when its token leaves, and the request count, duration,
 * ISL and OSL when a request ends (a rejected request counts as a request, with status error,
 * and observes nothing else). The planner's query `increase(x_sum[W]) / increase(x_count[W])`
 * over a window is the window's sum over its count: `takeWindow` computes it exactly, and a
 * PrometheusScraper from scraped samples, with Prometheus's lag and extrapolation.
 */
export class FrontendMetrics {
  private readonly totals: FrontendCounters = emptyCounters();
  private lastTaken: FrontendCounters = emptyCounters();

  observeFirstToken(ttftS: number): void {
    this.totals.ttftSumS += ttftS;
    this.totals.ttftCount += 1;
  }

  /** `count` inter-token gaps that add up to `sumS` seconds. */
  observeTokenGaps(sumS: number, count: number): void {
    this.totals.itlSumS += sumS;
    this.totals.itlCount += count;
  }

  observeCompletion(durationS: number, islTokens: number, oslTokens: number): void {
    const t = this.totals;
    t.requests += 1;
    t.durationSumS += durationS;
    t.durationCount += 1;
    t.islSum += islTokens;
    t.oslSum += oslTokens;
    t.lengthCount += 1;
  }

  observeRejection(): void {
    this.totals.requests += 1;
  }

  /** The cumulative counters now, as a scrape reads them. */
  counters(): FrontendCounters {
    return { ...this.totals };
  }

  /** The six figures the planner queries, exactly, over the window since the last call. */
  takeWindow(): WindowFigures {
    const now = this.counters();
    const delta = subtractCounters(now, this.lastTaken);
    this.lastTaken = now;
    return figuresOf(delta);
  }
}

/** Every cumulative counter the frontend exports. */
export interface FrontendCounters {
  requests: number;
  ttftSumS: number;
  ttftCount: number;
  itlSumS: number;
  itlCount: number;
  durationSumS: number;
  durationCount: number;
  islSum: number;
  oslSum: number;
  lengthCount: number;
}

/** The load and latency figures of one window, as the planner's six queries return them. */
export type WindowFigures = Pick<
  IntervalObservation,
  "numReq" | "islTokens" | "oslTokens" | "ttftS" | "itlS" | "requestDurationS"
>;

export function emptyCounters(): FrontendCounters {
  return {
    requests: 0,
    ttftSumS: 0,
    ttftCount: 0,
    itlSumS: 0,
    itlCount: 0,
    durationSumS: 0,
    durationCount: 0,
    islSum: 0,
    oslSum: 0,
    lengthCount: 0,
  };
}

function subtractCounters(a: FrontendCounters, b: FrontendCounters): FrontendCounters {
  const out = emptyCounters();
  for (const key of Object.keys(out) as (keyof FrontendCounters)[]) out[key] = a[key] - b[key];
  return out;
}

/** Window figures from counter increases: each average is sum over count, 0/0 being NaN. */
export function figuresOf(delta: FrontendCounters): WindowFigures {
  return {
    numReq: delta.requests,
    islTokens: delta.islSum / delta.lengthCount,
    oslTokens: delta.oslSum / delta.lengthCount,
    ttftS: delta.ttftSumS / delta.ttftCount,
    itlS: delta.itlSumS / delta.itlCount,
    requestDurationS: delta.durationSumS / delta.durationCount,
  };
}
