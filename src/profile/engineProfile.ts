/**
 * The profiling data of one prefill engine and one decode engine, as Dynamo's pre-deployment
 * profiler measures them, converted to this product's units: times in seconds, lengths in
 * tokens, throughputs in tokens per second per GPU. Dynamo's files store milliseconds; the
 * loaders convert at the boundary and nothing past them sees milliseconds.
 */

/** Prefill measurements: one request at a time, one point per input length. */
export interface PrefillProfile {
  /** Input sequence lengths measured, strictly increasing, in tokens. */
  readonly islTokens: readonly number[];
  /** Time to first token at each ISL, in seconds. */
  readonly ttftS: readonly number[];
  /** Prefill throughput at each ISL, in input tokens per second per GPU. */
  readonly tokensPerSPerGpu: readonly number[];
}

/** Decode measurements: scattered points of (KV usage, context length). */
export interface DecodeProfile {
  /** Share of the engine's KV capacity in use at each point, 0..1. */
  readonly kvUsage: readonly number[];
  /** Context length (ISL + OSL/2) at each point, in tokens. */
  readonly contextLengthTokens: readonly number[];
  /** Inter-token latency at each point, in seconds. */
  readonly itlS: readonly number[];
  /** Decode throughput at each point, in output tokens per second per GPU. */
  readonly tokensPerSPerGpu: readonly number[];
  /** KV-cache capacity of one decode engine, in tokens. */
  readonly maxKvTokens: number;
}

/** A prefill and a decode profile, and where they came from. */
export interface EngineProfile {
  /** Human-readable origin, e.g. the profile directory. */
  readonly source: string;
  readonly prefill: PrefillProfile;
  readonly decode: DecodeProfile;
}
