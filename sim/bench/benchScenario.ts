/**
 * Runs one scenario without printing the planner's log and writes one JSON line of figures:
 * wall time, simulated requests per wall-second and the process's peak resident memory. Run in
 * a fresh process per scenario (see runBenchmarks.ts) so peak memory belongs to that run alone.
 */
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { loadScenario, openRequests, readWarmUp } from "../scenario/loadScenario.ts";

const file = process.argv[2];
const loaded = await loadScenario(file);
const model = new PerformanceModel(await readProfileDir(loaded.profileDir));
const startedAt = performance.now();
const result = await runSimulation({
  model,
  planner: loaded.scenario.planner,
  fleet: loaded.scenario.fleet,
  requests: openRequests(loaded),
  drainLimitS: loaded.scenario.drainLimitS,
  metricsOutages: loaded.scenario.metricsOutages,
  runUntilS: loaded.scenario.runAtLeastS,
  scrape: loaded.scenario.scrape ?? undefined,
  warmUpIntervals: await readWarmUp(loaded),
  deploymentName: loaded.scenario.name,
});
const wallS = (performance.now() - startedAt) / 1000;
const requests = result.statistics.arrived;
process.stdout.write(
  `${JSON.stringify({
    scenario: loaded.scenario.name,
    requests,
    simulatedS: result.endS,
    wallS,
    requestsPerWallS: requests / wallS,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
