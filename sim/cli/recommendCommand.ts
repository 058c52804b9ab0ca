/**
 * `slaplan recommend SCENARIO.json`: what to deploy for the scenario's trace, profile and
 * targets. It simulates a grid of improved-planner configurations (the settings that trade GPUs
 * for attainment: how bursty arrivals are taken to be, the latency headroom, the minimum
 * replicas, the predictor) with a budget that does not bind, picks the cheapest meeting the
 * attainment goal, sizes its GPU budget from its peak, checks that budget with one more run, and
 * prints the figures beside the hindsight bound and Dynamo's own configuration, then the planner
 * and DynamoGraphDeployment settings to apply.
 */
import { wholeNumberOption } from "./numberOptions.ts";
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { hindsightLowerBound } from "../capacity/hindsightBound.ts";
import { staticSizing } from "../capacity/staticSizing.ts";
import { recommend, type Candidate } from "../capacity/recommendation.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { summarize } from "../report/simulationReport.ts";
import {
  openRequests,
  readScenarioJson,
  readWarmUp,
  scenarioFromJson,
} from "../scenario/loadScenario.ts";
import { scenarioSettings, type Scenario } from "../scenario/scenario.ts";
import { gridCombinations, type ParameterCombination } from "../sweep/sweepPoints.ts";
import { withParameters } from "../sweep/withParameters.ts";
import type { TraceRequest } from "../traces/traceRequest.ts";
import { parseGoal } from "./goalOption.ts";
import { describeParameters, type PointJob } from "./loadSweep.ts";
import { withContext } from "./withContext.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { ProgressLine } from "./progressLine.ts";
import { runInWorkers } from "./sweepWorkerPool.ts";
import { UsageError } from "./usageError.ts";
import { checkReportPath, writeFileAtomically } from "./writeFileAtomically.ts";

/** The settings searched: those that decide how much capacity the improved planner holds. */
const FULL_GRID = {
  "planner.arrivalVariability": [1, 4, 16, 64],
  "planner.latencyHeadroom": [0.85, 0.7],
  "planner.minEndpoint": [1, 2],
  "planner.loadPredictor": ["constant", "kalman"],
};
/**
 * Dynamo v0.4's planner as it ships (its command-line defaults): 180 s interval and query
 * window, ARIMA over the last 50 intervals, 8 GPUs, one replica of each role at least,
 * correction factors on. The SLA targets, engines and starting fleet stay the scenario's: the
 * team's goal, judged on its own deployment.
 */
const DYNAMO_DEFAULTS: [string, string | number | boolean][] = [
  ["planner.mode", "dynamo-0.4"],
  ["planner.adjustmentIntervalS", 180],
  ["planner.loadPredictor", "arima"],
  ["planner.loadPredictionWindowSize", 50],
  ["planner.maxGpuBudget", 8],
  ["planner.minEndpoint", 1],
  ["planner.noCorrection", false],
];
const QUICK_GRID = {
  "planner.arrivalVariability": [1, 16],
  "planner.minEndpoint": [1, 2],
};

const USAGE = `Usage: slaplan recommend SCENARIO.json [options]

Recommends the planner configuration and GPU budget to deploy for the scenario's trace, profile
and SLA targets: simulates the improved planner over a grid of the settings that trade GPUs for
attainment (planner.arrivalVariability 1, 4, 16, 64; latencyHeadroom 0.85, 0.7; minEndpoint
1, 2; loadPredictor constant, kalman: 32 runs, on worker threads) with a budget that does not bind,
picks the cheapest meeting the goal, sets its budget to the GPUs its replicas peaked at and
checks that with one more run. What it recommends is the cheapest of what meets the goal: that
setting, Dynamo v0.4 (with the scenario's settings, or with its own defaults: 180 s interval,
ARIMA, budget 8, minimum 1), or the smallest fixed fleet meeting the goal (as slaplan bound
finds it). Prints its expected attainment and GPU-hours, its margin to the cost–attainment
frontier of the runs, the hindsight lower bound, both Dynamo v0.4 runs for comparison, and the
planner settings (for slaplan live --config) and DynamoGraphDeployment replicas to apply.

Options:
  --goal G           attainment to reach, a share from 0 to 1 (default 0.99)
  --max-gpus N       the largest budget considered (default: twice the scenario's budget)
  --quick            a smaller grid (arrivalVariability 1, 16 × minEndpoint 1, 2: 4 runs)
  --workers N        worker threads (default: the machine's available parallelism)
  --config-out FILE  also write the planner settings to FILE (when a planner is recommended)
  -h, --help         show this help`;

