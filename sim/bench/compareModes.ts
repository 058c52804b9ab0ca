/**
 * `npm run compare`: every bundled scenario under each planner mode, and the improved mode with
 * each of its improvements switched off in turn, as Markdown tables of SLA attainment and
 * GPU-hours. The evidence the README quotes; rerun it after changing the planner.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PlannerConfig, PlannerMode } from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { summarize, type RunSummary } from "../report/simulationReport.ts";
import {
  loadScenario,
  openRequests,
  readWarmUp,
  type LoadedScenario,
} from "../scenario/loadScenario.ts";
import { scenarioSettings } from "../scenario/scenario.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The improvements, each as the settings that switch it off. */
const ABLATIONS: readonly { name: string; off: Partial<PlannerConfig> }[] = [
  { name: "no idle scale-down", off: { idleScaleDownAfterIntervals: 0 } },
  { name: "missing metrics read as 0", off: { holdOnMissingMetrics: false } },
  { name: "no queueing-aware prefill", off: { queueingAwarePrefill: false } },
  {
    name: "no cold-start handling",
    off: { freezeCorrectionWhileStarting: false, countStartingReplicas: false },
  },
  {
    name: "no scale-down guard",
    off: { scaleDownStabilizationS: 0, consolidationUtilization: 1 },
  },
  { name: "no latency headroom", off: { latencyHeadroom: 1 } },
];

const MODES: readonly PlannerMode[] = ["dynamo-0.4", "dynamo-current", "improved"];

async function run(loaded: LoadedScenario, planner: PlannerConfig): Promise<RunSummary> {
  const scenario = { ...loaded.scenario, planner };
  const model = new PerformanceModel(await readProfileDir(loaded.profileDir));
  const result = await runSimulation({
    ...scenarioSettings(scenario),
    model,
    requests: openRequests({ ...loaded, scenario }),
    warmUpIntervals: await readWarmUp({ ...loaded, scenario }),
  });
  return summarize(scenario, result);
}

/**
 * A scenario's planner settings in another mode, keeping its targets and predictor. Parsing
 * fills every improvement's default whatever the mode, so switching to `improved` turns them on.
 */
function inMode(base: PlannerConfig, mode: PlannerMode): PlannerConfig {
  return { ...base, mode };
}

function cell(summary: RunSummary): string {
  const attained = (summary.slaAttainment * 100).toFixed(1);
  const unfinished =
    summary.requests.unfinished > 0 ? `, ${summary.requests.unfinished} unfinished` : "";
  return `${attained} % / ${summary.gpuHours.toFixed(2)}${unfinished}`;
}

const USAGE = `Usage: npm run compare

Runs every bundled scenario (scenarios/*.json) under each planner mode (dynamo-0.4,
dynamo-current, improved), then the improved mode with each improvement switched off, and
prints Markdown tables of SLA attainment / GPU-hours. Takes no options; about a minute.`;

const args = process.argv.slice(2);
if (args.length > 0) {
  const asked = args.includes("--help") || args.includes("-h");
  (asked ? process.stdout : process.stderr).write(
    asked ? `${USAGE}\n` : `npm run compare: takes no options, got ${args.join(" ")}\n\n${USAGE}\n`,
  );
  process.exit(asked ? 0 : 2);
}

const files = readdirSync(join(root, "scenarios"))
  .filter((name) => name.endsWith(".json"))
  .sort();
const loadedAll = await Promise.all(files.map((f) => loadScenario(join(root, "scenarios", f))));

console.log(
  "SLA attainment / GPU-hours by planner mode (each scenario's own targets and predictor)\n",
);
console.log(`| scenario | ${MODES.join(" | ")} |`);
console.log(`| --- | ${MODES.map(() => "---").join(" | ")} |`);
for (const loaded of loadedAll) {
  const cells: string[] = [];
  for (const mode of MODES)
    cells.push(cell(await run(loaded, inMode(loaded.scenario.planner, mode))));
  console.log(`| ${loaded.scenario.name} | ${cells.join(" | ")} |`);
}

console.log("\nThe improved mode with one improvement switched off at a time\n");
console.log(`| scenario | all on | ${ABLATIONS.map((a) => a.name).join(" | ")} |`);
console.log(`| --- | --- | ${ABLATIONS.map(() => "---").join(" | ")} |`);
for (const loaded of loadedAll) {
  const improved = inMode(loaded.scenario.planner, "improved");
  const cells = [cell(await run(loaded, improved))];
  for (const ablation of ABLATIONS)
    cells.push(cell(await run(loaded, { ...improved, ...ablation.off })));
  console.log(`| ${loaded.scenario.name} | ${cells.join(" | ")} |`);
}
