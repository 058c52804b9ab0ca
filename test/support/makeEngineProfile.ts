// A tiny synthetic engine profile whose timings can be followed by hand: every prompt takes the
// same prefill time and every decode iteration the same time, whatever the batch or context.
import type {
  DecodeProfile,
  EngineProfile,
  PrefillProfile,
} from "../../src/profile/engineProfile.ts";

/** What a test may set; everything else keeps the defaults below. */
export interface FlatProfileOptions {
  /** Prefill time of one prompt at every ISL, in seconds. */
  readonly prefillS?: number;
  /** Seconds each prompt token adds to that (0 by default: flat); the curve is then linear. */
  readonly prefillSPerToken?: number;
  /** Longest profiled ISL, in tokens: the model's context limit in the simulator. */
  readonly maxIslTokens?: number;
  /** Time of one decode iteration at every batch size and context, in seconds. */
  readonly decodeStepS?: number;
  /** KV-cache capacity of one decode engine, in tokens. */
  readonly maxKvTokens?: number;
  /**
   * Throughput the profile claims, which only the planner reads (the simulated engines run on
   * the times above): by default ISL / prefill time, and 1,000 output tokens/s for decode.
   */
  readonly prefillTokensPerSPerGpu?: number;
  readonly decodeTokensPerSPerGpu?: number;
}

/**
 * Prefill measured at five evenly spaced ISLs up to `maxIslTokens` (default 8,000, so 1,600 to
 * 8,000), TTFT 0.1 s at each; decode measured at contexts 1,000 and 4,000 tokens, three KV
 * usages each, ITL 0.01 s at each, so that DecodeStepModel uses its per-context rows.
 */
export function makeFlatProfile(options: FlatProfileOptions = {}): EngineProfile {
  return {
    source: "synthetic flat profile",
    prefill: makeFlatPrefill(options),
    decode: makeFlatDecode(options),
  };
}

function makeFlatPrefill(options: FlatProfileOptions): PrefillProfile {
  const prefillS = options.prefillS ?? 0.1;
  const maxIslTokens = options.maxIslTokens ?? 8000;
  const islTokens = [1, 2, 3, 4, 5].map((fifth) => Math.round((fifth * maxIslTokens) / 5));
  return {
    islTokens,
    ttftS: islTokens.map((isl) => prefillS + (options.prefillSPerToken ?? 0) * isl),
    tokensPerSPerGpu: islTokens.map((isl) => options.prefillTokensPerSPerGpu ?? isl / prefillS),
  };
}

function makeFlatDecode(options: FlatProfileOptions): DecodeProfile {
  const kvUsage: number[] = [];
  const contextLengthTokens: number[] = [];
  for (const context of [1000, 4000]) {
    for (const usage of [0.1, 0.5, 0.9]) {
      kvUsage.push(usage);
      contextLengthTokens.push(context);
    }
  }
  return {
    kvUsage,
    contextLengthTokens,
    itlS: kvUsage.map(() => options.decodeStepS ?? 0.01),
    tokensPerSPerGpu: kvUsage.map(() => options.decodeTokensPerSPerGpu ?? 1000),
    maxKvTokens: options.maxKvTokens ?? 100_000,
  };
}