/** One configuration's settings: the grid's parameters, its budget included. */
type Settings = ParameterCombination;

export async function runRecommendCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      goal: { type: "string" },
      "max-gpus": { type: "string" },
      quick: { type: "boolean" },
      workers: { type: "string" },
      "config-out": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    "recommend",
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`expected one scenario file, got ${positionals.length}`, "recommend");
  }
  const goal = parseGoal(values.goal, "recommend");
  const workers = wholeNumberOption(
    values.workers,
    "--workers",
    availableParallelism(),
    "recommend",
  );
  const scenarioFile = positionals[0];
  const shown = relative(process.cwd(), scenarioFile) || scenarioFile;
  const scenarioJson = await readScenarioJson(scenarioFile);
  const loaded = scenarioFromJson(scenarioJson, scenarioFile);
  const { scenario } = loaded;
  const maxGpus = wholeNumberOption(
    values["max-gpus"],
    "--max-gpus",
    scenario.planner.maxGpuBudget * 2,
    "recommend",
  );
  const configOut = values["config-out"];
  if (configOut !== undefined) {
    // Before the grid runs, not after: a path that cannot take the settings is refused now.
    const inputs = [scenarioFile, loaded.traceFile ?? scenarioFile];
    await withContext("--config-out", () =>
      checkReportPath(configOut, inputs, [loaded.profileDir], "planner settings"),
    );
  }
  const profile = await withContext(`${shown}: profile`, () => readProfileDir(loaded.profileDir));
  const model = new PerformanceModel(profile);

  // Every configuration is checked by the scenario parser before anything runs.
  const grid = { "planner.mode": ["improved"], ...(values.quick ? QUICK_GRID : FULL_GRID) };
  const combinations = gridCombinations(new Map(Object.entries(grid))).map((c) => ({
    ...c,
    "planner.maxGpuBudget": maxGpus,
  }));
  const jobs: PointJob[] = combinations.map((parameters, index) => ({
    point: { index, parameters, seed: null },
    scenarioFile,
    scenarioJson: withParameters(scenarioJson, Object.entries(parameters)),
  }));
  for (const job of jobs) scenarioFromJson(job.scenarioJson, scenarioFile);

  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`slaplan recommend: ${scenario.name} (${shown}), goal ${percent(goal)}`);
  // The trace, read once, for the bound and the static fleet's runs.
  const requests = await withContext(`reading the trace of ${shown}`, async () => {
    const list: TraceRequest[] = [];
    for await (const request of openRequests(loaded)) list.push(request);
    return list;
  });
  const bound = await withContext(`bounding ${shown}`, () =>
    hindsightLowerBound(scenario, model, requests),
  );
  // Requests no fleet can serve within the targets (longer than the model's context, say) put
  // any goal above the rest out of reach: the goal applies to the requests a fleet can serve.
  const servable = 1 - bound.unservableRequests / Math.max(1, bound.requests);
  const fleetGoal = goal * servable;
  if (servable < 1) {
    out(
      `  ${percent(1 - servable)} of requests no fleet serves within the targets: the goal ` +
        `of ${percent(goal)} applies to the other ${percent(servable)}, ` +
        `so ${percent(fleetGoal)} of all requests`,
    );
  }
  const startedMs = Date.now();
  const progress = new ProgressLine(process.stderr);
  const candidates: (Candidate<Settings> & { index: number })[] = [];
  const gpusOf = (prefill: number, decode: number) =>
    prefill * scenario.fleet.prefillEngineNumGpu + decode * scenario.fleet.decodeEngineNumGpu;
  await runInWorkers(jobs, Math.max(1, Math.min(workers, jobs.length)), {
    onResult: async (result) => {
      candidates.push({
        index: result.index,
        settings: result.parameters,
        attainment: result.attainment,
        gpuHours: result.gpuHours,
        peakGpus: gpusOf(result.peakPrefillReplicas, result.peakDecodeReplicas),
      });
      progress.show(`recommend: ${candidates.length} of ${jobs.length} configurations run`);
    },
  });
  progress.clear();
  out(
    `  ${jobs.length} configurations of the improved planner, budget up to ${maxGpus} GPUs, ` +
      `on ${Math.min(workers, jobs.length)} workers in ${((Date.now() - startedMs) / 1000).toFixed(0)} s`,
  );

  // In the grid's order, whatever order the workers finished in: ties resolve the same each run.
  candidates.sort((a, b) => a.index - b.index);
  const choice = recommend(candidates, fleetGoal);
  const sizing = await withContext(`sizing a static fleet for ${shown}`, () =>
    staticSizing(scenario, model, () => requests, { goal: fleetGoal, maxGpus }),
  );
  const fixed = sizing.fleet;
  // The budget to deploy: the GPUs the replicas peaked at (each role's peak, so at least the
  // true peak), then one more run with it to confirm the figures hold.
  const budget = Math.min(maxGpus, Math.max(choice.chosen.peakGpus, gpusOf(1, 1)));
  const chosenJson = withParameters(scenarioJson, [
    ...Object.entries(choice.chosen.settings),
    ["planner.maxGpuBudget", budget],
  ]);
  const verified = await runScenario(scenarioFromJson(chosenJson, scenarioFile), model);
  // Dynamo's own planner, first as the scenario sets it, then as Dynamo ships.
  const dynamoVariants = [
    {
      label: "Dynamo v0.4 with the scenario's settings",
      parameters: [["planner.mode", "dynamo-0.4"]] as [string, string][],
    },
    {
      label: "Dynamo v0.4 with its defaults (180 s, ARIMA, budget 8)",
      parameters: DYNAMO_DEFAULTS,
    },
  ];
  const dynamos: DynamoRun[] = [];
  for (const { label, parameters } of dynamoVariants) {
    const json = withParameters(scenarioJson, parameters);
    const result = await runScenario(scenarioFromJson(json, scenarioFile), model);
    dynamos.push({ label, ...result });
  }
  const againstDynamo = () => {
    for (const d of dynamos) {
      out(`  against ${d.label}: ${percent(d.attainment)}, ${d.gpuHours.toFixed(2)} GPU-hours`);
    }
  };
  const times = (gpuHours: number) =>
    bound.gpuHours > 0 ? `${(gpuHours / bound.gpuHours).toFixed(2)}` : "n/a";
  // What the recommendation is expected to give, the same line whatever is recommended.
  const outExpected = (run: { attainment: number; gpuHours: number }) =>
    out(
      `  expected on this trace: ${percent(run.attainment)} of requests within both targets, ` +
        `${run.gpuHours.toFixed(2)} GPU-hours (${times(run.gpuHours)} ` +
        `× the hindsight bound of ${bound.gpuHours.toFixed(2)})`,
    );

  // The cheapest of what meets the goal: the improved planner's best setting, Dynamo v0.4 (as
  // the scenario sets it, then with its defaults), or a fixed fleet (a light or flat load:
  // scaling has nothing to save). Ties go in that order (the sort is stable); when nothing meets
  // the goal, the planner's closest setting is shown.
  const plannerMeets = choice.meetsGoal && verified.attainment >= fleetGoal;
  const options = [
    { kind: "planner" as const, meets: plannerMeets, gpuHours: verified.gpuHours },
    ...dynamos.map((d) => ({
      kind: d,
      meets: d.attainment >= fleetGoal,
      gpuHours: d.gpuHours,
    })),
    { kind: "fixed" as const, meets: fixed !== null, gpuHours: fixed?.gpuHours ?? Infinity },
  ].filter((o) => o.meets);
  const pick = options.sort((a, b) => a.gpuHours - b.gpuHours)[0]?.kind ?? "planner";
  const chosenMark = "  ◀ chosen";
  out("");
  out(
    `  ${"attainment".padStart(10)}${"GPU-hours".padStart(11)}${"× bound".padStart(9)}   configuration`,
  );
  const row = (label: string, attainment: number, gpuHours: number) => {
    const figures = [percent(attainment).padStart(10), gpuHours.toFixed(2).padStart(11)];
    out(`  ${figures.join("")}${times(gpuHours).padStart(9)}   ${label}`);
  };
  row("hindsight lower bound", Number.NaN, bound.gpuHours);
  // Configurations with the very same figures share a row: the first (or the chosen) named.
  const alike = (a: Candidate<Settings>, b: Candidate<Settings>) =>
    a.attainment === b.attainment && a.gpuHours === b.gpuHours;
  const shownPoints = choice.frontier.filter(
    (point, i) =>
      point === choice.chosen ||
      (!alike(point, choice.chosen) && choice.frontier.findIndex((p) => alike(p, point)) === i),
  );
  for (const point of shownPoints) {
    const mark = point !== choice.chosen ? "" : plannerMark(pick === "planner", choice.meetsGoal);
    const others = choice.frontier.filter((p) => p !== point && alike(p, point)).length;
    const more = others === 0 ? "" : ` (and ${others} more alike)`;
    row(
      `frontier: ${settingsText(point.settings)}${more}${mark}`,
      point.attainment,
      point.gpuHours,
    );
  }
  if (!choice.onFrontier) {
    row(
      `chosen: ${settingsText(choice.chosen.settings)}`,
      choice.chosen.attainment,
      choice.chosen.gpuHours,
    );
  }
  if (fixed !== null) {
    row(
      `static fleet ${fixed.prefill}P ${fixed.decode}D, no scaling${pick === "fixed" ? chosenMark : ""}`,
      fixed.attainment,
      fixed.gpuHours,
    );
  } else {
    out(`  static fleet: none within ${maxGpus} GPUs meets the goal`);
  }
  for (const d of dynamos) {
    row(`${d.label}${pick === d ? chosenMark : ""}`, d.attainment, d.gpuHours);
  }
  const underBound = [...choice.frontier, ...dynamos, ...(fixed === null ? [] : [fixed])].some(
    (r) => r.gpuHours < bound.gpuHours,
  );
  if (underBound) {
    out(
      "  (the bound counts throughput minute by minute; a run under it lets requests wait " +
        "in queue, which the bound does not allow)",
    );
  }

  out("");
  if (typeof pick === "object") {
    const dynamo = pick;
    out(`Recommendation: ${dynamo.label}`);
    outExpected(dynamo);
    out(
      plannerMeets
        ? `  the improved planner's cheapest setting meeting the goal spends more here: ` +
            `${percent(verified.attainment)} for ${verified.gpuHours.toFixed(2)} GPU-hours`
        : `  no improved-planner setting tried meets ${percent(goal)}`,
    );
    await printDeployment(out, dynamo.scenario, configOut);
    return 0;
  }
  if (pick === "fixed" && fixed !== null) {
    out(
      `Recommendation: a fixed fleet of ${replicas(fixed.prefill, "prefill")} and ` +
        `${replicas(fixed.decode, "decode")} (${fixed.gpus} GPUs), no scaling`,
    );
    outExpected(fixed);
    out(
      plannerMeets
        ? `  the cheapest planner setting meeting the goal, ${settingsText(choice.chosen.settings)}, ` +
            `spends more on this trace: ${percent(verified.attainment)} ` +
            `for ${verified.gpuHours.toFixed(2)} GPU-hours`
        : `  no planner configuration tried meets ${percent(goal)}: ` +
            `the closest, ${settingsText(choice.chosen.settings)}, ` +
            `gives ${percent(verified.attainment)} for ${verified.gpuHours.toFixed(2)} GPU-hours`,
    );
    againstDynamo();
    out("");
    out(
      "DynamoGraphDeployment (fixed replicas; run slaplan live --scaling advisory to watch the " +
        "planner's view):",
    );
    for (const line of dgdSnippet(verified.scenario, fixed)) out(`  ${line}`);
    if (configOut !== undefined) {
      out("");
      out(`No planner settings written to ${configOut}: the recommendation is a fixed fleet`);
    }
    return 0;
  }
  out(
    choice.meetsGoal
      ? `Recommendation: the improved planner with ` +
          `${settingsText(choice.chosen.settings)}, GPU budget ${budget}`
      : `No configuration tried meets ${percent(goal)}; the closest: the improved ` +
          `planner with ${settingsText(choice.chosen.settings)}, GPU budget ${budget}`,
  );
  outExpected(verified);
  out(
    choice.onFrontier
      ? "  on the cost–attainment frontier of the configurations tried"
      : `  ${choice.aboveFrontierGpuHours.toFixed(2)} GPU-hours ` +
          `above the frontier of the configurations tried`,
  );
  if (choice.cheaperFrontier !== null) {
    const c = choice.cheaperFrontier;
    out(
      `  the next cheaper frontier point saves ` +
        `${(choice.chosen.gpuHours - c.gpuHours).toFixed(2)} GPU-hours ` +
        `for ${percent(c.attainment)} attainment (${settingsText(c.settings)})`,
    );
  }
  againstDynamo();

  await printDeployment(out, verified.scenario, configOut);
  return 0;
}

