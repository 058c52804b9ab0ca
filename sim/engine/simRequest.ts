import type { TraceRequest } from "../traces/traceRequest.ts";

/** A request alive in the simulator; dropped as soon as it ends. */
export interface SimRequest {
  readonly id: number;
  readonly arrivalS: number;
  readonly islTokens: number;
  readonly oslTokens: number;
  /** Prompt block ids, when the trace names them (prefix caching). */
  readonly hashIds: readonly number[] | undefined;
  /** False for a request that wants its whole answer at once (no TTFT or ITL recorded). */
  readonly streaming: boolean;
  /** When the first token reached the frontend (the end of its prefill), in seconds. */
  firstTokenAtS: number;
  /** When the last token so far reached the frontend, in seconds. */
  lastTokenAtS: number;
  /** Output tokens produced so far. */
  generatedTokens: number;
  /**
   * Tokens the current prefill must hold when done: the prompt, plus the tokens already
   * streamed for a request retried after a failure (they are recomputed, not re-sent).
   */
  prefillTargetTokens: number;
  /** Tokens of that target computed so far (a prefix-cache hit counts as computed). */
  prefilledTokens: number;
  /** Prompt tokens the prefill step under way computes for it. */
  stepTokens: number;
  /** Whether it was preempted and its KV cache must be recomputed when readmitted. */
  needsRecompute: boolean;
  /** Times it was preempted at decode, and retried after a replica failed. */
  preemptions: number;
  migrations: number;
  /** Bumped on every retry, so events of an abandoned attempt are ignored. */
  attempt: number;
}

/** A new live request for a trace record. */
export function makeSimRequest(id: number, trace: TraceRequest, streaming: boolean): SimRequest {
  return {
    id,
    arrivalS: trace.arrivalS,
    islTokens: trace.islTokens,
    oslTokens: trace.oslTokens,
    hashIds: trace.hashIds,
    streaming,
    firstTokenAtS: Number.NaN,
    lastTokenAtS: Number.NaN,
    generatedTokens: 0,
    prefillTargetTokens: trace.islTokens,
    prefilledTokens: 0,
    stepTokens: 0,
    needsRecompute: false,
    preemptions: 0,
    migrations: 0,
    attempt: 0,
  };
}

/** Tokens in the request's KV cache at decode: its prompt and what it has generated. */
export function contextTokens(request: SimRequest): number {
  return request.islTokens + request.generatedTokens;
}
