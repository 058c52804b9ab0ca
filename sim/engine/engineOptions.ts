/**
 * How the simulated engines behave, beyond what the profile measures. Each part can be switched
 * to a simpler model, and each states the assumption it makes; the defaults are what a vLLM
 * deployment under Dynamo does unless noted.
 */

/**
 * Where a request goes among the replicas of one role.
 * - `shared-queue`: one first-in-first-out queue that every free replica pulls from (Dynamo
 *   v0.4's prefill queue; for decode, the head goes to the replica with the most free KV).
 * - `round-robin`: each request is assigned on arrival to the next serving replica in turn
 *   (Dynamo's default router mode); it then waits in that replica's own queue.
 * - `least-loaded`: assigned to the replica with the least work: prompt tokens queued or being
 *   prefilled, or KV tokens held and waiting for decode.
 * - `kv-aware`: for prefill, the replica whose prefix cache holds the longest prefix of the
 *   prompt, then the least loaded (Dynamo's KV router); decode keeps no prefix cache, so there
 *   it is the same as `least-loaded`.
 */
export type RoutingPolicy = "shared-queue" | "round-robin" | "least-loaded" | "kv-aware";
export const ROUTING_POLICIES: readonly RoutingPolicy[] = [
  "shared-queue",
  "round-robin",
  "least-loaded",
  "kv-aware",
];

/**
 * The decode engine's KV cache.
 * - `paged`: as vLLM's block manager: a request holds ceil(tokens / blockSize) blocks for its
 *   prompt and the tokens generated so far, and takes one more block whenever it crosses a block
 *   boundary. When a step needs a block and none is free, the newest running request is
 *   preempted: its blocks are freed and it goes back to the front of the waiting queue, to be
 *   recomputed when readmitted (the recompute costs the profile's prefill time for its context,
 *   added to that step). A request preempted more than `maxPreemptions` times fails. As in
 *   vLLM's scheduler, a replica that had to preempt for its last iteration admits no one new
 *   before its next, and admissions keep 1 % of the blocks free (the watermark), so that
 *   admitting does not force a preemption at once.
 * - `reserve`: a request is admitted only when its whole input plus output fit, and keeps that
 *   reservation to the end: no preemption, but less concurrency.
 */
export interface KvCacheOptions {
  readonly mode: "paged" | "reserve";
  /** Tokens per KV block (vLLM's default block size is 16). */
  readonly blockSize: number;
  readonly maxPreemptions: number;
}

/**
 * Each prefill replica keeps an LRU cache of prompt blocks named by the trace's `hash_ids`
 * (Mooncake traces): a request whose leading blocks are cached on the replica that prefills it
 * computes only the rest. Traces without hash ids never hit.
 */
export interface PrefixCacheOptions {
  readonly enabled: boolean;
  /** Tokens per hashed block in the trace (Mooncake: 512). */
  readonly blockTokens: number;
  /** Blocks one replica keeps; null: as many as its KV cache holds (max_kv_tokens / block). */
  readonly capacityBlocks: number | null;
}

/**
 * How a prefill replica groups work into forward passes.
 * - `single`: one prompt at a time, taking the profiled TTFT for its length (what the profiler
 *   measured).
 * - `chunked`: every step takes up to `tokenBudget` prompt tokens, finishing prompts already
 *   started first, then starting new ones, splitting the last one if it does not fit (vLLM's
 *   chunked prefill). A step's time comes from the single-request profile T(n): the step's
 *   tokens cost T(total tokens), as if they were one prompt (prefill is compute-bound, so its
 *   time follows the token count); a chunk that continues a prompt from token a to b also pays
 *   for attending to the earlier a tokens, T(b) − T(a) − T(b − a) when positive. A prompt cut
 *   into chunks thus costs about T(length) in all, and a step of many short prompts costs one
 *   pass, not one each.
 */
export interface PrefillBatchingOptions {
  readonly mode: "single" | "chunked";
  readonly tokenBudget: number;
}

/** The shape of a transformer's KV cache, which sets the bytes moved per prompt token. */
export interface KvShape {
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly bytesPerValue: number;
}