/**
 * What to apply for a recommended planner: its settings (for slaplan live --config, also
 * written to `configOut` when given) and the DGD's starting replicas.
 */
async function printDeployment(
  out: (line: string) => void,
  scenario: Scenario,
  configOut: string | undefined,
): Promise<void> {
  const settings = plannerSettings(scenario.planner);
  out("");
  out("Planner settings (slaplan live --config FILE; the planner.json of deploy/planner.yaml):");
  for (const line of settings.split("\n")) out(`  ${line}`);
  out("");
  out("DynamoGraphDeployment (the planner scales from these; GPUs per engine as profiled):");
  for (const line of dgdSnippet(scenario)) out(`  ${line}`);
  if (configOut !== undefined) {
    await writeFileAtomically(configOut, `${settings}\n`, "planner settings");
    out("");
    out(`Planner settings written to ${configOut}`);
  }
}

/** A scenario's own run: its attainment and GPU-hours. */
/** "1 prefill replica", "3 decode replicas". */
function replicas(count: number, role: string): string {
  return `${count} ${role} ${count === 1 ? "replica" : "replicas"}`;
}

/**
 * The mark of the planner setting the table names: chosen when the planner is what is
 * recommended, else what it is beside the recommendation (the cheapest meeting the goal, or
 * the closest to it).
 */
