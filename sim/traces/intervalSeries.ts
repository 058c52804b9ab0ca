/**
 * A request stream bucketed into the planner's adjustment intervals: what the planner would
 * have observed each interval (request count, mean ISL, mean OSL), as Dynamo's dry run buckets
 * a trace before replaying it through the predictors.
 */
import { ConfigError, describeValue, InputError } from "../../src/errors.ts";
import type { TraceStream } from "./traceTransform.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** One interval's load: the requests arriving in [startS, startS + intervalS). */
export interface TraceInterval {
  /** The interval's number, ⌊arrivalS / intervalS⌋ of its requests. */
  readonly index: number;
  readonly startS: number;
  readonly numReq: number;
  /** Mean input length of its requests, in tokens; NaN when it has none. */
  readonly meanIslTokens: number;
  /** Mean output length of its requests, in tokens; NaN when it has none. */
  readonly meanOslTokens: number;
}

/** The per-interval series of a whole trace, interval k at index k. */
export interface IntervalSeries {
  readonly intervalS: number;
  readonly numReq: number[];
  readonly meanIslTokens: number[];
  readonly meanOslTokens: number[];
}

/**
 * The intervals of a request stream, in order, from interval 0 (the trace's start) to the one
 * holding the last request; the last may be cut short by the trace's end. Like Dynamo's dry
 * run, a request belongs to interval ⌊arrivalS / intervalS⌋; unlike it, an interval without
 * requests is kept, as a count of 0 with NaN means (the planner sees such a window as NaN
 * metrics), rather than left out, so the series keeps the trace's timing. Each interval is
 * yielded once the first request after it arrives, so memory does not grow with the trace.
 * Sync in, sync out; async in (a trace file being read), async out.
 */
export function traceIntervals(
  requests: Iterable<TraceRequest>,
  intervalS: number,
): Generator<TraceInterval>;
export function traceIntervals(
  requests: AsyncIterable<TraceRequest>,
  intervalS: number,
): AsyncGenerator<TraceInterval>;
export function traceIntervals(
  requests: TraceStream,
  intervalS: number,
): Generator<TraceInterval> | AsyncGenerator<TraceInterval>;
export function traceIntervals(
  requests: TraceStream,
  intervalS: number,
): Generator<TraceInterval> | AsyncGenerator<TraceInterval> {
  checkIntervalS(intervalS);
  return Symbol.asyncIterator in requests
    ? intervalsAsync(requests, intervalS)
    : intervalsSync(requests, intervalS);
}

/** The whole series of a request stream, as parallel arrays (see traceIntervals). */
export async function intervalSeries(
  requests: TraceStream,
  intervalS: number,
): Promise<IntervalSeries> {
  const series: IntervalSeries = { intervalS, numReq: [], meanIslTokens: [], meanOslTokens: [] };
  for await (const interval of traceIntervals(requests, intervalS)) {
    series.numReq.push(interval.numReq);
    series.meanIslTokens.push(interval.meanIslTokens);
    series.meanOslTokens.push(interval.meanOslTokens);
  }
  return series;
}

function* intervalsSync(
  requests: Iterable<TraceRequest>,
  intervalS: number,
): Generator<TraceInterval> {
  const bucket = new IntervalBucket(intervalS);
  for (const request of requests) yield* bucket.take(request);
  yield* bucket.finish();
}

async function* intervalsAsync(
  requests: AsyncIterable<TraceRequest>,
  intervalS: number,
): AsyncGenerator<TraceInterval> {
  const bucket = new IntervalBucket(intervalS);
  for await (const request of requests) yield* bucket.take(request);
  yield* bucket.finish();
}

/** The interval being filled: three sums, whatever the number of requests. */
class IntervalBucket {
  private readonly intervalS: number;
  private index = 0;
  private numReq = 0;
  private sumIslTokens = 0;
  private sumOslTokens = 0;
  private numSeen = 0;
  private previousS = 0;

  constructor(intervalS: number) {
    this.intervalS = intervalS;
  }

  /** The intervals the request closes (its predecessors' and any empty ones), then counts it. */
  *take(request: TraceRequest): Generator<TraceInterval> {
    this.numSeen += 1;
    this.checkArrival(request.arrivalS);
    const index = Math.floor(request.arrivalS / this.intervalS);
    while (this.index < index) yield this.close();
    this.numReq += 1;
    this.sumIslTokens += request.islTokens;
    this.sumOslTokens += request.oslTokens;
  }

  /** The last interval, if any request arrived at all. */
  *finish(): Generator<TraceInterval> {
    if (this.numSeen > 0) yield this.close();
  }

  private close(): TraceInterval {
    const interval: TraceInterval = {
      index: this.index,
      startS: this.index * this.intervalS,
      numReq: this.numReq,
      meanIslTokens: this.numReq === 0 ? NaN : this.sumIslTokens / this.numReq,
      meanOslTokens: this.numReq === 0 ? NaN : this.sumOslTokens / this.numReq,
    };
    this.index += 1;
    this.numReq = 0;
    this.sumIslTokens = 0;
    this.sumOslTokens = 0;
    return interval;
  }

  private checkArrival(arrivalS: number): void {
    if (!(arrivalS >= this.previousS && arrivalS < Infinity)) {
      const expected = this.numSeen === 1 ? "≥ 0 s" : `≥ ${this.previousS} s, the previous one's`;
      throw new InputError(
        `interval series: request ${this.numSeen} must arrive at a finite time ${expected}, ` +
          `got ${describeValue(arrivalS)}`,
      );
    }
    this.previousS = arrivalS;
  }
}

function checkIntervalS(intervalS: number): void {
  if (intervalS > 0 && intervalS < Infinity) return;
  throw new ConfigError(
    `interval series: intervalS must be a number of seconds > 0, got ${describeValue(intervalS)}`,
  );
}
