/**
 * Reads a sweep file and its base scenario and checks every point's scenario with the scenario
 * parser, its profile and its trace file, before anything runs: a sweep that would fail at its
 * hundredth point fails now, naming the sweep file and the parameter at fault.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";
import {
  InputError,
  jsonSyntaxReason,
  NotFoundError,
  PlannerWorkbenchError,
} from "../../src/errors.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { readScenarioJson, scenarioFromJson } from "../scenario/loadScenario.ts";
import {
  parameterNames,
  parseSweepDefinition,
  type ParameterValue,
  type SweepDefinition,
} from "../sweep/sweepDefinition.ts";
import { sweepPoints, type SweepPoint } from "../sweep/sweepPoints.ts";
import { withParameters } from "../sweep/withParameters.ts";
import { withContext } from "./withContext.ts";

/** A sweep ready to run: its definition, its points and what they read. */
export interface LoadedSweep {
  readonly file: string;
  readonly definition: SweepDefinition;
  /** The base scenario file, resolved against the sweep file's folder. */
  readonly scenarioFile: string;
  readonly scenarioJson: unknown;
  readonly points: readonly SweepPoint[];
  /** Identifies the sweep: a SHA-256 of the sweep's and the base scenario's JSON. */
  readonly hash: string;
  /** Profile folders and trace files the points read, each once. */
  readonly profileDirs: readonly string[];
  readonly traceFiles: readonly string[];
}

/** What a worker needs to run one point: the scenario's JSON as if read from `scenarioFile`. */
export interface PointJob {
  readonly point: SweepPoint;
  readonly scenarioFile: string;
  readonly scenarioJson: unknown;
}

/** Reads and checks the sweep at `file`; see the module comment. */
export async function loadSweep(file: string): Promise<LoadedSweep> {
  // 1. The sweep file, then its base scenario.
  const sweepJson = await readJsonFile(file, "sweep");
  const fallbackName = basename(file).replace(/(\.sweep)?\.json$/, "");
  const definition = parseSweepDefinition(sweepJson, file, fallbackName);
  // Joined rather than resolved, so that messages show the path as the user would write it.
  const scenarioFile = isAbsolute(definition.scenario)
    ? definition.scenario
    : join(dirname(file), definition.scenario);
  const scenarioJson = await withContext(`${file}: scenario`, () => readScenarioJson(scenarioFile));

  // 2. Every point's scenario, with the parser's own checks.
  const points = sweepPoints(definition, file);
  const profileDirs = new Set<string>();
  const traceFiles = new Set<string>();
  for (const point of points) {
    const loaded = checkPoint({ definition, scenarioFile, scenarioJson }, point, file);
    profileDirs.add(loaded.profileDir);
    if (loaded.traceFile !== undefined) traceFiles.add(loaded.traceFile);
  }

  // 3. The files they read: each profile parses, each trace file is there.
  for (const dir of profileDirs) {
    await withContext(`${scenarioFile}: profile`, () => readProfileDir(dir));
  }
  for (const trace of traceFiles) await requireFile(trace, `${scenarioFile}: trace`);
  return {
    file,
    definition,
    scenarioFile,
    scenarioJson,
    points,
    hash: sweepHash(sweepJson, scenarioJson),
    profileDirs: [...profileDirs],
    traceFiles: [...traceFiles],
  };
}

/** The scenario of `point`: the base, then the sweep's fixed fields, its parameters, its seed. */
export function pointJob(
  sweep: Pick<LoadedSweep, "definition" | "scenarioFile" | "scenarioJson">,
  point: SweepPoint,
): PointJob {
  const fields: [string, ParameterValue][] = [
    ...sweep.definition.set,
    ...Object.entries(point.parameters),
    ...(point.seed === null ? [] : [["seed", point.seed] as [string, number]]),
  ];
  return {
    point,
    scenarioFile: sweep.scenarioFile,
    scenarioJson: withParameters(sweep.scenarioJson, fields),
  };
}

/**
 * Parses a point's scenario. On failure the error names the sweep file and the culprit: the
 * `set` field or the parameter that fails alone, else the whole point.
 */
function checkPoint(
  sweep: Pick<LoadedSweep, "definition" | "scenarioFile" | "scenarioJson">,
  point: SweepPoint,
  file: string,
) {
  try {
    const job = pointJob(sweep, point);
    return scenarioFromJson(job.scenarioJson, job.scenarioFile);
  } catch (error) {
    if (!(error instanceof PlannerWorkbenchError)) throw error;
    throw error.withContext(`${file}: ${culprit(sweep, point)}`);
  }
}

function culprit(
  sweep: Pick<LoadedSweep, "definition" | "scenarioFile" | "scenarioJson">,
  point: SweepPoint,
): string {
  const { definition } = sweep;
  const fails = (fields: [string, ParameterValue][]) => {
    try {
      scenarioFromJson(withParameters(sweep.scenarioJson, fields), sweep.scenarioFile);
      return false;
    } catch {
      return true;
    }
  };
  for (const [path, value] of definition.set) {
    if (fails([[path, value]])) return `set "${path}" = ${JSON.stringify(value)}`;
  }
  for (const path of parameterNames(definition.design)) {
    const value = point.parameters[path];
    if (fails([...definition.set, [path, value]])) {
      return `parameter "${path}" = ${JSON.stringify(value)}`;
    }
  }
  const seed = point.seed === null ? "" : `, seed ${point.seed}`;
  return `point ${point.index} (${describeParameters(point.parameters)}${seed})`;
}

/** "planner.maxGpuBudget=8, planner.loadPredictor=kalman" */
export function describeParameters(parameters: Readonly<Record<string, unknown>>): string {
  return Object.entries(parameters)
    .map(([path, value]) => `${path}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/**
 * SHA-256 over the sweep's and the base scenario's JSON, keys sorted so that layout and key
 * order do not matter. Descriptions are left out: rewording one is not a different sweep.
 */
export function sweepHash(sweepJson: unknown, scenarioJson: unknown): string {
  const text = canonicalJson({
    sweep: withoutDescription(sweepJson),
    scenario: withoutDescription(scenarioJson),
  });
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

function withoutDescription(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const { description: _description, ...rest } = value as Record<string, unknown>;
  return rest;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new NotFoundError(`${file}: no such ${what} file`);
    throw new InputError(`${file}: cannot read the ${what} (${code ?? String(error)})`);
  }
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${jsonSyntaxReason(error, json)})`);
  }
}

async function requireFile(path: string, context: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) return;
  } catch {
    throw new NotFoundError(`${context}: ${path}: no such file`);
  }
  throw new InputError(`${context}: ${path}: not a file`);
}