function plannerMark(recommended: boolean, meetsGoal: boolean): string {
  if (recommended) return meetsGoal ? "  ◀ chosen" : "  ◀ closest";
  return meetsGoal ? "  ◀ planner's cheapest meeting the goal" : "  ◀ planner's closest";
}

/** What one simulated run gave: the scenario as run, its attainment (share) and GPU-hours. */
interface ScenarioRun {
  readonly scenario: Scenario;
  readonly attainment: number;
  readonly gpuHours: number;
}

/** A run of Dynamo v0.4's planner, named as the table and recommendation print it. */
interface DynamoRun extends ScenarioRun {
  readonly label: string;
}

async function runScenario(
  loaded: ReturnType<typeof scenarioFromJson>,
  model: PerformanceModel,
): Promise<ScenarioRun> {
  const { scenario } = loaded;
  const result = await runSimulation({
    ...scenarioSettings(scenario),
    model,
    requests: openRequests(loaded),
    warmUpIntervals: await readWarmUp(loaded),
  });
  return {
    scenario,
    attainment: summarize(scenario, result).slaAttainment,
    gpuHours: result.gpuHours,
  };
}

/** The planner fields to apply, as JSON `slaplan live --config` reads. */
function plannerSettings(planner: Scenario["planner"]): string {
  const fields = {
    mode: planner.mode,
    adjustmentIntervalS: planner.adjustmentIntervalS,
    ttftTargetS: planner.ttftTargetS,
    itlTargetS: planner.itlTargetS,
    maxGpuBudget: planner.maxGpuBudget,
    minEndpoint: planner.minEndpoint,
    prefillEngineNumGpu: planner.prefillEngineNumGpu,
    decodeEngineNumGpu: planner.decodeEngineNumGpu,
    loadPredictor: planner.loadPredictor,
    arrivalVariability: planner.arrivalVariability,
    latencyHeadroom: planner.latencyHeadroom,
  };
  return JSON.stringify(fields, null, 2);
}

