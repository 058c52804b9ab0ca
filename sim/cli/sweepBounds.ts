/**
 * The hindsight lower bound of each parameter combination of a sweep (a combination may change
 * the trace, the targets, the minimums or the start-up delay, and so its bound), for showing
 * every result as a multiple of it. Each distinct scenario is bounded once; a profile is read
 * once per folder.
 */
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { hindsightLowerBound } from "../capacity/hindsightBound.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { openRequests, scenarioFromJson } from "../scenario/loadScenario.ts";
import type { ParameterValue } from "../sweep/sweepDefinition.ts";
import { combinationKey, type ParameterCombination } from "../sweep/sweepPoints.ts";
import { withParameters } from "../sweep/withParameters.ts";
import type { LoadedSweep } from "./loadSweep.ts";

/** GPU-hours of the bound by combination key (combinationKey of its parameters). */
export async function sweepBounds(
  sweep: LoadedSweep,
  combinations: readonly ParameterCombination[],
): Promise<Map<string, number>> {
  const models = new Map<string, Promise<PerformanceModel>>();
  const bounds = new Map<string, number>();
  const byScenario = new Map<string, number>();
  for (const parameters of combinations) {
    const key = combinationKey(parameters);
    if (bounds.has(key)) continue;
    // Bounded at the scenario's own seed: a seed changes only a generated load's draws.
    const fields: [string, ParameterValue][] = [
      ...sweep.definition.set,
      ...Object.entries(parameters),
    ];
    const json = withParameters(sweep.scenarioJson, fields);
    const text = JSON.stringify(json);
    let gpuHours = byScenario.get(text);
    if (gpuHours === undefined) {
      const loaded = scenarioFromJson(json, sweep.scenarioFile);
      let model = models.get(loaded.profileDir);
      if (model === undefined) {
        model = readProfileDir(loaded.profileDir).then((p) => new PerformanceModel(p));
        models.set(loaded.profileDir, model);
      }
      const bound = await hindsightLowerBound(loaded.scenario, await model, openRequests(loaded));
      gpuHours = bound.gpuHours;
      byScenario.set(text, gpuHours);
    }
    bounds.set(key, gpuHours);
  }
  return bounds;
}
