// Each engine model the scenario can switch on, checked on timelines followed by hand. The flat
// profile takes 0.1 s per prompt and 0.01 s per decode iteration unless a test says otherwise;
// PROFILE_ONLY_ENGINE is the baseline each test changes one part of.
import { describe, expect, it } from "vitest";
import { PROFILE_ONLY_ENGINE, type EngineOptions } from "../../sim/engine/engineOptions.ts";
import type { RoutingPolicy } from "../../sim/engine/engineOptions.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { makeFlatProfile, type FlatProfileOptions } from "../support/makeEngineProfile.ts";
import { makeFleetOptions, makeRequest, simulate } from "../support/simulationFactories.ts";

/** The baseline engine with some parts replaced. */
function engineWith(parts: Partial<EngineOptions>): EngineOptions {
  return { ...PROFILE_ONLY_ENGINE, ...parts };
}

async function run(
  requests: TraceRequest[],
  engine: EngineOptions,
  { prefill = 1, decode = 1, profile = {} as FlatProfileOptions } = {},
) {
  const { result } = await simulate(requests, {
    engine,
    profile: makeFlatProfile(profile),
    fleet: makeFleetOptions({ initialPrefill: prefill, initialDecode: decode }),
  });
  return result;
}

/** Sorted values of a list of numbers, for order-free comparisons. */
function minMax(sketch: { quantiles(qs: readonly number[]): number[] }): number[] {
  return sketch.quantiles([0, 1]);
}

describe("the paged KV cache", () => {
  // 64 tokens of KV in blocks of 16: four blocks (too few for vLLM's 1 % watermark to hold any
  // back). Two requests of ISL 16 and OSL 40 (56 tokens,
  // four blocks each at the end) both fit at first, two blocks each; the first one to need a
  // third block finds none free.
  const paged = (maxPreemptions: number) =>
    engineWith({ kvCache: { mode: "paged", blockSize: 16, maxPreemptions } });
  const twoRequests = [
    makeRequest({ islTokens: 16, oslTokens: 40 }),
    makeRequest({ islTokens: 16, oslTokens: 40 }),
  ];

  it("preempts the newest request when the oldest needs a block, and recomputes it later", async () => {
    // A (admitted at 0.1 s, 17 tokens) grows one token per iteration and needs a third block
    // for its 33rd token, in the iteration starting at 0.25 s: B, the newest, is preempted then,
    // holding 31 tokens. B fits again only when A ends at 0.49 s (40 tokens: first at 0.1 s,
    // then 39 iterations). B's first iteration back also recomputes its 31 tokens (one prefill,
    // 0.1 s), so it ends at 0.60 s; its other 24 tokens end at 0.84 s.
    const result = await run(twoRequests, paged(8), {
      prefill: 2,
      profile: { maxKvTokens: 64 },
    });
    expect(result.engine.preemptions).toBe(1);
    expect(result.statistics.completed).toBe(2);
    expect(minMax(result.statistics.durationS)).toEqual([
      expect.closeTo(0.49, 9),
      expect.closeTo(0.84, 9),
    ]);
  });

  it("gives up a request preempted more often than allowed, and says why", async () => {
    const result = await run(twoRequests, paged(0), { prefill: 2, profile: { maxKvTokens: 64 } });
    expect(result.statistics.completed).toBe(1);
    expect(result.statistics.rejected["preemption-limit"]).toBe(1);
    expect(result.unfinished).toBe(0);
  });

  it("refuses a block larger than a decode engine's whole KV cache, naming both", async () => {
    const huge = engineWith({ kvCache: { mode: "paged", blockSize: 65, maxPreemptions: 8 } });
    await expect(run([makeRequest()], huge, { profile: { maxKvTokens: 64 } })).rejects.toThrow(
      "engine.kvCache.blockSize must be at most one decode engine's KV cache, 64 tokens (from the profile), got 65",
    );
  });

  it("keeps vLLM's 1 % watermark of blocks back, so a request must fit beside it", async () => {
    // 3,200 tokens are 200 blocks; 2 are the watermark, so 198 blocks (3,168 tokens) is the
    // largest request that can ever be admitted.
    const requests = [
      makeRequest({ islTokens: 3000, oslTokens: 168 }),
      makeRequest({ arrivalS: 10, islTokens: 3000, oslTokens: 169 }),
    ];
    const result = await run(requests, paged(8), {
      profile: { maxKvTokens: 3200, maxIslTokens: 8000 },
    });
    expect(result.statistics.completed).toBe(1);
    expect(result.statistics.rejected["exceeds-kv-capacity"]).toBe(1);
  });

  it("admits by the prompt alone, so more requests run at once than a whole reservation allows", async () => {
    // Reserving ISL + OSL, only one 56-token request fits in 64 tokens at a time.
    const reserve = await run(twoRequests, PROFILE_ONLY_ENGINE, {
      prefill: 2,
      profile: { maxKvTokens: 64 },
    });
    const pagedRun = await run(twoRequests, paged(8), { prefill: 2, profile: { maxKvTokens: 64 } });
    expect(minMax(reserve.statistics.durationS)[1]).toBeCloseTo(0.1 + 39 * 0.01 * 2, 9);
    expect(pagedRun.endS).toBeLessThan(reserve.endS);
  });
});

