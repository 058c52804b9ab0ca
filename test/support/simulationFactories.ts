import { emptyEngineCounters } from "../../sim/engine/fleetSimulator.ts";
import { PROFILE_ONLY_ENGINE, type EngineOptions } from "../../sim/engine/engineOptions.ts";
// Builders for simulator fixtures: a planner that never acts, a fleet, a scenario, and a run of
// a request list through runSimulation, so each test shows only the settings it is about.
import {
  DEFAULT_PLANNER_CONFIG,
  type PlannerConfig,
  type PlannerLogLine,
} from "../../src/planner/index.ts";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";
import type { FleetOptions, RoleCounts } from "../../sim/engine/fleet.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import {
  runSimulation,
  type IntervalRecord,
  type SimulationResult,
} from "../../sim/engine/runSimulation.ts";
import { RunStatistics } from "../../sim/engine/runStatistics.ts";
import type { Scenario } from "../../sim/scenario/scenario.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { makeFlatProfile } from "./makeEngineProfile.ts";

/**
 * A planner with Dynamo v0.4's rules whose first adjustment interval ends after any test run
 * is over, so the fleet keeps its initial replicas.
 */
export function makeIdlePlanner(overrides: Partial<PlannerConfig> = {}): PlannerConfig {
  return { ...DEFAULT_PLANNER_CONFIG, mode: "dynamo-0.4", adjustmentIntervalS: 1e9, ...overrides };
}

/** One prefill and one decode replica of one GPU each, 30 s to start, 8 GPUs in all. */
export function makeFleetOptions(overrides: Partial<FleetOptions> = {}): FleetOptions {
  return {
    initialPrefill: 1,
    initialDecode: 1,
    prefillEngineNumGpu: 1,
    decodeEngineNumGpu: 1,
    startupDelayS: 30,
    gpuLimit: 8,
    ...overrides,
  };
}

/** A request arriving at 0 s with ISL 100 and OSL 3. */
export function makeRequest(overrides: Partial<TraceRequest> = {}): TraceRequest {
  return { arrivalS: 0, islTokens: 100, oslTokens: 3, ...overrides };
}

/** Everything a simulated run takes, with the flat profile and an idle planner by default. */
export interface RunOptions {
  readonly profile?: EngineProfile;
  readonly model?: PerformanceModel;
  readonly planner?: PlannerConfig;
  readonly fleet?: FleetOptions;
  readonly drainLimitS?: number;
  readonly runUntilS?: number;
  readonly metricsOutages?: readonly { startS: number; endS: number }[];
  readonly scrape?: { intervalS: number; offsetS: number };
  readonly engine?: EngineOptions;
}

/** A run's result with every planner log line it wrote, stamped with its simulated time. */
export interface LoggedRun {
  readonly result: SimulationResult;
  readonly log: readonly { readonly atS: number; readonly line: PlannerLogLine }[];
}

/** Replays `requests` through runSimulation. */
export async function simulate(
  requests: Iterable<TraceRequest> | AsyncIterable<TraceRequest>,
  options: RunOptions = {},
): Promise<LoggedRun> {
  const log: { atS: number; line: PlannerLogLine }[] = [];
  const result = await runSimulation({
    model: options.model ?? new PerformanceModel(options.profile ?? makeFlatProfile()),
    planner: options.planner ?? makeIdlePlanner(),
    fleet: options.fleet ?? makeFleetOptions(),
    requests,
    drainLimitS: options.drainLimitS ?? 3600,
    runUntilS: options.runUntilS,
    metricsOutages: options.metricsOutages,
    scrape: options.scrape,
    engine: options.engine,
    deploymentName: "test-deployment",
    onLog: (atS, line) => log.push({ atS, line }),
  });
  return { result, log };
}

/** A scenario for the report builders; its fleet and planner should match the run's. */
export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: "test-scenario",
    description: "",
    profile: "profiles/synthetic",
    trace: {
      kind: "file",
      path: "t.jsonl",
      format: undefined,
      speedUp: 1,
      replicate: 1,
      durationS: Infinity,
    },
    planner: makeIdlePlanner(),
    fleet: makeFleetOptions(),
    engine: PROFILE_ONLY_ENGINE,
    metricsOutages: [],
    runAtLeastS: 0,
    scrape: null,
    seed: 1,
    drainLimitS: 3600,
    ...overrides,
  };
}

/** Replica counts of one role: `ready` serving and nothing else, unless overridden. */
export function makeRoleCounts(overrides: Partial<RoleCounts> = {}): RoleCounts {
  return { pending: 0, starting: 0, ready: 1, draining: 0, ...overrides };
}

/** An interval record of a quiet 60-s window in which the planner held 1 + 1 replicas. */
export function makeIntervalRecord(overrides: Partial<IntervalRecord> = {}): IntervalRecord {
  const index = overrides.index ?? 0;
  return {
    index,
    startS: index * 60,
    endS: (index + 1) * 60,
    decision: {
      intervalIndex: index,
      outcome: "skipped",
      reason: "no traffic",
      correction: null,
      predicted: null,
      replicas: null,
      sizing: null,
      clamps: [],
      target: null,
    },
    observed: {
      numReq: 0,
      islTokens: NaN,
      oslTokens: NaN,
      ttftS: NaN,
      itlS: NaN,
      requestDurationS: NaN,
      numPrefillWorkers: 1,
      numDecodeWorkers: 1,
    },
    action: "held",
    latencies: {
      completed: 0,
      slaAttainment: NaN,
      ttftP50S: NaN,
      ttftP90S: NaN,
      ttftP99S: NaN,
      itlP50S: NaN,
      itlP90S: NaN,
      itlP99S: NaN,
    },
    prefillAfter: makeRoleCounts(),
    decodeAfter: makeRoleCounts(),
    gpusInUse: 2,
    gpuHoursSoFar: 0,
    ...overrides,
  };
}

/** A run's result built by hand: no intervals and no requests unless given. */
export function makeSimulationResult(overrides: Partial<SimulationResult> = {}): SimulationResult {
  return {
    intervals: [],
    statistics: new RunStatistics(0.5, 0.05),
    engine: emptyEngineCounters(),
    unfinished: 0,
    endS: 3600,
    gpuHours: 2,
    ...overrides,
  };
}
