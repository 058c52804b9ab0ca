// Arbitraries for whole simulated runs: short request traces and the planner and fleet
// settings to replay them with, small enough that a run takes milliseconds.
import fc from "fast-check";
import { DEFAULT_PLANNER_CONFIG, type PlannerConfig } from "../../src/planner/index.ts";
import {
  PROFILE_ONLY_ENGINE,
  ROUTING_POLICIES,
  type EngineOptions,
} from "../../sim/engine/engineOptions.ts";
import type { FleetOptions } from "../../sim/engine/fleet.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

/**
 * One to a few dozen requests in arrival order over the first minute: ISL 1..2,000 tokens, OSL
 * 0..50, some with prompt block ids. Arrivals fall on tenths of a second, so several often share
 * an instant.
 */
export const smallTraceArb: fc.Arbitrary<TraceRequest[]> = fc
  .array(
    fc.record({
      arrivalS: fc.integer({ min: 0, max: 600 }).map((tenths) => tenths / 10),
      islTokens: fc.integer({ min: 1, max: 2000 }),
      oslTokens: fc.integer({ min: 0, max: 50 }),
      // Prompt blocks from a small alphabet, so that prefix caches hit now and then.
      hashIds: fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }), {
        nil: undefined,
      }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((requests) => [...requests].sort((a, b) => a.arrivalS - b.arrivalS));

/** 1 to 3 replicas mostly; sometimes none, which leaves requests waiting to the drain limit. */
const initialReplicasArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 10 },
);

/** The planner, fleet and engines of one run; the fleet's GPU limit is the planner's budget. */
export interface SimulationSettings {
  readonly planner: PlannerConfig;
  readonly fleet: FleetOptions;
  readonly engine: EngineOptions;
  readonly drainLimitS: number;
}

const routingArb = fc.constantFrom(...ROUTING_POLICIES);

/**
 * Any mix of the engine models: a context limit or the profile's, paged or reserved KV in blocks of 1 to 64 tokens with 0 to 3
 * preemptions allowed, prefix caches of 1 to 20 blocks of 16 to 512 tokens, every routing
 * policy, single or chunked prefill (budgets of 64 to 4,096 tokens), a KV transfer or none,
 * failures every 5 to 200 s or none, and up to half of the requests not streamed.
 */
export const engineOptionsArb: fc.Arbitrary<EngineOptions> = fc.record({
  maxContextTokens: fc.option(fc.integer({ min: 100, max: 4000 })),
  kvCache: fc.record({
    mode: fc.constantFrom("paged" as const, "reserve" as const),
    blockSize: fc.integer({ min: 1, max: 64 }),
    maxPreemptions: fc.integer({ min: 0, max: 3 }),
  }),
  prefixCache: fc.record({
    enabled: fc.boolean(),
    blockTokens: fc.integer({ min: 16, max: 512 }),
    capacityBlocks: fc.option(fc.integer({ min: 1, max: 20 })),
  }),
  routing: fc.record({ prefill: routingArb, decode: routingArb }),
  prefillBatching: fc.record({
    mode: fc.constantFrom("single" as const, "chunked" as const),
    tokenBudget: fc.integer({ min: 64, max: 4096 }),
  }),
  kvTransfer: fc.option(
    fc.record({
      bytesPerToken: fc.integer({ min: 1, max: 200_000 }),
      bandwidthBytesPerS: fc.constantFrom(1e8, 1e10, 5e10),
      latencyS: fc.constantFrom(0, 2e-5, 0.01),
      sharing: fc.constantFrom("per-prefill-replica" as const, "cluster" as const),
    }),
  ),
  failures: fc.option(
    fc.record({
      meanTimeBetweenFailuresS: fc.integer({ min: 5, max: 200 }),
      migrationLimit: fc.integer({ min: 0, max: 3 }),
    }),
  ),
  nonStreamingShare: fc.constantFrom(0, 0, 0.1, 0.5),
  seed: fc.integer({ min: 0, max: 1000 }),
});

/**
 * Settings that make the planner act often (an interval of 1 to 20 s) on a small fleet:
 * budgets of 2 to 8 GPUs, engines of 1 or 2 GPUs, 0 to 3 initial replicas of each role (those
 * that fit the budget), start-up delays up to 30 s and a drain limit of 5 to 120 s, short
 * enough that some runs end with requests unfinished.
 */
export const simulationSettingsArb: fc.Arbitrary<SimulationSettings> = fc
  .record({
    adjustmentIntervalS: fc.integer({ min: 1, max: 20 }),
    maxGpuBudget: fc.integer({ min: 2, max: 8 }),
    minEndpoint: fc.integer({ min: 0, max: 2 }),
    prefillEngineNumGpu: fc.integer({ min: 1, max: 2 }),
    decodeEngineNumGpu: fc.integer({ min: 1, max: 2 }),
    noCorrection: fc.boolean(),
    initialPrefill: initialReplicasArb,
    initialDecode: initialReplicasArb,
    startupDelayS: fc.integer({ min: 0, max: 30 }),
    drainLimitS: fc.integer({ min: 5, max: 120 }),
    engine: fc.oneof(fc.constant(PROFILE_ONLY_ENGINE), engineOptionsArb),
  })
  .filter(
    (s) =>
      s.initialPrefill * s.prefillEngineNumGpu + s.initialDecode * s.decodeEngineNumGpu <=
      s.maxGpuBudget,
  )
  .map((s) => ({
    planner: {
      ...DEFAULT_PLANNER_CONFIG,
      adjustmentIntervalS: s.adjustmentIntervalS,
      maxGpuBudget: s.maxGpuBudget,
      minEndpoint: s.minEndpoint,
      prefillEngineNumGpu: s.prefillEngineNumGpu,
      decodeEngineNumGpu: s.decodeEngineNumGpu,
      noCorrection: s.noCorrection,
    },
    fleet: {
      initialPrefill: s.initialPrefill,
      initialDecode: s.initialDecode,
      prefillEngineNumGpu: s.prefillEngineNumGpu,
      decodeEngineNumGpu: s.decodeEngineNumGpu,
      startupDelayS: s.startupDelayS,
      gpuLimit: s.maxGpuBudget,
    },
    engine: s.engine,
    drainLimitS: s.drainLimitS,
  }));
