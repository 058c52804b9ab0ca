import { decimalNumber } from "./numberOptions.ts";
import { availableParallelism } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { InputError } from "../../src/errors.ts";
import { indexedJobManifest } from "../sweep/indexedJobManifest.ts";
import type { PointResult } from "../sweep/pointResult.ts";
import { formatClock } from "./formatClock.ts";
import { describeParameters, loadSweep, pointJob, type LoadedSweep } from "./loadSweep.ts";
import { withContext } from "./withContext.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { ProgressLine } from "./progressLine.ts";
import { runSweepMerge } from "./sweepMergeCommand.ts";
import { sweepBounds } from "./sweepBounds.ts";
import { reportSweep } from "./sweepReport.ts";
import {
  openResultsForAppend,
  readResultsFile,
  resumeConflict,
  shardText,
  sweepHeader,
  type Shard,
} from "./sweepResultsFile.ts";
import { runInWorkers, SweepInterrupted } from "./sweepWorkerPool.ts";
import { UsageError } from "./usageError.ts";
import { checkReportPath, writeFileAtomically } from "./writeFileAtomically.ts";

const USAGE = `Usage: slaplan sweep SWEEP.json [--out FILE] [--workers N] [--shard I/N] [--html FILE]
       slaplan sweep merge SHARD.jsonl... --out FILE [--html FILE]
       slaplan sweep --emit-k8s-job [--shards N] [--image IMAGE] [--workers N] SWEEP.json

Runs a scenario many times, varying its fields, and compares cost (GPU-hours) with SLA
attainment. SWEEP.json names a base scenario (relative to the sweep file) and the fields to
vary by their dotted paths, over a full grid or a seeded random sample, each point repeated
over seeds:

  {"scenario": "../azure-conv.json", "set": {"trace.durationS": 600},
   "grid": {"planner.maxGpuBudget": [4, 8, 16], "planner.loadPredictor": ["constant", "kalman"]},
   "seeds": 3}

  {"scenario": "../azure-conv.json",
   "random": {"samples": 20, "seed": 1, "parameters": {
     "planner.maxGpuBudget": {"min": 4, "max": 16, "whole": true},
     "planner.mode": ["improved", "dynamo-0.4"]}},
   "seeds": 2}

"seeds" is a count (seeds 1..k) or a list; "set" fixes fields for every point; "name"
names the results file. Every point's scenario is checked before anything runs. Points run
in parallel on worker threads; each finished point is appended to the results file at once,
so an interrupted sweep, run again, runs only the points it had not finished.

Options:
  --out FILE      results, JSON lines: a header identifying the sweep, then one line per point
                  (default: reports/<name>.sweep.jsonl; a shard: reports/<name>.shard-I-of-N.sweep.jsonl)
  --workers N     worker threads (default: the machine's parallelism, ${availableParallelism()} here)
  --shard I/N     run only the points whose index is I modulo N (0 ≤ I < N), for one machine
                  of N; combine the shards' files with 'slaplan sweep merge'
  --html FILE     also write the report as a self-contained HTML page with a cost–attainment chart
  --emit-k8s-job  print a Kubernetes Indexed Job running the sweep as --shards pods (default 4)
                  of --image (default slaplan:latest), --workers threads each (default 2);
                  with --out, write it there
  -h, --help      show this help

merge checks that the files hold the same sweep, refuses a point found twice, writes the
points in order to --out with the report, and names the points still missing (exit status 1
then; running the sweep with --out on the merged file runs just those).`;

const OPTIONS = {
  out: { type: "string" },
  workers: { type: "string" },
  shard: { type: "string" },
  html: { type: "string" },
  "emit-k8s-job": { type: "boolean" },
  shards: { type: "string" },
  image: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** `slaplan sweep`: runs, merges or emits a Job for a sweep; returns the exit status. */
export async function runSweepCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, "sweep");
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] === "merge") {
    return runSweepMerge(positionals.slice(1), values);
  }
  if (positionals.length !== 1) {
    const found = positionals.length === 0 ? "none" : positionals.length;
    throw new UsageError(`expected one sweep file, got ${found}`, "sweep");
  }
  if (values["emit-k8s-job"]) return emitJob(positionals[0], values);
  for (const name of ["shards", "image"] as const) {
    if (values[name] !== undefined) {
      throw new UsageError(`--${name} goes with --emit-k8s-job`, "sweep");
    }
  }
  return runSweep(positionals[0], values);
}

