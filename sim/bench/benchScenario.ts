/**
 * Runs one scenario without printing the planner's log and writes one JSON line of figures
 * (`BenchFigures`). Run in a fresh process per scenario (see runBenchmarks.ts) so peak memory
 * belongs to that run alone.
 *
 *   node --import tsx sim/bench/benchScenario.ts SCENARIO.json [--rate K | --hours H]
 *
 * `--rate K` replays the scenario's trace at K times its recorded rate; `--hours H` replaces it
 * with a steady Poisson load lasting H hours (rateScaledScenario.ts).
 */
import { parseArgs } from "node:util";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { loadScenario, openRequests, readWarmUp } from "../scenario/loadScenario.ts";
import { scenarioSettings } from "../scenario/scenario.ts";
import type { BenchFigures } from "./benchFigures.ts";
import { lengthScaledScenario, rateScaledScenario } from "./rateScaledScenario.ts";

const { values, positionals } = parseArgs({
  options: { rate: { type: "string" }, hours: { type: "string" } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  throw new Error(`benchScenario: expected one scenario file, got ${positionals.length}`);
}
const rate = values.rate === undefined ? undefined : Number(values.rate);
if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= 1000)) {
  throw new Error(
    `benchScenario: --rate must be a whole number from 1 to 1000, got ${values.rate}`,
  );
}

// Load everything the run needs before the clock starts.
const asWritten = await loadScenario(positionals[0]);
const hours = values.hours === undefined ? undefined : Number(values.hours);
if (hours !== undefined && !(hours > 0 && hours <= 8760)) {
  throw new Error(
    `benchScenario: --hours must be a number of hours up to a year, got ${values.hours}`,
  );
}
const loaded =
  rate !== undefined
    ? rateScaledScenario(asWritten, rate)
    : hours !== undefined
      ? lengthScaledScenario(asWritten, hours)
      : asWritten;
const { scenario } = loaded;
const model = new PerformanceModel(await readProfileDir(loaded.profileDir));
const warmUpIntervals = await readWarmUp(loaded);

// The run is synchronous between arrivals, so a timer would rarely fire: the heap is sampled
// at every planner interval instead, and once more at the end while the results are still held.
// Typed arrays live outside the V8 heap, so external memory is counted with it.
let peakHeapUsedBytes = 0;
const sampleHeap = () => {
  const { heapUsed, external } = process.memoryUsage();
  peakHeapUsedBytes = Math.max(peakHeapUsedBytes, heapUsed + external);
};
const startedAt = performance.now();
const cpuAtStart = process.cpuUsage();
const result = await runSimulation({
  ...scenarioSettings(scenario),
  model,
  requests: openRequests(loaded),
  warmUpIntervals,
  onProgress: sampleHeap,
});
const wallS = (performance.now() - startedAt) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
sampleHeap();

const { statistics } = result;
const figures: BenchFigures = {
  scenario: scenario.name,
  requests: statistics.arrived,
  simulatedS: result.endS,
  wallS,
  cpuS: (cpu.user + cpu.system) / 1e6,
  requestsPerWallS: statistics.arrived / wallS,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  peakHeapUsedMiB: peakHeapUsedBytes / 2 ** 20,
  peakGpus: Math.max(0, ...result.intervals.map((interval) => interval.gpusInUse)),
  maxGpuBudget: scenario.planner.maxGpuBudget,
  slaAttainment: statistics.completed === 0 ? null : statistics.metSla / statistics.completed,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
