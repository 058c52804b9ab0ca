import type { LoadedScenario } from "../scenario/loadScenario.ts";

/**
 * The scenario with its trace replayed at `factor` times the recorded rate: the same duration,
 * hence the same planner intervals, with `factor` copies of every request (`trace.replicate`,
 * in place of the scenario's own replication). The planner's GPU budget and the fleet's GPU
 * limit are multiplied by `factor`: far more than the traffic needs, on purpose, since a budget
 * that binds would measure the cap rather than the planner serving the load.
 */
export function rateScaledScenario(loaded: LoadedScenario, factor: number): LoadedScenario {
  const { scenario } = loaded;
  return {
    ...loaded,
    scenario: {
      ...scenario,
      name: `${scenario.name} ×${factor}`,
      trace: { ...scenario.trace, replicate: factor },
      planner: { ...scenario.planner, maxGpuBudget: scenario.planner.maxGpuBudget * factor },
      fleet: { ...scenario.fleet, gpuLimit: scenario.fleet.gpuLimit * factor },
    },
  };
}

/** Requests per second of the steady load `lengthScaledScenario` replays. */
export const STEADY_RATE_PER_S = 60;

/**
 * The scenario with its trace replaced by a seeded Poisson load of STEADY_RATE_PER_S requests
 * per second (the default request shapes) lasting `hours`: the same traffic for longer, to show
 * that memory does not grow with the length of a trace.
 */
export function lengthScaledScenario(loaded: LoadedScenario, hours: number): LoadedScenario {
  const { scenario } = loaded;
  return {
    ...loaded,
    traceFile: undefined,
    scenario: {
      ...scenario,
      name: `poisson ${STEADY_RATE_PER_S}/s × ${hours} h`,
      trace: {
        kind: "generated",
        generator: "poisson",
        options: { ratePerS: STEADY_RATE_PER_S, durationS: hours * 3600 },
        speedUp: 1,
        replicate: 1,
        durationS: Infinity,
      },
      planner: { ...scenario.planner, maxGpuBudget: 16 },
      fleet: { ...scenario.fleet, gpuLimit: 16 },
    },
  };
}