describe("prefix caching", () => {
  // Blocks of 2,000 tokens. The prefill time is linear: 0.1 s + 10 µs per token, so 4,000
  // tokens take 0.14 s and the 2,000 a cache miss leaves take 0.12 s.
  const cached = engineWith({
    prefixCache: { enabled: true, blockTokens: 2000, capacityBlocks: 2 },
  });
  const profile = { prefillSPerToken: 1e-5 };

  it("skips the cached leading blocks of a prompt", async () => {
    const requests = [
      makeRequest({ islTokens: 4000, oslTokens: 1, hashIds: [1, 2] }),
      makeRequest({ arrivalS: 1, islTokens: 4000, oslTokens: 1, hashIds: [1, 3] }),
    ];
    const result = await run(requests, cached, { profile });
    expect(result.engine.cachedPromptTokens).toBe(2000);
    expect(result.engine.promptTokens).toBe(8000);
    expect(minMax(result.statistics.ttftS)).toEqual([
      expect.closeTo(0.12, 9),
      expect.closeTo(0.14, 9),
    ]);
  });

  it("does not count a block as a hit once another request's blocks have evicted it", async () => {
    const requests = [
      makeRequest({ islTokens: 4000, oslTokens: 1, hashIds: [1, 2] }),
      makeRequest({ arrivalS: 1, islTokens: 4000, oslTokens: 1, hashIds: [3, 4] }),
      makeRequest({ arrivalS: 2, islTokens: 4000, oslTokens: 1, hashIds: [1, 2] }),
    ];
    const result = await run(requests, cached, { profile });
    expect(result.engine.cachedPromptTokens).toBe(0);
  });

  it("always computes the last prompt token, which yields the first output token", async () => {
    const requests = [
      makeRequest({ islTokens: 4000, oslTokens: 1, hashIds: [1, 2] }),
      makeRequest({ arrivalS: 1, islTokens: 4000, oslTokens: 1, hashIds: [1, 2] }),
    ];
    const result = await run(requests, cached, { profile });
    expect(result.engine.cachedPromptTokens).toBe(3999);
  });
});

