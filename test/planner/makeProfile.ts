import type { DecodeProfile, PrefillProfile } from "../../src/profile/engineProfile.ts";

/** A prefill profile with the same TTFT and throughput at every ISL (100 to 16,000 tokens). */
export function makeFlatPrefill(ttftS: number, tokensPerSPerGpu: number): PrefillProfile {
  const islTokens = [100, 1000, 4000, 8000, 16000];
  return {
    islTokens,
    ttftS: islTokens.map(() => ttftS),
    tokensPerSPerGpu: islTokens.map(() => tokensPerSPerGpu),
  };
}

/**
 * A decode profile with the same ITL and throughput everywhere, sampled on a 3 × 3 lattice of
 * KV usage 0.1..0.9 and context 1,000..9,000 tokens.
 */
export function makeFlatDecode(
  itlS: number,
  tokensPerSPerGpu: number,
  maxKvTokens = 100_000,
): DecodeProfile {
  const kvUsage: number[] = [];
  const contextLengthTokens: number[] = [];
  for (const context of [1000, 5000, 9000]) {
    for (const kv of [0.1, 0.5, 0.9]) {
      kvUsage.push(kv);
      contextLengthTokens.push(context);
    }
  }
  return {
    kvUsage,
    contextLengthTokens,
    itlS: kvUsage.map(() => itlS),
    tokensPerSPerGpu: kvUsage.map(() => tokensPerSPerGpu),
    maxKvTokens,
  };
}