interface RunOptions {
  readonly out?: string;
  readonly workers?: string;
  readonly shard?: string;
  readonly html?: string;
}

async function runSweep(file: string, options: RunOptions): Promise<number> {
  // 1. Check the command line, the sweep and every point before anything runs.
  const workers =
    options.workers === undefined
      ? availableParallelism()
      : wholeOption("--workers", options.workers, 1, 1024);
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  const sweep = await loadSweep(file);
  const name = sweep.definition.name;
  const outFile =
    options.out ??
    join(
      "reports",
      shard === null
        ? `${name}.sweep.jsonl`
        : `${name}.shard-${shard.index}-of-${shard.count}.sweep.jsonl`,
    );
  await checkOutputs(sweep, outFile, options.html);

  // 2. What the results file holds already: the same sweep's points are skipped.
  const header = sweepHeader(sweep, shard);
  const existing = await readResultsFile(outFile);
  if (existing !== undefined) {
    const conflict = resumeConflict(outFile, existing, header);
    if (conflict !== undefined) throw new InputError(conflict);
  }
  const done = new Map<number, PointResult>();
  for (const { result } of existing?.results ?? []) done.set(result.index, result);
  const mine = sweep.points.filter((p) => shard === null || p.index % shard.count === shard.index);
  const jobs = mine.filter((p) => !done.has(p.index)).map((p) => pointJob(sweep, p));

  // 3. Say what will run.
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const seeds = sweep.definition.seeds?.length ?? 1;
  out(`slaplan sweep: ${name} (${file}), scenario ${sweep.scenarioFile}`);
  if (sweep.definition.description) out(`  ${sweep.definition.description}`);
  out(
    `  ${sweep.points.length} points: ${sweep.points.length / seeds} ` +
      `combinations × ${seeds} seed${seeds === 1 ? "" : "s"}` +
      (shard === null ? "" : `; ${shardText(shard)} has ${mine.length}`),
  );
  const skipped = mine.length - jobs.length;
  if (skipped > 0) {
    out(`  ${skipped} already in ${outFile}, skipped; ${jobs.length} to run`);
  }
  if (existing?.droppedPartialLine) {
    out(`  dropped a half-written last line of ${outFile} (its point runs again)`);
  }
  const threads = Math.min(workers, Math.max(jobs.length, 1));
  if (jobs.length > 0) out(`  running on ${threads} worker thread${threads === 1 ? "" : "s"}`);

  // 4. Run, appending each finished point; Ctrl-C or SIGTERM keeps what finished.
  const appender = await openResultsForAppend(outFile, header, existing);
  const progress = new ProgressLine();
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let finished = 0;
  const onResult = async (result: PointResult) => {
    await appender.append(result);
    done.set(result.index, result);
    finished += 1;
    reportProgress(progress, finished, jobs.length, result);
  };
  try {
    await runInWorkers(jobs, threads, { onResult }, abort.signal);
  } catch (error) {
    if (!(error instanceof SweepInterrupted)) throw error;
    progress.clear();
    process.stderr.write(
      `slaplan: interrupted; ${finished} of ${jobs.length} points finished ` +
        `and are in ${outFile}. Run the same command again to run the rest.\n`,
    );
    return 130;
  } finally {
    progress.clear();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await appender.close();
  }

  // 5. The report over every point of the file, those run before included.
  const wallS = progress.elapsedS();
  const results = mine.map((p) => done.get(p.index) as PointResult);
  const notes = [
    `${mine.length} points (${shardText(shard)}), ${jobs.length} run now in ${formatClock(wallS)} ` +
      `on ${threads} worker thread${threads === 1 ? "" : "s"}, ${skipped} from an earlier run.`,
  ];
  const bounds = await withContext("bounding the sweep's scenarios", () =>
    sweepBounds(
      sweep,
      results.map((r) => r.parameters),
    ),
  );
  await reportSweep(out, header, results, notes, options.html, bounds);
  out("");
  out(`Ran ${jobs.length} points in ${wallS.toFixed(1)} s of wall time (${skipped} skipped).`);
  out(`Results in ${outFile}`);
  return 0;
}