describe("routing among prefill replicas", () => {
  // Two prefill replicas with prefix caches of 2,000-token blocks. A [1, 2] and B [5, 6] arrive
  // together; C [5, 6, 7] a second later shares B's prefix.
  const requests = [
    makeRequest({ islTokens: 4000, oslTokens: 1, hashIds: [1, 2] }),
    makeRequest({ islTokens: 4000, oslTokens: 1, hashIds: [5, 6] }),
    makeRequest({ arrivalS: 1, islTokens: 6000, oslTokens: 1, hashIds: [5, 6, 7] }),
  ];
  const routed = (prefill: RoutingPolicy) =>
    engineWith({
      prefixCache: { enabled: true, blockTokens: 2000, capacityBlocks: 10 },
      routing: { prefill, decode: "shared-queue" },
    });

  it("kv-aware sends C to the replica that holds B's blocks", async () => {
    const result = await run(requests, routed("kv-aware"), { prefill: 2 });
    expect(result.engine.cachedPromptTokens).toBe(4000);
  });

  it("round-robin sends C to the first replica in turn, which has not seen its prefix", async () => {
    const result = await run(requests, routed("round-robin"), { prefill: 2 });
    expect(result.engine.cachedPromptTokens).toBe(0);
  });

  it("least-loaded sends A and B to different replicas, so neither waits", async () => {
    const result = await run(requests.slice(0, 2), routed("least-loaded"), { prefill: 2 });
    expect(minMax(result.statistics.ttftS)).toEqual([
      expect.closeTo(0.1, 9),
      expect.closeTo(0.1, 9),
    ]);
  });

  it("round-robin queues behind a busy replica while least-loaded does not", async () => {
    // Linear prefill, 0.1 s + 10 µs per token. A (8,000 tokens, 0.18 s) goes to replica 0 and
    // B (2,000 tokens, 0.12 s) to replica 1. C (2,000 tokens) arrives at 0.13 s: round robin
    // gives it to replica 0, busy until 0.18 s (TTFT 0.05 + 0.12 s); least loaded to the idle
    // replica 1 (TTFT 0.12 s). Means are exact: (0.18 + 0.12 + 0.17) / 3 and (0.18 + 0.12 +
    // 0.12) / 3.
    const three = [
      makeRequest({ islTokens: 8000, oslTokens: 1 }),
      makeRequest({ arrivalS: 0.01, islTokens: 2000, oslTokens: 1 }),
      makeRequest({ arrivalS: 0.13, islTokens: 2000, oslTokens: 1 }),
    ];
    const profile = { prefillSPerToken: 1e-5, maxIslTokens: 10_000 };
    const rr = await run(three, routed("round-robin"), { prefill: 2, profile });
    const ll = await run(three, routed("least-loaded"), { prefill: 2, profile });
    expect(rr.statistics.ttftS.mean()).toBeCloseTo((0.18 + 0.12 + 0.17) / 3, 9);
    expect(ll.statistics.ttftS.mean()).toBeCloseTo((0.18 + 0.12 + 0.12) / 3, 9);
  });

  it("routes decode round-robin and least-loaded without losing requests", async () => {
    const many = Array.from({ length: 20 }, (_, i) => makeRequest({ arrivalS: i * 0.01 }));
    for (const decode of ["round-robin", "least-loaded", "kv-aware"] as const) {
      const engine = engineWith({ routing: { prefill: "least-loaded", decode } });
      const result = await run(many, engine, { prefill: 2, decode: 3 });
      expect(result.statistics.completed).toBe(20);
    }
  });
});

describe("chunked prefill", () => {
  const chunked = (tokenBudget: number) =>
    engineWith({ prefillBatching: { mode: "chunked", tokenBudget } });

  it("batches prompts that waited into one step", async () => {
    // Arrivals at 0, 0.01 and 0.02 s. One at a time, the third waits for two prefills and ends
    // at 0.3 s (TTFT 0.28 s). Chunked, the second and third share the step from 0.1 to 0.2 s.
    const three = [0, 0.01, 0.02].map((arrivalS) => makeRequest({ arrivalS, oslTokens: 1 }));
    const single = await run(three, PROFILE_ONLY_ENGINE);
    const batched = await run(three, chunked(8192));
    expect(minMax(single.statistics.ttftS)[1]).toBeCloseTo(0.28, 9);
    expect(minMax(batched.statistics.ttftS)[1]).toBeCloseTo(0.19, 9);
  });

  it("splits a prompt longer than the budget over several steps", async () => {
    // 5,000 tokens in steps of at most 2,000: three steps of 0.1 s on the flat profile.
    const result = await run([makeRequest({ islTokens: 5000, oslTokens: 1 })], chunked(2000));
    expect(result.statistics.ttftS.mean()).toBeCloseTo(0.3, 9);
  });

  it("costs a chunked prompt about what it costs whole when the curve is linear", async () => {
    // Linear T(n) = 0.1 s + 10 µs × n: 6,000 tokens whole take 0.16 s. In chunks of 2,000 the
    // first costs T(2000) = 0.12 s, and each later one max(T(2000), T(b) − T(a)) = 0.12 s.
    const profile = { prefillSPerToken: 1e-5 };
    const request = [makeRequest({ islTokens: 6000, oslTokens: 1 })];
    const whole = await run(request, PROFILE_ONLY_ENGINE, { profile });
    const inChunks = await run(request, chunked(2000), { profile });
    expect(whole.statistics.ttftS.mean()).toBeCloseTo(0.16, 9);
    expect(inChunks.statistics.ttftS.mean()).toBeCloseTo(0.36, 9);
  });
});

