import type { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { summarize } from "../report/simulationReport.ts";
import { scenarioSettings, type Scenario } from "../scenario/scenario.ts";
import type { TraceStream } from "../traces/traceTransform.ts";
import {
  searchStaticFleet,
  type StaticFleetRun,
  type StaticFleetSearch,
} from "./staticFleetSearch.ts";

/** The default attainment goal: 99 % of judged requests meet both targets. */
export const DEFAULT_ATTAINMENT_GOAL = 0.99;

/** What static sizing searches for and how far. */
export interface StaticSizingOptions {
  /** Attainment a fleet must reach, 0..1. */
  readonly goal: number;
  /** Largest fleet tried, in GPUs. */
  readonly maxGpus: number;
}

/** The search's outcome, with the goal and limit it had. */
export interface StaticSizing extends StaticFleetSearch {
  readonly goal: number;
  readonly maxGpus: number;
}

/**
 * The smallest fixed prefill and decode fleet that meets the attainment goal on the scenario's
 * trace: each candidate is a simulated run from that initial fleet with `fixedFleet` (the
 * planner observes and records, nothing scales), with everything else as the scenario sets it.
 * `openRequests` gives the trace afresh for each run; `onRun` hears of each run as it ends. A few
 * dozen runs at most (see `searchStaticFleet`).
 */
export async function staticSizing(
  scenario: Scenario,
  model: PerformanceModel,
  openRequests: () => TraceStream,
  options: StaticSizingOptions,
  onRun?: (run: StaticFleetRun) => void,
): Promise<StaticSizing> {
  const { planner } = scenario;
  const evaluate = async (prefill: number, decode: number) => {
    const run = await runStaticFleet(scenario, model, openRequests(), prefill, decode);
    onRun?.(run);
    return run;
  };
  const search = await searchStaticFleet(evaluate, {
    goal: options.goal,
    maxGpus: options.maxGpus,
    minReplicas: planner.minEndpoint,
    prefillEngineNumGpu: planner.prefillEngineNumGpu,
    decodeEngineNumGpu: planner.decodeEngineNumGpu,
  });
  return { ...search, goal: options.goal, maxGpus: options.maxGpus };
}

/** One run of the scenario with `prefill` and `decode` replicas held from start to end. */
export async function runStaticFleet(
  scenario: Scenario,
  model: PerformanceModel,
  requests: TraceStream,
  prefill: number,
  decode: number,
): Promise<StaticFleetRun> {
  const settings = scenarioSettings(scenario);
  const gpus =
    prefill * settings.fleet.prefillEngineNumGpu + decode * settings.fleet.decodeEngineNumGpu;
  const result = await runSimulation({
    ...settings,
    // The cluster is assumed to have the GPUs the candidate asks for.
    fleet: {
      ...settings.fleet,
      initialPrefill: prefill,
      initialDecode: decode,
      gpuLimit: Math.max(settings.fleet.gpuLimit, gpus),
    },
    model,
    requests,
    fixedFleet: true,
  });
  const attainment = summarize(scenario, result).slaAttainment;
  return { prefill, decode, gpus, gpuHours: result.gpuHours, attainment };
}
