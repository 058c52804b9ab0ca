import { decimalNumber } from "./numberOptions.ts";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, describeValue, InputError, jsonSyntaxReason } from "../../src/errors.ts";
import {
  buildProfileModel,
  canonicalPlannerField,
  computeReplicaRequirements,
  parsePlannerConfig,
  SlaPlanner,
  type IntervalObservation,
  type MetricsAvailability,
  type PlannerConfig,
  type ReplicaRequirements,
} from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { readWarmUpTrace } from "../scenario/loadScenario.ts";
import { runBacktestCommand } from "./backtestCommand.ts";
import { readJsonLines, type JsonLine } from "./jsonLines.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { UsageError } from "./usageError.ts";

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_PROFILE = join(PACKAGE_ROOT, "profiles", "h200-llama3.1-8b-fp8");

const USAGE = `Usage: slaplan plan replicas [--profile DIR]
       slaplan plan replay FILE [--profile DIR] [--config PLANNER.json] [planner flags]
       slaplan plan backtest TRACE [options]   (see 'slaplan plan backtest --help')

replicas  Reads JSON lines on standard input, each a predicted load and the sizing rules:
            num_req, isl, osl (required), interval_s (180), p_correction (1), d_correction (1),
            itl_target_s (0.05), max_gpu_budget (8), min_endpoint (1),
            prefill_engine_num_gpu (1), decode_engine_num_gpu (1)
          and writes one JSON line per input with num_prefill, num_decode and every
          intermediate term of Dynamo v0.4's replica formula.

replay    Reads JSON lines of observed intervals from FILE ("-" for standard input):
            num_req, isl, osl, ttft_s, itl_s, request_duration_s,
            num_prefill_workers, num_decode_workers   (null or "NaN" for an empty window)
          and writes the planner's decision for each, in order, as Dynamo's planner would
          make it: correction factors, predicted load, replica counts, or why it skipped.

Options:
  --profile DIR                  Dynamo profiler results (default: the bundled H200 profile)
  --config FILE                  planner configuration JSON (replay; Dynamo's names accepted)
  --mode M                       improved (default), dynamo-0.4 or dynamo-current
  --load-predictor P             constant (default), arima, kalman or seasonal
  --load-predictor-warmup-trace T  a trace whose load the predictors learn first
  --adjustment-interval S, --ttft T, --itl T, --max-gpu-budget N, --min-endpoint N,
  --prefill-engine-num-gpu N, --decode-engine-num-gpu N, --no-correction
                                 planner settings for replay, as Dynamo's flags (--ttft and
                                 --itl in seconds with dynamo-0.4, milliseconds otherwise,
                                 as in Dynamo)
  -h, --help                     show this help`;

export const PLANNER_FLAGS = {
  mode: { type: "string" },
  "load-predictor": { type: "string" },
  "load-predictor-warmup-trace": { type: "string" },
  "adjustment-interval": { type: "string" },
  ttft: { type: "string" },
  itl: { type: "string" },
  "max-gpu-budget": { type: "string" },
  "min-endpoint": { type: "string" },
  "prefill-engine-num-gpu": { type: "string" },
  "decode-engine-num-gpu": { type: "string" },
  "no-correction": { type: "boolean" },
} as const;

