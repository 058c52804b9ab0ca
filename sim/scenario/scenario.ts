import { ConfigError, describeValue } from "../../src/errors.ts";
import { parsePlannerConfig, type PlannerConfig } from "../../src/planner/index.ts";
import type { EngineOptions } from "../engine/engineOptions.ts";
import type { FleetOptions } from "../engine/fleet.ts";
import type { ScrapeSettings } from "../engine/prometheusScraper.ts";
import type { MetricsOutage, SimulationSetup } from "../engine/runSimulation.ts";
import {
  burstLoad,
  DEFAULT_BURST_LOAD,
  DEFAULT_DIURNAL_LOAD,
  DEFAULT_POISSON_LOAD,
  DEFAULT_REQUEST_SHAPES,
  diurnalLoad,
  poissonLoad,
  stepLoad,
  type StepLoadOptions,
  DEFAULT_SINUSOIDAL_LOAD,
  parseTraceFormat,
  type SinusoidalLoadOptions,
  type TraceFormat,
} from "../traces/index.ts";
import { parseEngine } from "./engineSection.ts";
import { FieldReader } from "./fieldReader.ts";

/**
 * Where the requests come from: a recorded trace file or Dynamo's sinusoidal load, reshaped by
 * a speed-up (replay k times faster), a replication (k times the traffic, for growth) and a
 * duration limit.
 */
export type TraceSpec = (
  | { readonly kind: "file"; readonly path: string; readonly format: TraceFormat | undefined }
  | { readonly kind: "sinusoidal"; readonly load: SinusoidalLoadOptions }
  | {
      readonly kind: "generated";
      readonly generator: LoadGeneratorName;
      /** The generator's options as written; checked by the generator when parsed. */
      readonly options: Readonly<Record<string, unknown>>;
    }
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
  /** How the simulated engines behave beyond the profile (KV cache, routing, failures...). */
  readonly engine: EngineOptions;
  readonly seed: number;
  /** Seconds after the last arrival that requests in flight may take to finish. */
  readonly drainLimitS: number;
  /** Windows in which Prometheus does not answer the planner. */
  readonly metricsOutages: readonly MetricsOutage[];
  /** The run lasts at least this long (seconds), quiet after the trace ends; 0: no minimum. */
  readonly runAtLeastS: number;
  /**
   * How Prometheus scrapes the frontend (every 5 s unless set); null ("prometheus": false): the
   * planner reads each window's figures exactly, with no scrape lag.
   */
  readonly scrape: ScrapeSettings | null;
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
  "prometheus",
  "engine",
];
/** The synthetic loads a scenario may name beside Dynamo's sinusoid, and their generators. */
export const LOAD_GENERATORS = {
  poisson: (seed: number, options: Record<string, unknown>) => poissonLoad(seed, options),
  steps: (seed: number, options: Record<string, unknown>) =>
    stepLoad(seed, options as unknown as StepLoadOptions),
  bursts: (seed: number, options: Record<string, unknown>) => burstLoad(seed, options),
  diurnal: (seed: number, options: Record<string, unknown>) => diurnalLoad(seed, options),
} as const;
export type LoadGeneratorName = keyof typeof LOAD_GENERATORS;

/** Each generator's option names, for the unknown-field check. */
const GENERATOR_FIELDS: Record<LoadGeneratorName, readonly string[]> = {
  poisson: Object.keys(DEFAULT_POISSON_LOAD),
  steps: ["steps", ...Object.keys(DEFAULT_REQUEST_SHAPES)],
  bursts: Object.keys(DEFAULT_BURST_LOAD),
  diurnal: Object.keys(DEFAULT_DIURNAL_LOAD),
};

const SOURCES = ["file", "sinusoidal", ...Object.keys(LOAD_GENERATORS)];
const TRACE_FIELDS = [...SOURCES, "format", "speedUp", "replicate", "durationS"];
const FLEET_FIELDS = [
  "initialPrefill",
  "initialDecode",
  "startupDelayS",
  "startupDelayMaxS",
  "gpuLimit",
];

/** Reads and checks a scenario object; `file` names it in errors. */
export function parseScenario(raw: unknown, file: string): Scenario {
  const fields = new FieldReader(raw, file, "", SCENARIO_FIELDS);
  const planner = parsePlannerConfig(fields.raw("planner"), `${file}: planner`);
  const seed = fields.number("seed", 1, { whole: true, min: 0, max: 2 ** 32 - 1 });
  const fleet = parseFleet(fields.has("fleet") ? fields.raw("fleet") : {}, file, planner);
  const scenario: Scenario = {
    name: fields.string("name"),
    description: fields.has("description") ? fields.string("description") : "",
    profile: fields.string("profile"),
    trace: parseTraceSpec(fields.raw("trace"), file),
    planner,
    // Drawn start-up delays follow the scenario's seed too.
    fleet: fleet.startupDelayMaxS === undefined ? fleet : { ...fleet, seed },
    engine: parseEngine(fields.raw("engine"), file, seed),
    seed,
    drainLimitS: fields.number("drainLimitS", 3600, { above: 0 }),
    metricsOutages: parseOutages(fields.raw("metricsOutages"), file),
    runAtLeastS: fields.number("runAtLeastS", 0, { min: 0, max: 366 * 24 * 3600 }),
    scrape:
      fields.raw("prometheus") === false
        ? null
        : parseScrape(fields.raw("prometheus"), file, planner.adjustmentIntervalS),
  };
  return scenario;
}

