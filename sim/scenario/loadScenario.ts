import { constants } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError, jsonSyntaxReason, NotFoundError } from "../../src/errors.ts";
import { readTrace } from "../traces/readTrace.ts";
import { withinAYear, type TraceStream } from "../traces/index.ts";
import { traceIntervals } from "../traces/intervalSeries.ts";
import { parseScenario, type Scenario } from "./scenario.ts";
import { scenarioRequests } from "./scenarioRequests.ts";

/** A scenario read from disk, with its file paths resolved against the scenario's folder. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly file: string;
  readonly profileDir: string;
  /** Resolved trace file, when the scenario replays one. */
  readonly traceFile: string | undefined;
}

/** Reads, parses and checks the scenario JSON file at `file`. */
export async function loadScenario(file: string): Promise<LoadedScenario> {
  const loaded = scenarioFromJson(await readScenarioJson(file), file);
  await checkFilesExist(loaded);
  return loaded;
}

/**
 * The trace and warm-up trace files the scenario names exist: checked before anything is
 * printed or run, and named by their field and by the path they were looked for at.
 */
async function checkFilesExist(loaded: LoadedScenario): Promise<void> {
  const { scenario, file } = loaded;
  const named: [string, string, string][] = [];
  if (scenario.trace.kind === "file") {
    named.push(["trace.file", scenario.trace.path, loaded.traceFile as string]);
  }
  const warmUp = scenario.planner.loadPredictorWarmupTrace;
  if (warmUp !== null) {
    named.push(["planner.loadPredictorWarmupTrace", warmUp, resolve(dirname(file), warmUp)]);
  }
  for (const [field, given, path] of named) {
    try {
      await access(path, constants.R_OK);
      if ((await stat(path)).isDirectory()) {
        throw new InputError(
          `${file}: ${field} ${JSON.stringify(given)}: is a folder, expected a trace file (${path})`,
        );
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        throw new NotFoundError(
          `${file}: ${field} ${JSON.stringify(given)}: no such file (${path})`,
        );
      }
      throw new InputError(
        `${file}: ${field} ${JSON.stringify(given)}: cannot read ${path} (${code})`,
      );
    }
  }
}

/** The JSON value of the scenario file at `file`, not checked yet. */
export async function readScenarioJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new NotFoundError(`${file}: no such scenario file`);
    throw new InputError(`${file}: cannot read the scenario (${code ?? String(error)})`);
  }
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${jsonSyntaxReason(error, json)})`);
  }
}

/**
 * Parses and checks a scenario's JSON value as if read from `file`: errors name `file`, and its
 * paths are resolved against `file`'s folder. A sweep varies the value of one file this way.
 */
export function scenarioFromJson(raw: unknown, file: string): LoadedScenario {
  const scenario = parseScenario(raw, file);
  const base = dirname(file);
  return {
    scenario,
    file,
    profileDir: resolve(base, scenario.profile),
    traceFile: scenario.trace.kind === "file" ? resolve(base, scenario.trace.path) : undefined,
  };
}

/** The scenario's requests in arrival order, its trace file streamed from disk. */
export function openRequests(loaded: LoadedScenario): TraceStream {
  return scenarioRequests(loaded.scenario, (path, format) =>
    readTrace(loaded.traceFile as string, { format, fileName: path }),
  );
}

/**
 * The warm-up the scenario's planner asks for (its loadPredictorWarmupTrace, relative to the
 * scenario file): the trace's load per adjustment interval, read once before the run.
 */
export async function readWarmUp(loaded: LoadedScenario): Promise<WarmUpInterval[]> {
  const path = loaded.scenario.planner.loadPredictorWarmupTrace;
  if (path === null) return [];
  return readWarmUpTrace(
    resolve(dirname(loaded.file), path),
    path,
    loaded.scenario.planner.adjustmentIntervalS,
  );
}

/** One interval of a warm-up: what the planner would have observed. */
export interface WarmUpInterval {
  readonly numReq: number;
  readonly islTokens: number;
  readonly oslTokens: number;
}

/** A trace file's load per interval of `intervalS`, for a predictor warm-up. */
export async function readWarmUpTrace(
  path: string,
  shownAs: string,
  intervalS: number,
): Promise<WarmUpInterval[]> {
  const intervals: WarmUpInterval[] = [];
  const requests = withinAYear(shownAs)(readTrace(path, { fileName: shownAs }));
  for await (const interval of traceIntervals(requests, intervalS)) {
    intervals.push({
      numReq: interval.numReq,
      islTokens: interval.meanIslTokens,
      oslTokens: interval.meanOslTokens,
    });
  }
  return intervals;
}