/** The replicas to start the DGD's workers with (the planner's minimum), by vLLM's names. */
function dgdSnippet(scenario: Scenario, fixed?: { prefill: number; decode: number }): string[] {
  const { planner } = scenario;
  const worker = (name: string, replicas: number, gpus: number) => [
    `    ${name}:`,
    `      replicas: ${replicas}`,
    `      resources: { limits: { gpu: "${gpus}" } }`,
  ];
  const least = Math.max(planner.minEndpoint, 1);
  return [
    "spec:",
    "  services:",
    ...worker("VllmPrefillWorker", fixed?.prefill ?? least, planner.prefillEngineNumGpu),
    ...worker("VllmDecodeWorker", fixed?.decode ?? least, planner.decodeEngineNumGpu),
    fixed === undefined
      ? `# and the planner: slaplan live --config <the settings above> --deployment ${scenario.name}`
      : "# (vLLM's service names; SGLang and TensorRT-LLM name theirs differently)",
  ];
}

function settingsText(settings: Settings): string {
  const shown = Object.fromEntries(
    Object.entries(settings)
      .filter(([path]) => path !== "planner.mode" && path !== "planner.maxGpuBudget")
      .map(([path, value]) => [path.replace(/^planner\./, ""), value]),
  );
  return describeParameters(shown);
}

function percent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : "—";
}