describe("the KV transfer to decode", () => {
  const transfer = (sharing: "per-prefill-replica" | "cluster") =>
    engineWith({
      kvTransfer: { bytesPerToken: 1e6, bandwidthBytesPerS: 1e9, latencyS: 0.001, sharing },
    });

  it("delays decode by bytes / bandwidth + latency, not the first token", async () => {
    // 100 prompt tokens + the first output token: 101 MB at 1 GB/s, 0.101 s, plus 1 ms. Decode
    // starts at 0.202 s; OSL 3 ends at 0.222 s.
    const result = await run([makeRequest()], transfer("per-prefill-replica"));
    const s = result.statistics;
    expect(s.ttftS.mean()).toBeCloseTo(0.1, 9);
    expect(s.durationS.mean()).toBeCloseTo(0.222, 9);
    expect(s.itlS.mean()).toBeCloseTo((0.222 - 0.1) / 2, 9);
    expect(result.engine.transfers).toBe(1);
  });

  it("shares one cluster link between transfers that overlap", async () => {
    // Two prefills end at 0.1 s on two replicas; on one shared link both transfers take twice
    // as long (0.202 s + 1 ms) and end together at 0.303 s. The first request starts an
    // iteration alone, the second joins the next: its two tokens leave at 0.323 and 0.333 s.
    // On separate links each transfer ends at 0.202 s, the second request's tokens at 0.222 and
    // 0.232 s.
    const two = [makeRequest(), makeRequest()];
    const shared = await run(two, transfer("cluster"), { prefill: 2 });
    const separate = await run(two, transfer("per-prefill-replica"), { prefill: 2 });
    expect(minMax(shared.statistics.durationS)[1]).toBeCloseTo(0.333, 9);
    expect(minMax(separate.statistics.durationS)[1]).toBeCloseTo(0.232, 9);
  });
});

describe("replica failures", () => {
  const failing = (migrationLimit: number) =>
    engineWith({ failures: { meanTimeBetweenFailuresS: 2, migrationLimit } });
  // Long requests on replicas that fail every 2 s on average (and take 30 s to restart).
  const requests = Array.from({ length: 40 }, (_, i) =>
    makeRequest({ arrivalS: i * 0.5, oslTokens: 300 }),
  );

  it("retries the requests of a failed replica and accounts for every request", async () => {
    const result = await run(requests, failing(100), { prefill: 2, decode: 2 });
    const s = result.statistics;
    expect(result.engine.failures).toBeGreaterThan(0);
    expect(result.engine.migrations).toBeGreaterThan(0);
    expect(s.completed + s.totalRejected + result.unfinished).toBe(40);
    expect(s.rejected["migration-limit"]).toBe(0);
  });

  it("gives up requests beyond the migration limit, and says why", async () => {
    const result = await run(requests, failing(0), { prefill: 2, decode: 2 });
    const s = result.statistics;
    // With a limit of 0 nothing is retried: every request a failure caught is lost.
    expect(result.engine.migrations).toBe(0);
    expect(s.rejected["migration-limit"]).toBeGreaterThan(0);
    expect(s.completed + s.totalRejected + result.unfinished).toBe(40);
  });
});

describe("non-streaming requests", () => {
  it("count toward requests and duration but record no TTFT or ITL", async () => {
    const engine = engineWith({ nonStreamingShare: 1 });
    const result = await run([makeRequest(), makeRequest({ arrivalS: 1 })], engine);
    const s = result.statistics;
    expect([s.completed, s.nonStreaming, s.ttftS.size, s.itlS.size]).toEqual([2, 2, 0, 0]);
    expect(s.durationS.mean()).toBeCloseTo(0.12, 9);
  });

  it("are drawn at the configured share, reproducibly", async () => {
    const many = Array.from({ length: 2000 }, (_, i) => makeRequest({ arrivalS: i }));
    const engine = engineWith({ nonStreamingShare: 0.25 });
    const first = await run(many, engine);
    const again = await run(many, engine);
    expect(first.statistics.nonStreaming).toBe(again.statistics.nonStreaming);
    expect(first.statistics.nonStreaming / 2000).toBeCloseTo(0.25, 1);
  });
});
