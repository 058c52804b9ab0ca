/**
 * The machinery shared by the trace transforms: each is written once, as a step fed one
 * request at a time, and works on both kinds of request stream, a sync one (a synthetic load,
 * an array) and an async one (a trace file being read).
 */
import { InputError } from "../../src/errors.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** Requests in non-decreasing arrival order, held or generated (sync) or read (async). */
export type TraceStream = Iterable<TraceRequest> | AsyncIterable<TraceRequest>;

/** A rewrite of a request stream that keeps its kind: sync in, sync out; async in, async out. */
export interface TraceTransform {
  (requests: Iterable<TraceRequest>): Iterable<TraceRequest>;
  (requests: AsyncIterable<TraceRequest>): AsyncIterable<TraceRequest>;
  (requests: TraceStream): TraceStream;
}

/** Returned by a step to end the output without reading further input. */
export const STOP_READING: unique symbol = Symbol("stop reading");

/** One pass of a transform over a stream; a fresh step is made for every pass. */
export interface TransformStep {
  /** What to emit for the next input request, or STOP_READING to end the input here. */
  take(request: TraceRequest): readonly TraceRequest[] | typeof STOP_READING;
  /** What is still held back once the input has ended. */
  finish(): readonly TraceRequest[];
}

/**
 * A transform running the steps `startStep` makes. The output can be iterated again (each
 * pass starts a new step and re-iterates the input), as far as the input itself allows.
 */
export function traceTransform(startStep: () => TransformStep): TraceTransform {
  function transform(requests: Iterable<TraceRequest>): Iterable<TraceRequest>;
  function transform(requests: AsyncIterable<TraceRequest>): AsyncIterable<TraceRequest>;
  function transform(requests: TraceStream): TraceStream;
  function transform(requests: TraceStream): TraceStream {
    if (Symbol.asyncIterator in requests) {
      return chunkedRequests(() => runAsync(requests, startStep()));
    }
    return { [Symbol.iterator]: () => runSync(requests, startStep()) };
  }
  return transform;
}

function* runSync(requests: Iterable<TraceRequest>, step: TransformStep): Generator<TraceRequest> {
  const checkOrder = orderChecker();
  for (const request of requests) {
    checkOrder(request);
    const output = step.take(request);
    if (output === STOP_READING) break;
    yield* output;
  }
  yield* step.finish();
}

async function* runAsync(
  requests: AsyncIterable<TraceRequest>,
  step: TransformStep,
): AsyncGenerator<readonly TraceRequest[]> {
  const checkOrder = orderChecker();
  for await (const chunk of requestChunks(requests)) {
    const out: TraceRequest[] = [];
    for (const request of chunk) {
      checkOrder(request);
      const output = step.take(request);
      if (output === STOP_READING) {
        yield out;
        yield step.finish();
        return;
      }
      for (const emitted of output) out.push(emitted);
    }
    if (out.length > 0) yield out;
  }
  yield step.finish();
}

/**
 * An async request stream that can also hand out its requests an array at a time. Awaiting one
 * promise per request costs more than simulating the request, so the file readers and the
 * transforms pass chunks along, and the simulator reads them whole.
 */
export interface ChunkedRequests extends AsyncIterable<TraceRequest> {
  chunks(): AsyncIterable<readonly TraceRequest[]>;
}

/** A stream whose requests come in the chunks `chunks` yields (a fresh pass each call). */
export function chunkedRequests(
  chunks: () => AsyncIterable<readonly TraceRequest[]>,
): ChunkedRequests {
  return {
    chunks,
    async *[Symbol.asyncIterator]() {
      for await (const chunk of chunks()) yield* chunk;
    },
  };
}

/** The stream's requests in arrays: its own chunks when it has them, else one at a time. */
export function requestChunks(
  requests: AsyncIterable<TraceRequest>,
): AsyncIterable<readonly TraceRequest[]> {
  if ("chunks" in requests && typeof requests.chunks === "function") {
    return (requests as ChunkedRequests).chunks();
  }
  return singles(requests);
}

async function* singles(requests: AsyncIterable<TraceRequest>) {
  for await (const request of requests) yield [request];
}

// Every transform relies on the input being in arrival order (replicate spreads copies up to
// the next arrival, limitDuration stops at the first late one), so disorder is refused.
function orderChecker(): (request: TraceRequest) => void {
  let index = 0;
  let previousS = -Infinity;
  return (request) => {
    index += 1;
    if (!(request.arrivalS >= previousS)) {
      throw new InputError(
        `trace transform: request ${index} must arrive at or after ${previousS} s, ` +
          `the previous request's, got ${request.arrivalS}`,
      );
    }
    previousS = request.arrivalS;
  };
}
