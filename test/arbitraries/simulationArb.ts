// Arbitraries for whole simulated runs: short request traces and the planner and fleet
// settings to replay them with, small enough that a run takes milliseconds.
import fc from "fast-check";
import { DEFAULT_PLANNER_CONFIG, type PlannerConfig } from "../../src/planner/index.ts";
import type { FleetOptions } from "../../sim/engine/fleet.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";

/**
 * One to a few dozen requests in arrival order over the first minute: ISL 1..2,000 tokens, OSL
 * 0..50. Arrivals fall on tenths of a second, so several often share an instant.
 */
export const smallTraceArb: fc.Arbitrary<TraceRequest[]> = fc
  .array(
    fc.record({
      arrivalS: fc.integer({ min: 0, max: 600 }).map((tenths) => tenths / 10),
      islTokens: fc.integer({ min: 1, max: 2000 }),
      oslTokens: fc.integer({ min: 0, max: 50 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((requests) => [...requests].sort((a, b) => a.arrivalS - b.arrivalS));

/** 1 to 3 replicas mostly; sometimes none, which leaves requests waiting to the drain limit. */
const initialReplicasArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 10 },
);

/** The planner and fleet of one run; the fleet's GPU limit is the planner's GPU budget. */
export interface SimulationSettings {
  readonly planner: PlannerConfig;
  readonly fleet: FleetOptions;
  readonly drainLimitS: number;
}

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
    drainLimitS: s.drainLimitS,
  }));