/** Redraws the progress line; without a terminal, logs one line per finished point. */
function reportProgress(
  progress: ProgressLine,
  finished: number,
  total: number,
  result: PointResult,
): void {
  const elapsedS = progress.elapsedS();
  const leftS = (elapsedS / finished) * (total - finished);
  if (progress.active) {
    progress.show(
      `sweep: ${finished} of ${total} points done, ` +
        `${formatClock(elapsedS)} elapsed, about ${formatClock(leftS)} left`,
    );
    return;
  }
  const attainment = Number.isNaN(result.attainment)
    ? "no attainment"
    : `${(result.attainment * 100).toFixed(1)} % attainment`;
  process.stderr.write(
    `[${finished}/${total}] point ${result.index} (${describeParameters(result.parameters)}, seed ` +
      `${result.seed}): ${attainment}, ${result.gpuHours.toFixed(2)} GPU-h, ${result.wallS.toFixed(1)} s\n`,
  );
}

/** The results and HTML files: writable, not an input of the sweep, not the same file. */
async function checkOutputs(sweep: LoadedSweep, outFile: string, htmlFile: string | undefined) {
  const inputs = [sweep.file, sweep.scenarioFile, ...sweep.traceFiles];
  await withContext("--out", () => checkReportPath(outFile, inputs, sweep.profileDirs));
  if (htmlFile === undefined) return;
  if (resolve(htmlFile) === resolve(outFile)) {
    throw new InputError(`--html ${htmlFile}: is also the results file; choose another name`);
  }
  await withContext("--html", () => checkReportPath(htmlFile, inputs, sweep.profileDirs));
}

/** "I/N" with 0 ≤ I < N. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match === null ? Number.NaN : Number(match[1]);
  const count = match === null ? Number.NaN : Number(match[2]);
  if (!(count >= 1 && index < count && count <= 100_000)) {
    throw new UsageError(
      `--shard must be I/N with N from 1 to 100000 and 0 ≤ I < N (such as 0/3), got "${text}"`,
      "sweep",
    );
  }
  return { index, count };
}

function wholeOption(name: string, text: string, min: number, max: number): number {
  const value = decimalNumber(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max}, got "${text}"`,
      "sweep",
    );
  }
  return value;
}

/**
 * Prints (or writes to --out) the Indexed Job. The pods see the repository's scenarios/ folder
 * at /app/scenarios and profiles/ in the image, so the sweep must live in those folders.
 */
async function emitJob(
  file: string,
  options: RunOptions & { shards?: string; image?: string },
): Promise<number> {
  if (options.shard !== undefined || options.html !== undefined) {
    throw new UsageError("--shard and --html do not go with --emit-k8s-job", "sweep");
  }
  const shards =
    options.shards === undefined ? 4 : wholeOption("--shards", options.shards, 1, 10_000);
  const workersPerPod =
    options.workers === undefined ? 2 : wholeOption("--workers", options.workers, 1, 1024);
  const image = options.image ?? "slaplan:latest";
  if (image.trim() === "") throw new UsageError("--image needs an image name", "sweep");
  const sweep = await loadSweep(file);
  const inside = (path: string, folder: string) =>
    !relative(folder, resolve(path)).startsWith("..") &&
    !relative(folder, resolve(path)).startsWith(sep);
  const scenarios = resolve("scenarios");
  const outside = [sweep.file, sweep.scenarioFile, ...sweep.traceFiles].find(
    (path) => !inside(path, scenarios),
  );
  const profileOutside = sweep.profileDirs.find((dir) => !inside(dir, resolve("profiles")));
  if (outside !== undefined || profileOutside !== undefined) {
    throw new InputError(
      `--emit-k8s-job: ${outside ?? profileOutside} is outside ` +
        `${outside !== undefined ? "scenarios/" : "profiles/"}; the Job's pods see ./scenarios ` +
        `(mounted) and ./profiles (in the image) only, so run it from the ` +
        `repository root with the sweep, its scenario and traces in scenarios/`,
    );
  }
  const manifest = indexedJobManifest({
    sweepName: sweep.definition.name,
    sweepFile: relative(process.cwd(), resolve(file)).split(sep).join("/"),
    shards,
    image,
    workersPerPod,
  });
  if (options.out === undefined) {
    process.stdout.write(manifest);
    return 0;
  }
  await withContext("--out", () => checkReportPath(options.out as string, [sweep.file]));
  await writeFileAtomically(options.out, manifest);
  process.stdout.write(`Kubernetes Job (${shards} shards) written to ${options.out}\n`);
  return 0;
}