/** `slaplan plan …`: returns the exit status. */
export async function runPlanCommand(args: readonly string[]): Promise<number> {
  if (args[0] === "backtest") return runBacktestCommand(args.slice(1));
  const { values, positionals } = parseCommandArgs(
    args,
    {
      profile: { type: "string" },
      config: { type: "string" },
      help: { type: "boolean", short: "h" },
      ...PLANNER_FLAGS,
    },
    "plan",
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [subcommand, ...files] = positionals;
  if (subcommand === "replicas" && files.length === 0) {
    const plannerFlag = [...Object.keys(PLANNER_FLAGS), "config"].find((f) => f in values);
    if (plannerFlag !== undefined) {
      throw new UsageError(
        `--${plannerFlag} applies to "plan replay"; "plan replicas" reads its settings from each input line`,
        "plan",
      );
    }
    await planReplicas(values.profile ?? DEFAULT_PROFILE);
    return 0;
  }
  if (subcommand === "replay" && files.length === 1) {
    const config = await plannerConfigFrom(values);
    await replay(files[0], values.profile ?? DEFAULT_PROFILE, config);
    return 0;
  }
  const got = positionals.length === 0 ? "nothing" : `"${positionals.join(" ")}"`;
  throw new UsageError(`expected "plan replicas" or "plan replay FILE", got ${got}`, "plan");
}

async function loadInterpolators(profileDir: string) {
  return buildProfileModel(await readProfileDir(profileDir));
}

async function planReplicas(profileDir: string): Promise<void> {
  const { prefill, decode } = await loadInterpolators(profileDir);
  for await (const line of readJsonLines("-")) {
    const fields = new LineFields(line, REPLICA_FIELDS, ["num_prefill", "num_decode"]);
    const replicas = computeReplicaRequirements(
      {
        numReq: fields.number("num_req", undefined, 0),
        islTokens: fields.number("isl", undefined, 0),
        oslTokens: fields.number("osl", undefined, 0),
        intervalS: fields.number("interval_s", 180, 0, true),
        prefillCorrection: fields.number("p_correction", 1, 0),
        decodeCorrection: fields.number("d_correction", 1, 0),
        itlTargetS: fields.number("itl_target_s", 0.05, 0, true),
        maxGpuBudget: fields.whole("max_gpu_budget", 8, 1),
        minEndpoint: fields.whole("min_endpoint", 1, 0),
        prefillEngineNumGpu: fields.whole("prefill_engine_num_gpu", 1, 1),
        decodeEngineNumGpu: fields.whole("decode_engine_num_gpu", 1, 1),
      },
      prefill,
      decode,
    );
    process.stdout.write(`${JSON.stringify(replicasToJson(replicas))}\n`);
  }
}

async function replay(file: string, profileDir: string, config: PlannerConfig): Promise<void> {
  const planner = new SlaPlanner(config, await loadInterpolators(profileDir));
  const warmUpTrace = config.loadPredictorWarmupTrace;
  if (warmUpTrace !== null) {
    planner.warmUp(await readWarmUpTrace(warmUpTrace, warmUpTrace, config.adjustmentIntervalS));
  }
  for await (const line of readJsonLines(file)) {
    const fields = new LineFields(line, OBSERVATION_FIELDS, []);
    const observed: IntervalObservation = {
      numReq: fields.figure("num_req"),
      islTokens: fields.figure("isl"),
      oslTokens: fields.figure("osl"),
      ttftS: fields.figure("ttft_s"),
      itlS: fields.figure("itl_s"),
      requestDurationS: fields.figure("request_duration_s"),
      numPrefillWorkers: fields.whole("num_prefill_workers", undefined, 0),
      numDecodeWorkers: fields.whole("num_decode_workers", undefined, 0),
      numPrefillStarting: fields.whole("num_prefill_starting", 0, 0),
      numDecodeStarting: fields.whole("num_decode_starting", 0, 0),
      metrics: fields.availability("metrics"),
    };
    const decision = planner.adjust(observed);
    const out = {
      interval: decision.intervalIndex,
      outcome: decision.outcome,
      reason: decision.reason,
      correction: decision.correction,
      predicted: decision.predicted,
      num_prefill: decision.target?.numPrefill ?? null,
      num_decode: decision.target?.numDecode ?? null,
      replicas: decision.replicas === null ? null : replicasToJson(decision.replicas),
      log: decision.log.filter((l) => l.level !== "debug").map((l) => `${l.level}: ${l.message}`),
    };
    process.stdout.write(
      `${JSON.stringify(out, (_k, v) => (Number.isFinite(v) || typeof v !== "number" ? v : null))}\n`,
    );
  }
}

const REPLICA_FIELDS = [
  "num_req",
  "isl",
  "osl",
  "interval_s",
  "p_correction",
  "d_correction",
  "itl_target_s",
  "max_gpu_budget",
  "min_endpoint",
  "prefill_engine_num_gpu",
  "decode_engine_num_gpu",
];
const OBSERVATION_FIELDS = [
  "num_req",
  "isl",
  "osl",
  "ttft_s",
  "itl_s",
  "request_duration_s",
  "num_prefill_workers",
  "num_decode_workers",
  "num_prefill_starting",
  "num_decode_starting",
  "metrics",
];

function replicasToJson(r: ReplicaRequirements) {
  return {
    num_prefill: r.numPrefill,
    num_decode: r.numDecode,
    prefill_tokens_per_s: r.prefillTokensPerS,
    prefill_tokens_per_s_per_gpu: r.prefillTokensPerSPerGpu,
    corrected_itl_s: r.correctedItlS,
    decode_tokens_per_s: r.decodeTokensPerS,
    decode_tokens_per_s_per_gpu: r.decodeTokensPerSPerGpu,
    raw_prefill: r.rawPrefill,
    raw_decode: r.rawDecode,
    floored_prefill: r.flooredPrefill,
    floored_decode: r.flooredDecode,
    gpus_required: r.gpusRequired,
    budget_applied: r.budgetApplied,
    gpus_allocated: r.gpusAllocated,
    over_budget: r.overBudget,
  };
}

/** Checked access to the fields of one input line. */
class LineFields {
  private readonly line: JsonLine;

  constructor(line: JsonLine, known: readonly string[], ignored: readonly string[]) {
    this.line = line;
    for (const name of Object.keys(line.value)) {
      if (!known.includes(name) && !ignored.includes(name)) {
        throw new InputError(
          `${line.where}: unknown field "${name}" (expected: ${known.join(", ")})`,
        );
      }
    }
  }

  /** A finite number ≥ min (> min when `strict`), or the fallback when absent. */
  number(name: string, fallback: number | undefined, min: number, strict = false): number {
    const value = this.line.value[name];
    if (value === undefined && fallback !== undefined) return fallback;
    const ok =
      typeof value === "number" && Number.isFinite(value) && (strict ? value > min : value >= min);
    if (!ok) throw this.error(name, `a number ${strict ? ">" : "≥"} ${min}`, value);
    return value as number;
  }

  whole(name: string, fallback: number | undefined, min: number): number {
    const value = this.line.value[name];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === "number" && Number.isInteger(value) && value >= min) return value;
    throw this.error(name, `a whole number ≥ ${min}`, value);
  }

  /** How the metrics query went: "ok" (the default), "empty", "error" or "unreachable". */
  availability(name: string): MetricsAvailability {
    const value = this.line.value[name];
    if (value === undefined) return "ok";
    if (value === "ok" || value === "empty" || value === "error" || value === "unreachable") {
      return value;
    }
    throw this.error(name, '"ok", "empty", "error" or "unreachable"', value);
  }

  /** An observed figure: a number ≥ 0, or null / "NaN" for a window without traffic. */
  figure(name: string): number {
    const value = this.line.value[name];
    if (value === null || value === "NaN") return Number.NaN;
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
    throw this.error(name, 'a number ≥ 0, or null or "NaN" for an empty window', value);
  }

  private error(name: string, expected: string, found: unknown): InputError {
    const shown = found === undefined ? "nothing" : describeValue(found);
    return new InputError(`${this.line.where}: ${name} must be ${expected}, got ${shown}`);
  }
}