/**
 * Llama-3.1-8B (the bundled profile's model): 32 layers, 8 KV heads of 128 dimensions, with
 * vLLM's default KV-cache type for it, bfloat16 (2 bytes): 128 KiB per token. An FP8 KV cache
 * (`bytesPerValue` 1) halves that to 64 KiB.
 */
export const LLAMA_3_1_8B_KV: KvShape = { layers: 32, kvHeads: 8, headDim: 128, bytesPerValue: 2 };

/** Bytes of KV cache per token: a key and a value per layer, head and dimension. */
export function kvBytesPerToken(shape: KvShape): number {
  return 2 * shape.layers * shape.kvHeads * shape.headDim * shape.bytesPerValue;
}

/**
 * After prefill, the prompt's KV cache moves to the decode replica (NIXL over RDMA) before the
 * request can join a decode batch; the first token has already left with the prefill. Transfers
 * share a link fairly (each of n gets 1/n of the bandwidth), plus a fixed latency each. The link
 * is each prefill replica's network interface, or one link for the whole cluster.
 */
export interface KvTransferOptions {
  readonly bytesPerToken: number;
  readonly bandwidthBytesPerS: number;
  readonly latencyS: number;
  readonly sharing: "per-prefill-replica" | "cluster";
}

/**
 * Replicas fail at random (exponential times with this mean, counted while serving) and restart
 * after a start-up delay. The requests a failed replica held are retried from prefill, keeping
 * the tokens already streamed (Dynamo's request migration), at most `migrationLimit` times each;
 * beyond that they fail.
 */
export interface FailureOptions {
  readonly meanTimeBetweenFailuresS: number;
  readonly migrationLimit: number;
}

export interface EngineOptions {
  /**
   * Longest request (input plus output tokens) the engine accepts, its max_model_len; null:
   * the longest profiled ISL (the profiler sweeps prefill up to a little below max_model_len).
   */
  readonly maxContextTokens: number | null;
  readonly kvCache: KvCacheOptions;
  readonly prefixCache: PrefixCacheOptions;
  readonly routing: { readonly prefill: RoutingPolicy; readonly decode: RoutingPolicy };
  readonly prefillBatching: PrefillBatchingOptions;
  /** null: the KV cache arrives at decode the moment prefill ends. */
  readonly kvTransfer: KvTransferOptions | null;
  /** null: replicas never fail. */
  readonly failures: FailureOptions | null;
  /**
   * Share of requests that ask for the whole answer at once rather than a stream. They count
   * toward the request rate, lengths and duration but record no TTFT or ITL (as in Dynamo), and
   * are left out of the latency statistics, counted.
   */
  readonly nonStreamingShare: number;
  /** Seed of the failure and non-streaming draws. */
  readonly seed: number;
}

/**
 * The simplest faithful engine: what the profiler measured and nothing more — each prompt alone,
 * a reserved KV cache, shared queues, no cache, transfer, failures or non-streaming requests.
 */
export const PROFILE_ONLY_ENGINE: EngineOptions = {
  maxContextTokens: null,
  kvCache: { mode: "reserve", blockSize: 16, maxPreemptions: 8 },
  prefixCache: { enabled: false, blockTokens: 512, capacityBlocks: null },
  routing: { prefill: "shared-queue", decode: "shared-queue" },
  prefillBatching: { mode: "single", tokenBudget: 8192 },
  kvTransfer: null,
  failures: null,
  nonStreamingShare: 0,
  seed: 1,
};

/**
 * What a scenario gets unless it says otherwise: vLLM's paged KV cache with 16-token blocks and
 * preemption, prefix caching (it only acts on traces with hash ids), shared queues, one prompt
 * at a time, and a KV transfer of Llama-3.1-8B's 128 KiB per token over a 400 Gb/s (50 GB/s)
 * RDMA interface per prefill replica with 20 µs of latency.
 */
export const DEFAULT_ENGINE: EngineOptions = {
  ...PROFILE_ONLY_ENGINE,
  kvCache: { mode: "paged", blockSize: 16, maxPreemptions: 8 },
  prefixCache: { enabled: true, blockTokens: 512, capacityBlocks: null },
  kvTransfer: {
    bytesPerToken: kvBytesPerToken(LLAMA_3_1_8B_KV),
    bandwidthBytesPerS: 50e9,
    latencyS: 20e-6,
    sharing: "per-prefill-replica",
  },
};
