import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../../src/errors.ts";
import type { PlannerLogLine } from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import { runSimulation } from "../engine/runSimulation.ts";
import { rm } from "node:fs/promises";
import { htmlReport } from "../report/htmlReport.ts";
import { buildReport, reportToJson } from "../report/simulationReport.ts";
import { summaryText } from "../report/summaryText.ts";
import { loadScenario, openRequests, readWarmUp } from "../scenario/loadScenario.ts";
import { scenarioSettings } from "../scenario/scenario.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { formatClock } from "./formatClock.ts";
import { ProgressLine } from "./progressLine.ts";
import { UsageError } from "./usageError.ts";
import { checkReportPath, writeFileAtomically } from "./writeFileAtomically.ts";
import { withContext } from "./withContext.ts";

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_SCENARIO = join(PACKAGE_ROOT, "scenarios", "azure-conv.json");

const USAGE = `Usage: slaplan sim [SCENARIO.json] [options]

Replays the scenario's requests through a simulated fleet of prefill and decode workers while
the SLA planner scales it every adjustment interval. Prints the planner's log lines (Dynamo's
wording) for each interval, then a summary, and writes a JSON report. The scenario's
planner.mode picks the rules: "improved" (the default), "dynamo-0.4" or "dynamo-current";
README.md describes every scenario and planner setting.

Options:
  --report FILE   where to write the JSON report (default: reports/<scenario name>.json)
  --html FILE     also write a self-contained HTML report: the summary and every chart
                  (load, replicas and GPUs, TTFT, ITL, SLA attainment, GPU-hours, latency
                  distributions) as inline SVG; opens offline in any browser
  --quiet         print only the summary, not the per-interval log (on a terminal, a
                  progress line shows meanwhile)
  --verbose       print debug log lines as well
  -h, --help      show this help

Default scenario: ${relative(process.cwd(), DEFAULT_SCENARIO) || DEFAULT_SCENARIO}`;

/** `slaplan sim`: runs one scenario; returns the exit status. */
export async function runSimCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      report: { type: "string" },
      html: { type: "string" },
      quiet: { type: "boolean" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    "sim",
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    throw new UsageError(`expected at most one scenario file, got ${positionals.length}`, "sim");
  }
  const scenarioFile = positionals[0] ?? DEFAULT_SCENARIO;
  const shownFile = relative(process.cwd(), scenarioFile) || scenarioFile;

  // Load everything that can be checked before the run starts.
  const loaded = await loadScenario(scenarioFile);
  const { scenario } = loaded;
  const profile = await withContext(`${shownFile}: profile`, () =>
    readProfileDir(loaded.profileDir),
  );
  const model = new PerformanceModel(profile);
  const reportFile = values.report ?? join("reports", `${basename(scenario.name)}.json`);
  const inputs = [scenarioFile, loaded.traceFile ?? scenarioFile];
  await checkReportPath(reportFile, inputs, [loaded.profileDir]);
  const htmlFile = values.html;
  if (htmlFile !== undefined) await checkHtmlPath(htmlFile, reportFile, inputs, loaded.profileDir);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`slaplan sim: ${scenario.name} (${shownFile})`);
  if (scenario.description) out(`  ${scenario.description}`);
  out(`  profile ${shortPath(loaded.profileDir)}, ${describeTrace(loaded)}`);
  out("");

  // Run, printing the planner's lines as the simulated clock reaches them.
  // With --quiet on a terminal, a progress line stands in for the log.
  const progress = new ProgressLine();
  const printLine = (atS: number, line: PlannerLogLine) => {
    if (values.quiet || (line.level === "debug" && !values.verbose)) return;
    out(`[${formatClock(atS)}] ${line.level.toUpperCase().padEnd(7)} ${line.message}`);
  };
  const warmUp = await withContext(`${shownFile}: planner.loadPredictorWarmupTrace`, () =>
    readWarmUp(loaded),
  );
  const result = await withContext(`running scenario ${shownFile}`, () =>
    runSimulation({
      ...scenarioSettings(scenario),
      model,
      requests: openRequests(loaded),
      warmUpIntervals: warmUp,
      onLog: printLine,
      onProgress: values.quiet ? (atS, arrived) => progress.update(atS, arrived) : undefined,
    }),
  ).finally(() => progress.clear());

  // Summarise and write the report only once the run succeeded.
  const report = buildReport(scenario, result);
  out("");
  const summaryLines = summaryText(scenario, report.summary, result);
  for (const line of summaryLines) out(line);
  // Both texts are built before either file is written, so a failure to build one cannot
  // leave the other written alone.
  const json = reportToJson(report);
  const html = htmlFile === undefined ? undefined : htmlReport(report, summaryLines);
  await writeFileAtomically(reportFile, json);
  if (htmlFile !== undefined && html !== undefined) {
    // The two reports land together or not at all: a failed HTML write takes the JSON back.
    await withContext("--html", () => writeFileAtomically(htmlFile, html)).catch(
      async (error: unknown) => {
        await rm(reportFile, { force: true });
        throw error;
      },
    );
  }
  out("");
  out(`Report written to ${reportFile}`);
  if (htmlFile !== undefined) out(`HTML report written to ${htmlFile}`);
  return 0;
}

/**
 * The checks `--report` gets (not empty, not an input, a regular file if present), with every
 * message naming `--html`, and one more: the HTML must not overwrite the JSON report.
 */
async function checkHtmlPath(
  htmlFile: string,
  reportFile: string,
  inputs: readonly string[],
  profileDir: string,
): Promise<void> {
  if (htmlFile.trim() === "") throw new InputError("--html needs a file name, got an empty one");
  if (resolve(htmlFile) === resolve(reportFile)) {
    throw new InputError(`--html ${htmlFile}: is also the JSON report file; choose another name`);
  }
  await withContext("--html", () => checkReportPath(htmlFile, inputs, [profileDir]));
}

function describeTrace(loaded: Awaited<ReturnType<typeof loadScenario>>): string {
  const t = loaded.scenario.trace;
  const source =
    t.kind === "file"
      ? `trace ${shortPath(loaded.traceFile as string)}`
      : t.kind === "sinusoidal"
        ? `sinusoidal load ${t.load.requestRateMinPerS}–${t.load.requestRateMaxPerS} ` +
          `req/s over ${t.load.durationS} s`
        : `${t.generator} load ${JSON.stringify(t.options)}`;
  const reshape = [
    t.replicate > 1 ? `replicated ×${t.replicate}` : "",
    t.speedUp !== 1 ? `sped up ×${t.speedUp}` : "",
    t.durationS !== Infinity ? `first ${t.durationS} s` : "",
  ].filter((s) => s !== "");
  return reshape.length === 0 ? source : `${source} (${reshape.join(", ")})`;
}

/** A path relative to the working directory when it lies below it, else absolute. */
function shortPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith("..") || fromHere === "" ? resolve(path) : fromHere;
}
