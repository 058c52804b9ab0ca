/**
 * `npm run bench`: figures, not pass/fail; speed targets belong here, not in timed tests. Each
 * run gets its own Node process, pinned to one CPU when taskset exists, so its wall time is
 * single-core and its peak memory its own. Four parts: the bundled scenarios; a growth table
 * of the Azure conversation hour at 1 to 50 times its rate; a length table of one steady load
 * for 1 to 10 hours (memory must not grow with it); and the run the project promises,
 * that hour at 20 times its rate (about 390,000 requests) with the planner in the loop at
 * 200,000 simulated requests per wall-second or more. A fifth part, in this process, times the
 * charts of a run of 100,000 intervals (chartBench.ts).
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { alignedRow } from "./alignedRow.ts";
import { benchCharts } from "./chartBench.ts";
import type { BenchFigures } from "./benchFigures.ts";
import { STEADY_RATE_PER_S } from "./rateScaledScenario.ts";

const USAGE = `Usage: npm run bench [-- OPTION...]

Runs each benchmark in its own Node process, pinned to one CPU with taskset when it exists, and
prints requests, wall seconds (the run alone), simulated requests per wall-second, CPU seconds
(a check on a busy machine: well below the wall time means the run waited for the CPU) and
peak memory. Without a part option it runs every part.

Options:
  --scenarios-only   only the bundled scenarios (scenarios/*.json)
  --growth-only      only the growth table: azure-conv at 1, 2, 5, 10, 20 and 50 times its rate
  --length-only      only the length table: a steady 60 req/s Poisson load for 1, 3 and 10 hours
  --promise-only     only the promised run: azure-conv at 20 times its rate
  --charts-only      only the charts of a run of 100,000 intervals (specs, pixel-column
                     reduction for the workbench's canvas, SVG for the HTML report)
  --repeat N         run each benchmark N times and keep the fastest (default 1), for a
                     machine shared with other work
  -h, --help         show this help`;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BENCH_SCENARIO = join(root, "sim/bench/benchScenario.ts");
const RATE_SCENARIO = join(root, "scenarios/azure-conv.json");
const GROWTH_RATES = [1, 2, 5, 10, 20, 50];
const LENGTH_HOURS = [1, 3, 10];
/** The columns speedAndMemory fills. */
const SPEED_COLUMNS = ["requests", "wall s", "req/wall-s", "CPU s", "peak RSS MiB", "heap+ext MiB"];
const PROMISED_RATE = 20;
const PROMISED_REQUESTS_PER_WALL_S = 200_000;
const FIGURE_WIDTH = 9;

type Part = "scenarios" | "growth" | "length" | "promise" | "charts";

/** What the command line asks for. */
interface BenchOptions {
  readonly parts: readonly Part[];
  readonly repeat: number;
}

/** Runs benchScenario.ts with the given arguments; returns the fastest run's figures. */
type Measure = (args: readonly string[]) => BenchFigures;

process.exitCode = await main(process.argv.slice(2));

