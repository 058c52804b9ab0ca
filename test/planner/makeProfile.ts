import {
  buildProfileModel,
  DEFAULT_PLANNER_CONFIG,
  type IntervalObservation,
  type PlannerConfig,
  type PlannerMode,
  SlaPlanner,
} from "../../src/planner/index.ts";
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

/**
 * A planner on the flat profiles (prefill 50 ms and 10,000 tokens/s per GPU; decode 5 ms and
 * 5,000 tokens/s per GPU), a 60 s interval and a 10 ms ITL target, in the given mode.
 */
export function makeFlatPlanner(mode: PlannerMode, overrides: Partial<PlannerConfig> = {}) {
  return new SlaPlanner(makeFlatPlannerConfig(mode, overrides), makeFlatModel());
}

/** The configuration makeFlatPlanner uses. */
export function makeFlatPlannerConfig(
  mode: PlannerMode,
  overrides: Partial<PlannerConfig> = {},
): PlannerConfig {
  return {
    ...DEFAULT_PLANNER_CONFIG,
    mode,
    adjustmentIntervalS: 60,
    itlTargetS: 0.01,
    ...overrides,
  };
}

/** The flat profiles' model: prefill 50 ms and 10,000 tokens/s per GPU; decode 5 ms, 5,000. */
export function makeFlatModel() {
  return buildProfileModel({
    source: "flat",
    prefill: makeFlatPrefill(0.05, 10_000),
    decode: makeFlatDecode(0.005, 5_000),
  });
}

/** 600 requests of ISL 1,000 and OSL 100 in a minute, TTFT 0.1 s, ITL 0.01 s, 1P2D serving. */
export function makeBusyObservation(
  overrides: Partial<IntervalObservation> = {},
): IntervalObservation {
  return {
    numReq: 600,
    islTokens: 1000,
    oslTokens: 100,
    ttftS: 0.1,
    itlS: 0.01,
    requestDurationS: 2,
    numPrefillWorkers: 1,
    numDecodeWorkers: 2,
    ...overrides,
  };
}
