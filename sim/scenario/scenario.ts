import { ConfigError, describeValue } from "../../src/errors.ts";
import { parsePlannerConfig, type PlannerConfig } from "../../src/planner/index.ts";
import type { FleetOptions } from "../engine/fleet.ts";
import type { MetricsOutage } from "../engine/runSimulation.ts";
import {
  DEFAULT_SINUSOIDAL_LOAD,
  parseTraceFormat,
  type SinusoidalLoadOptions,
  type TraceFormat,
} from "../traces/index.ts";
import { FieldReader } from "./fieldReader.ts";

/**
 * Where the requests come from: a recorded trace file or Dynamo's sinusoidal load, reshaped by
 * a speed-up (replay k times faster), a replication (k times the traffic, for growth) and a
 * duration limit.
 */
export type TraceSpec = (
  | { readonly kind: "file"; readonly path: string; readonly format: TraceFormat | undefined }
  | { readonly kind: "sinusoidal"; readonly load: SinusoidalLoadOptions }
) & {
  readonly speedUp: number;
  readonly replicate: number;
  /** Requests arriving later (after the speed-up) are not replayed; Infinity keeps them all. */
  readonly durationS: number;
};

/** One what-if run: a load, a profile, a planner and a fleet. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Dynamo profiler results directory, as written in the file (relative to it). */
  readonly profile: string;
  readonly trace: TraceSpec;
  readonly planner: PlannerConfig;
  readonly fleet: FleetOptions;
  readonly seed: number;
  /** Seconds after the last arrival that requests in flight may take to finish. */
  readonly drainLimitS: number;
  /** Windows in which Prometheus does not answer the planner. */
  readonly metricsOutages: readonly MetricsOutage[];
  /** The run lasts at least this long (seconds), quiet after the trace ends; 0: no minimum. */
  readonly runAtLeastS: number;
}

/**
 * A start-up delay typical of an 8B model on one GPU in Kubernetes: scheduling the pod, starting
 * the container from a cached image, loading about 9 GB of FP8 weights and capturing CUDA
 * graphs take one to two minutes with vLLM.
 */
export const DEFAULT_STARTUP_DELAY_S = 90;

const SCENARIO_FIELDS = [
  "name",
  "description",
  "profile",
  "trace",
  "planner",
  "fleet",
  "seed",
  "drainLimitS",
  "metricsOutages",
  "runAtLeastS",
];
const TRACE_FIELDS = ["file", "format", "sinusoidal", "speedUp", "replicate", "durationS"];
const FLEET_FIELDS = ["initialPrefill", "initialDecode", "startupDelayS", "gpuLimit"];

/** Reads and checks a scenario object; `file` names it in errors. */
export function parseScenario(raw: unknown, file: string): Scenario {
  const fields = new FieldReader(raw, file, "", SCENARIO_FIELDS);
  const planner = parsePlannerConfig(fields.raw("planner"), `${file}: planner`);
  const scenario: Scenario = {
    name: fields.string("name"),
    description: fields.has("description") ? fields.string("description") : "",
    profile: fields.string("profile"),
    trace: parseTraceSpec(fields.raw("trace"), file),
    planner,
    fleet: parseFleet(fields.has("fleet") ? fields.raw("fleet") : {}, file, planner),
    seed: fields.number("seed", 1, { whole: true, min: 0, max: 2 ** 32 - 1 }),
    drainLimitS: fields.number("drainLimitS", 3600, { above: 0 }),
    metricsOutages: parseOutages(fields.raw("metricsOutages"), file),
    runAtLeastS: fields.number("runAtLeastS", 0, { min: 0, max: 366 * 24 * 3600 }),
  };
  return scenario;
}

function parseOutages(raw: unknown, file: string): MetricsOutage[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new ConfigError(`${file}: metricsOutages must be a list, got ${describeValue(raw)}`);
  }
  return raw.map((item, i) => {
    const fields = new FieldReader(item, file, `metricsOutages[${i}]`, ["startS", "endS"]);
    const startS = fields.number("startS", undefined, { min: 0 });
    const endS = fields.number("endS", undefined, { above: startS });
    return { startS, endS };
  });
}

