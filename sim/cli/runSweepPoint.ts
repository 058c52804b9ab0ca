import { performance } from "node:perf_hooks";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { summarize } from "../report/simulationReport.ts";
import { openRequests, readWarmUp, scenarioFromJson } from "../scenario/loadScenario.ts";
import { scenarioSettings } from "../scenario/scenario.ts";
import { pointResult, type PointResult } from "../sweep/pointResult.ts";
import { describeParameters, type PointJob } from "./loadSweep.ts";
import { withContext } from "./withContext.ts";

/** Performance models by profile folder: a worker reads each profile once, not per point. */
const models = new Map<string, Promise<PerformanceModel>>();

/** Runs one point of a sweep as `slaplan sim` runs a scenario, without its log or report. */
export async function runSweepPoint(job: PointJob): Promise<PointResult> {
  const { point } = job;
  const seed = point.seed === null ? "" : `, seed ${point.seed}`;
  const context = `point ${point.index} (${describeParameters(point.parameters)}${seed})`;
  return withContext(context, async () => {
    const startedAtMs = performance.now();
    const loaded = scenarioFromJson(job.scenarioJson, job.scenarioFile);
    const { scenario } = loaded;
    const result = await runSimulation({
      ...scenarioSettings(scenario),
      model: await modelFor(loaded.profileDir),
      requests: openRequests(loaded),
      warmUpIntervals: await readWarmUp(loaded),
    });
    const wallS = (performance.now() - startedAtMs) / 1000;
    return pointResult(point, scenario.seed, summarize(scenario, result), wallS);
  });
}

function modelFor(profileDir: string): Promise<PerformanceModel> {
  let model = models.get(profileDir);
  if (model === undefined) {
    model = readProfileDir(profileDir).then((profile) => new PerformanceModel(profile));
    // A failed read is not kept: the error goes to this point alone.
    model.catch(() => models.delete(profileDir));
    models.set(profileDir, model);
  }
  return model;
}
