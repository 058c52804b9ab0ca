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