/**
 * The planner configuration for replay: the --config file (Dynamo's names accepted), then the
 * flags over it; a flag replaces the file's setting of the same field whatever its spelling.
 */
export async function plannerConfigFrom(values: Record<string, unknown>): Promise<PlannerConfig> {
  let raw: Record<string, unknown> = {};
  let where = "planner flags";
  if (typeof values.config === "string") {
    const file = values.config;
    where = file;
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new ConfigError(`${file}: cannot read the planner configuration`);
    }
    let parsed: unknown;
    const json = text.replace(/^\uFEFF/, "");
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new ConfigError(`${file}: not valid JSON (${jsonSyntaxReason(error, json)})`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(
        `${file}: must be a JSON object of planner settings, got ${describeValue(parsed)}`,
      );
    }
    raw = { ...(parsed as Record<string, unknown>) };
    // A warm-up trace named in the file is relative to the file.
    for (const [name, value] of Object.entries(raw)) {
      if (canonicalPlannerField(name) === "loadPredictorWarmupTrace" && typeof value === "string") {
        raw[name] = resolve(dirname(file), value);
      }
    }
  }
  const given: string[] = [];
  for (const flag of Object.keys(PLANNER_FLAGS)) {
    const value = values[flag];
    if (value === undefined) continue;
    given.push(flag);
    const field = canonicalPlannerField(flag);
    for (const name of Object.keys(raw)) {
      if (canonicalPlannerField(name) === field) delete raw[name];
    }
    const isText = ["mode", "load-predictor", "load-predictor-warmup-trace"].includes(flag);
    raw[flag] = typeof value === "string" && !isText ? numberFromFlag(flag, value) : value;
  }
  try {
    return parsePlannerConfig(raw, where);
  } catch (error) {
    throw flagNamed(error, where, given);
  }
}

/**
 * The parser names a setting by its place ("planner flags.minEndpoint", or the --config file's
 * name even when a flag set it); a setting given as a flag is named as the user typed it,
 * "--min-endpoint".
 */
function flagNamed(error: unknown, where: string, flags: readonly string[]): unknown {
  if (!(error instanceof ConfigError)) return error;
  for (const flag of flags) {
    for (const name of new Set([flag, canonicalPlannerField(flag)])) {
      const prefix = `${where}.${name} `;
      if (error.message.startsWith(prefix)) {
        return new ConfigError(`--${flag} ${error.message.slice(prefix.length)}`);
      }
    }
  }
  return error;
}

function numberFromFlag(flag: string, text: string): number {
  const value = decimalNumber(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new ConfigError(`--${flag} must be a number, got ${JSON.stringify(text)}`);
  }
  return value;
}
