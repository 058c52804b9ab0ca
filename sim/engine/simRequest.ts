import type { TraceRequest } from "../traces/traceRequest.ts";

/** A request alive in the simulator; dropped as soon as it ends. */
export interface SimRequest {
  readonly id: number;
  readonly arrivalS: number;
  readonly islTokens: number;
  readonly oslTokens: number;
  /** When the first token reached the frontend (the end of its prefill), in seconds. */
  firstTokenAtS: number;
  /** When the last token so far reached the frontend, in seconds. */
  lastTokenAtS: number;
  /** Output tokens produced so far. */
  generatedTokens: number;
}

/** A new live request for a trace record. */
export function makeSimRequest(id: number, trace: TraceRequest): SimRequest {
  return {
    id,
    arrivalS: trace.arrivalS,
    islTokens: trace.islTokens,
    oslTokens: trace.oslTokens,
    firstTokenAtS: Number.NaN,
    lastTokenAtS: Number.NaN,
    generatedTokens: 0,
  };
}
