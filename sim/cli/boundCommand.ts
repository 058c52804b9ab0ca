import { wholeNumberOption } from "./numberOptions.ts";
import { relative } from "node:path";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { hindsightLowerBound, type HindsightBound } from "../capacity/hindsightBound.ts";
import type { StaticFleetRun } from "../capacity/staticFleetSearch.ts";
import {
  DEFAULT_ATTAINMENT_GOAL,
  staticSizing,
  type StaticSizing,
} from "../capacity/staticSizing.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { summarize } from "../report/simulationReport.ts";
import { loadScenario, openRequests, readWarmUp } from "../scenario/loadScenario.ts";
import { scenarioSettings, type Scenario } from "../scenario/scenario.ts";
import type { TraceRequest } from "../traces/traceRequest.ts";
import { parseGoal } from "./goalOption.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { UsageError } from "./usageError.ts";
import { withContext } from "./withContext.ts";

const USAGE = `Usage: slaplan bound SCENARIO.json [options]

Puts the scenario's planner beside the two yardsticks of capacity planning, on the same trace:
  hindsight bound  the fewest GPU-hours of a replica schedule that, in every adjustment
                   interval, has the profile's throughput for the requests that actually arrive
                   in it, each new replica paying the start-up delay (an oracle's schedule:
                   no prediction, no queueing headroom)
  static fleet     the smallest fixed prefill and decode fleet whose simulated run meets the
                   attainment goal (a run per candidate fleet, nothing scaling)
  planner          the scenario's own run, as 'slaplan sim' makes it
and prints each one's SLA attainment, GPU-hours and ratio to the bound.

Options:
  --goal G       attainment a fleet must reach, a share from 0 to 1 (default ${DEFAULT_ATTAINMENT_GOAL})
  --max-gpus N   largest static fleet tried, in GPUs (default: twice the scenario's GPU budget,
                 since a fixed fleet holds its peak all along)
  --quiet        print only the comparison, not each fleet tried
  -h, --help     show this help`;

/** `slaplan bound`: the hindsight bound, the static fleet and the planner; the exit status. */
export async function runBoundCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      goal: { type: "string" },
      "max-gpus": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    "bound",
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`expected one scenario file, got ${positionals.length}`, "bound");
  }
  const goal = parseGoal(values.goal, "bound");

  // Load everything that can be checked before the runs.
  const scenarioFile = positionals[0];
  const shownFile = relative(process.cwd(), scenarioFile) || scenarioFile;
  const loaded = await loadScenario(scenarioFile);
  const { scenario } = loaded;
  const maxGpus = wholeNumberOption(
    values["max-gpus"],
    "--max-gpus",
    scenario.planner.maxGpuBudget * 2,
    "bound",
  );
  const profile = await withContext(`${shownFile}: profile`, () =>
    readProfileDir(loaded.profileDir),
  );
  const model = new PerformanceModel(profile);
  const warmUp = await withContext(`${shownFile}: planner.loadPredictorWarmupTrace`, () =>
    readWarmUp(loaded),
  );
  // The trace is read once and replayed from memory by every run.
  const requests = await withContext(`reading the trace of ${shownFile}`, () =>
    collectRequests(openRequests(loaded)),
  );
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`slaplan bound: ${scenario.name} (${shownFile})`);

  // The bound, then the static fleet, then the planner's own run.
  const bound = await withContext(`bounding ${shownFile}`, () =>
    hindsightLowerBound(scenario, model, requests),
  );
  // Requests no fleet can serve in time (too long for the model) would put any goal above the
  // rest out of reach; the static fleet must meet the goal on the requests a fleet can serve.
  const servable = 1 - bound.unservableRequests / Math.max(1, bound.requests);
  const fleetGoal = goal * servable;
  out(
    servable < 1
      ? `  goal ${percent(goal)} of the ${percent(servable)} of requests any fleet serves ` +
          `within the targets (${percent(fleetGoal)} of all); static fleets up to ${maxGpus} GPUs`
      : `  goal ${percent(goal)} of requests meeting both targets; static fleets up to ${maxGpus} GPUs`,
  );
  out("");
  const sizing = await withContext(`sizing a static fleet for ${shownFile}`, () =>
    staticSizing(
      scenario,
      model,
      () => requests,
      { goal: fleetGoal, maxGpus },
      (run) => {
        if (!values.quiet) out(`  static ${fleetName(run)}: ${describeRun(run)}`);
      },
    ),
  );
  const planned = await withContext(`running scenario ${shownFile}`, () =>
    runSimulation({ ...scenarioSettings(scenario), model, requests, warmUpIntervals: warmUp }),
  );
  const plannerRun = {
    attainment: summarize(scenario, planned).slaAttainment,
    gpuHours: planned.gpuHours,
  };

  if (!values.quiet) out("");
  for (const line of comparisonLines(scenario, bound, sizing, plannerRun)) out(line);
  return 0;
}

/** The side-by-side table and the notes under it. */
function comparisonLines(
  scenario: Scenario,
  bound: HindsightBound,
  sizing: StaticSizing,
  planner: { attainment: number; gpuHours: number },
): string[] {
  const ratio = (gpuHours: number) =>
    bound.gpuHours > 0 ? `${(gpuHours / bound.gpuHours).toFixed(2)}` : "n/a";
  const row = (label: string, attainment: string, gpuHours: number) => {
    const figures = attainment.padStart(10) + gpuHours.toFixed(2).padStart(11);
    return `  ${label.padEnd(28)}${figures}${ratio(gpuHours).padStart(9)}`;
  };
  const fleet = sizing.fleet;
  const staticRow =
    fleet === null
      ? `  static fleet: none within ${sizing.maxGpus} GPUs meets the goal`
      : row(`static fleet ${fleetName(fleet)}`, percent(fleet.attainment), fleet.gpuHours);
  const lines = [
    `  ${"".padEnd(28)}${"attainment".padStart(10)}${"GPU-hours".padStart(11)}${"× bound".padStart(9)}`,
    row("hindsight bound", "—", bound.gpuHours),
    staticRow,
    row(`planner (${scenario.planner.mode})`, percent(planner.attainment), planner.gpuHours),
    "",
    `  bound: ${bound.slots.length} slots of ${bound.slotS} s, peak ${bound.peakPrefill} ` +
      `prefill and ${bound.peakDecode} decode replicas, ${bound.startupDelayS} s start-up`,
    `         ${count(bound.unservableRequests)} of ${count(bound.requests)} ` +
      `requests left out: no fleet serves them within the targets`,
    `  static fleet: ${sizing.runs.length} fleets run, up to ${sizing.maxGpus} GPUs`,
  ];
  if (fleet === null && sizing.bestFound !== null) {
    const best = sizing.bestFound;
    lines.push(`  best found: ${fleetName(best)}, ${describeRun(best)}`);
  }
  return lines;
}

function fleetName(run: StaticFleetRun): string {
  return `${run.prefill}P ${run.decode}D`;
}

function describeRun(run: StaticFleetRun): string {
  return `${percent(run.attainment)} attained, ${run.gpuHours.toFixed(2)} GPU-hours (${run.gpus} GPUs)`;
}

async function collectRequests(
  stream: Iterable<TraceRequest> | AsyncIterable<TraceRequest>,
): Promise<TraceRequest[]> {
  const requests: TraceRequest[] = [];
  for await (const request of stream) requests.push(request);
  return requests;
}

function percent(share: number): string {
  return Number.isNaN(share) ? "n/a" : `${(share * 100).toFixed(1)} %`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