async function main(args: readonly string[]): Promise<number> {
  let options: BenchOptions | "help";
  try {
    options = parseOptions(args);
  } catch (error) {
    process.stderr.write(`npm run bench: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const { parts, repeat } = options;
  const pinning = cpuToPin();
  console.log(pinning.note);
  if (repeat > 1) console.log(`Each figure is the fastest of ${repeat} runs.`);
  const measure: Measure = (benchArgs) => fastestOf(repeat, () => runBench(pinning.cpu, benchArgs));
  try {
    if (parts.includes("scenarios")) benchScenarios(measure);
    const growth = parts.includes("growth") ? benchGrowth(measure) : [];
    if (parts.includes("length")) benchLength(measure);
    if (parts.includes("promise")) {
      const promised =
        growth.find((row) => row.rate === PROMISED_RATE)?.figures ??
        measure([RATE_SCENARIO, "--rate", String(PROMISED_RATE)]);
      printPromise(promised, pinning.cpu !== undefined);
    }
    if (parts.includes("charts")) await benchCharts(join(root, "profiles/h200-llama3.1-8b-fp8"));
  } catch (error) {
    process.stderr.write(`npm run bench: ${(error as Error).message}\n`);
    return 1;
  }
  return 0;
}

/** The command line's options; throws naming an unknown, conflicting or malformed one. */
function parseOptions(args: readonly string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: [...args],
    options: {
      "scenarios-only": { type: "boolean" },
      "growth-only": { type: "boolean" },
      "length-only": { type: "boolean" },
      "promise-only": { type: "boolean" },
      "charts-only": { type: "boolean" },
      repeat: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const only = (["scenarios", "growth", "length", "promise", "charts"] as const).filter(
    (part) => values[`${part}-only`],
  );
  if (only.length > 1) {
    throw new Error(`choose at most one part, got ${only.map((p) => `--${p}-only`).join(" and ")}`);
  }
  const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new Error(`--repeat must be a whole number ≥ 1, got ${JSON.stringify(values.repeat)}`);
  }
  const every: Part[] = ["scenarios", "growth", "length", "promise", "charts"];
  return { parts: only.length === 1 ? only : every, repeat };
}

/** The first CPU this process may run on, when taskset can pin a child to it. */
function cpuToPin(): { cpu: string | undefined; note: string } {
  try {
    const answer = execFileSync("taskset", ["-pc", String(process.pid)], { encoding: "utf8" });
    const cpu = /:\s*(\d+)/.exec(answer)?.[1];
    if (cpu !== undefined) return { cpu, note: `Each run pinned to CPU ${cpu} (taskset).` };
    return { cpu, note: `taskset gave no CPU list (${answer.trim()}): runs are not pinned.` };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const why = missing ? "taskset not found" : `taskset failed (${(error as Error).message})`;
    return { cpu: undefined, note: `${why}: runs are not pinned to one CPU.` };
  }
}

/** The figures of the fastest of `repeat` runs. */
function fastestOf(repeat: number, run: () => BenchFigures): BenchFigures {
  let fastest = run();
  for (let i = 1; i < repeat; i += 1) {
    const figures = run();
    if (figures.wallS < fastest.wallS) fastest = figures;
  }
  return fastest;
}

/** Runs benchScenario.ts with `args` in a fresh process and returns its figures. */
function runBench(cpu: string | undefined, args: readonly string[]): BenchFigures {
  const node = [process.execPath, "--import", "tsx", BENCH_SCENARIO, ...args];
  const [command, ...rest] = cpu === undefined ? node : ["taskset", "-c", cpu, ...node];
  let output: string;
  try {
    // The child's own errors go straight to our stderr.
    output = execFileSync(command, rest, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    throw new Error(`benchmark ${args.join(" ")} failed (exit status ${status ?? "none"})`);
  }
  return JSON.parse(output.trim().split("\n").at(-1) as string) as BenchFigures;
}

function benchScenarios(measure: Measure): void {
  const files = readdirSync(join(root, "scenarios"))
    .filter((name) => name.endsWith(".json"))
    .sort();
  const nameWidth = Math.max("scenario".length, ...files.map((f) => f.length - ".json".length));
  const header = ["scenario", ...SPEED_COLUMNS];
  const widths = columnWidths(header, nameWidth);
  console.log("");
  console.log("Bundled scenarios");
  console.log(alignedRow(header, widths));
  for (const file of files) {
    const figures = measure([join(root, "scenarios", file)]);
    console.log(alignedRow([figures.scenario, ...speedAndMemory(figures)], widths));
  }
}

/** The conversation hour at each growth rate, printed row by row as the runs finish. */
function benchGrowth(measure: Measure): { rate: number; figures: BenchFigures }[] {
  const header = ["rate", ...SPEED_COLUMNS, "GPUs peak/budget", "SLA met"];
  const widths = columnWidths(header, "rate".length);
  console.log("");
  console.log("Growth: azure-conv hour at k times its rate (trace.replicate k, GPU budget ×k)");
  console.log(alignedRow(header, widths));
  const rows = [];
  for (const rate of GROWTH_RATES) {
    const figures = measure([RATE_SCENARIO, "--rate", String(rate)]);
    const sla = figures.slaAttainment === null ? "-" : percent(figures.slaAttainment);
    const gpus = `${figures.peakGpus}/${figures.maxGpuBudget}`;
    console.log(alignedRow([`${rate}×`, ...speedAndMemory(figures), gpus, sla], widths));
    rows.push({ rate, figures });
  }
  return rows;
}

/** The same steady load for longer and longer: memory should not follow the length. */
function benchLength(measure: Measure): void {
  const header = ["hours", ...SPEED_COLUMNS];
  const widths = columnWidths(header, "hours".length);
  console.log("");
  console.log(
    `Length: a steady Poisson load of ${STEADY_RATE_PER_S} req/s (azure-conv's planner and profile)`,
  );
  console.log(alignedRow(header, widths));
  for (const hours of LENGTH_HOURS) {
    const figures = measure([RATE_SCENARIO, "--hours", String(hours)]);
    console.log(alignedRow([`${hours} h`, ...speedAndMemory(figures)], widths));
  }
}

function printPromise(figures: BenchFigures, pinned: boolean): void {
  const perS = figures.requestsPerWallS;
  const verdict = perS >= PROMISED_REQUESTS_PER_WALL_S ? "met" : "NOT met";
  console.log("");
  console.log(
    `Promised run: the Azure conversation hour at ${PROMISED_RATE}× its ` +
      `rate, planner in the loop, ${pinned ? "one core" : "not pinned"}`,
  );
  console.log(
    `  ${figures.requests} requests in ${figures.wallS.toFixed(2)} ` +
      `wall s: ${Math.round(perS)} simulated requests ` +
      `per wall-second (target ≥ ${PROMISED_REQUESTS_PER_WALL_S}: ` +
      `${verdict}); ${figures.cpuS.toFixed(2)} CPU s`,
  );
  console.log(
    `  peak RSS ${figures.peakRssMiB.toFixed(0)} MiB, peak heap used ` +
      `(V8 heap + external) ${figures.peakHeapUsedMiB.toFixed(0)} MiB`,
  );
}

/** Requests, wall s, req/wall-s, CPU s, peak RSS and peak heap plus external memory, as table cells. */
function speedAndMemory(figures: BenchFigures): string[] {
  return [
    String(figures.requests),
    figures.wallS.toFixed(2),
    String(Math.round(figures.requestsPerWallS)),
    figures.cpuS.toFixed(2),
    figures.peakRssMiB.toFixed(0),
    figures.peakHeapUsedMiB.toFixed(0),
  ];
}

function columnWidths(header: readonly string[], nameWidth: number): number[] {
  return header.map((title, i) => (i === 0 ? nameWidth : Math.max(title.length, FIGURE_WIDTH)));
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