/** The seed deployment's Prometheus scrapes every 5 s. */
function parseScrape(raw: unknown, file: string, adjustmentIntervalS: number): ScrapeSettings {
  // increase() over a window needs two samples in it, so the scrape is at most half the
  // window; under 0.1 s the scrapes alone would flood the simulation.
  const longestS = adjustmentIntervalS / 2;
  if (raw === undefined) {
    const intervalS = Math.min(5, longestS);
    return { intervalS, offsetS: intervalS / 2 };
  }
  const fields = new FieldReader(raw, file, "prometheus", ["scrapeIntervalS", "scrapeOffsetS"]);
  const intervalS = fields.number("scrapeIntervalS", Math.min(5, longestS), { min: 0.1 });
  if (intervalS > longestS) {
    throw new ConfigError(
      `${fields.where("scrapeIntervalS")} must be at most half the planner's adjustment interval ` +
        `(${longestS} s), so that increase() sees two samples in every window, got ${intervalS}`,
    );
  }
  const offsetS = fields.number("scrapeOffsetS", intervalS / 2, { min: 0, max: intervalS });
  return { intervalS, offsetS };
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
  const given = SOURCES.filter((source) => fields.has(source));
  if (given.length !== 1) {
    const found = given.length === 0 ? "neither" : given.map((g) => `"${g}"`).join(" and ");
    throw new ConfigError(
      `${file}: trace must have exactly one of "file" or "sinusoidal" (or a ` +
        `synthetic load: "poisson", "steps", "bursts", "diurnal"), got ${found}`,
    );
  }
  if (fields.has("file")) {
    const format = fields.has("format") ? parseFormat(fields) : undefined;
    return { kind: "file", path: fields.string("file"), format, ...reshape };
  }
  if (fields.has("format")) {
    throw new ConfigError(
      `${fields.where("format")} applies to a trace file, not to "${given[0]}"`,
    );
  }
  if (fields.has("sinusoidal")) {
    const load = parseSinusoidal(fields.raw("sinusoidal"), file);
    return { kind: "sinusoidal", load, ...reshape };
  }
  const generator = given[0] as LoadGeneratorName;
  const options = new FieldReader(
    fields.raw(generator),
    file,
    `trace.${generator}`,
    GENERATOR_FIELDS[generator],
  ).entries();
  try {
    // The generators check their options when called and draw nothing until iterated.
    LOAD_GENERATORS[generator](0, options);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(`${file}: trace.${generator}: ${error.message}`);
    throw error;
  }
  return { kind: "generated", generator, options, ...reshape };
}

function parseFormat(fields: FieldReader): TraceFormat {
  const text = fields.string("format");
  try {
    return parseTraceFormat(text);
  } catch {
    throw new ConfigError(
      `${fields.where("format")} must be "mooncake", "azure" or "burstgpt", got ${describeValue(text)}`,
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
        : name.startsWith("requestRate") && name !== "requestRatePeriodS"
          ? { min: 0, max: 100_000 }
          : { above: 0 };
    load[name] = fields.number(name, DEFAULT_SINUSOIDAL_LOAD[name], rule);
  }
  if (load.requestRateMinPerS > load.requestRateMaxPerS) {
    throw new ConfigError(
      `${fields.where("requestRateMinPerS")} (${load.requestRateMinPerS}) ` +
        `must not exceed requestRateMaxPerS (${load.requestRateMaxPerS})`,
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
    ...(fields.has("startupDelayMaxS")
      ? {
          startupDelayMaxS: fields.number("startupDelayMaxS", undefined, {
            min: fields.number("startupDelayS", DEFAULT_STARTUP_DELAY_S, { min: 0 }),
          }),
        }
      : {}),
    gpuLimit: fields.number("gpuLimit", planner.maxGpuBudget, { whole: true, min: 1 }),
    prefillEngineNumGpu: planner.prefillEngineNumGpu,
    decodeEngineNumGpu: planner.decodeEngineNumGpu,
  };
  const initialGpus =
    fleet.initialPrefill * fleet.prefillEngineNumGpu +
    fleet.initialDecode * fleet.decodeEngineNumGpu;
  if (planner.mode === "improved" && initialGpus > planner.maxGpuBudget) {
    throw new ConfigError(
      `${file}: fleet: the initial replicas need ${initialGpus} GPUs, ` +
        `more than the planner's maxGpuBudget ${planner.maxGpuBudget}`,
    );
  }
  if (initialGpus > fleet.gpuLimit) {
    throw new ConfigError(
      `${file}: fleet: the initial replicas need ${initialGpus} ` +
        `GPUs but gpuLimit is ${describeValue(fleet.gpuLimit)}`,
    );
  }
  return fleet;
}

/** What a scenario fixes of a simulation setup: all but the model, the requests and callbacks. */
export function scenarioSettings(scenario: Scenario) {
  return {
    planner: scenario.planner,
    fleet: scenario.fleet,
    engine: scenario.engine,
    drainLimitS: scenario.drainLimitS,
    metricsOutages: scenario.metricsOutages,
    runUntilS: scenario.runAtLeastS,
    scrape: scenario.scrape ?? undefined,
    deploymentName: scenario.name,
  } satisfies Partial<SimulationSetup>;
}