function parseTraceSpec(raw: unknown, file: string): TraceSpec {
  const fields = new FieldReader(raw, file, "trace", TRACE_FIELDS);
  const reshape = {
    speedUp: fields.number("speedUp", 1, { above: 0 }),
    replicate: fields.number("replicate", 1, { whole: true, min: 1, max: 1000 }),
    durationS: fields.number("durationS", Infinity, { above: 0 }),
  };
  if (fields.has("file") === fields.has("sinusoidal")) {
    const found = fields.has("file") ? "both" : "neither";
    throw new ConfigError(
      `${file}: trace must have exactly one of "file" or "sinusoidal", got ${found}`,
    );
  }
  if (fields.has("file")) {
    const format = fields.has("format") ? parseFormat(fields) : undefined;
    return { kind: "file", path: fields.string("file"), format, ...reshape };
  }
  if (fields.has("format")) {
    throw new ConfigError(`${fields.where("format")} applies to a trace file, not to "sinusoidal"`);
  }
  const load = parseSinusoidal(fields.raw("sinusoidal"), file);
  return { kind: "sinusoidal", load, ...reshape };
}

function parseFormat(fields: FieldReader): TraceFormat {
  const text = fields.string("format");
  try {
    return parseTraceFormat(text);
  } catch {
    throw new ConfigError(
      `${fields.where("format")} must be "mooncake" or "azure", got ${describeValue(text)}`,
    );
  }
}

function parseSinusoidal(raw: unknown, file: string): SinusoidalLoadOptions {
  const names = Object.keys(DEFAULT_SINUSOIDAL_LOAD) as (keyof SinusoidalLoadOptions)[];
  const fields = new FieldReader(raw, file, "trace.sinusoidal", names);
  const load: Record<string, number> = {};
  for (const name of names) {
    const isShare = name === "islOslRatioMin" || name === "islOslRatioMax";
    const isCount = name.endsWith("Tokens") || name === "totalBlocks";
    const rule = isShare
      ? { min: 0, max: 1 }
      : isCount
        ? { whole: true, min: name.startsWith("osl") ? 0 : 1 }
        : name.startsWith("requestRate")
          ? { min: 0, max: 100_000 }
          : { above: 0 };
    load[name] = fields.number(name, DEFAULT_SINUSOIDAL_LOAD[name], rule);
  }
  if (load.requestRateMinPerS > load.requestRateMaxPerS) {
    throw new ConfigError(
      `${fields.where("requestRateMinPerS")} (${load.requestRateMinPerS}) must not exceed requestRateMaxPerS (${load.requestRateMaxPerS})`,
    );
  }
  return load as unknown as SinusoidalLoadOptions;
}

function parseFleet(raw: unknown, file: string, planner: PlannerConfig): FleetOptions {
  const fields = new FieldReader(raw, file, "fleet", FLEET_FIELDS);
  const fleet: FleetOptions = {
    initialPrefill: fields.number("initialPrefill", 1, { whole: true, min: 0 }),
    initialDecode: fields.number("initialDecode", 1, { whole: true, min: 0 }),
    startupDelayS: fields.number("startupDelayS", DEFAULT_STARTUP_DELAY_S, { min: 0 }),
    gpuLimit: fields.number("gpuLimit", planner.maxGpuBudget, { whole: true, min: 1 }),
    prefillEngineNumGpu: planner.prefillEngineNumGpu,
    decodeEngineNumGpu: planner.decodeEngineNumGpu,
  };
  const initialGpus =
    fleet.initialPrefill * fleet.prefillEngineNumGpu +
    fleet.initialDecode * fleet.decodeEngineNumGpu;
  if (planner.mode === "improved" && initialGpus > planner.maxGpuBudget) {
    throw new ConfigError(
      `${file}: fleet: the initial replicas need ${initialGpus} GPUs, more than the planner's maxGpuBudget ${planner.maxGpuBudget}`,
    );
  }
  if (initialGpus > fleet.gpuLimit) {
    throw new ConfigError(
      `${file}: fleet: the initial replicas need ${initialGpus} GPUs but gpuLimit is ${describeValue(fleet.gpuLimit)}`,
    );
  }
  return fleet;
}
