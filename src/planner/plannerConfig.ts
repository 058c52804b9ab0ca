import { ConfigError, describeValue } from "../errors.ts";
import { LOAD_PREDICTOR_NAMES, type LoadPredictorName } from "./loadPredictor.ts";

/** The planner's rule sets. `dynamo-0.4` reproduces Dynamo v0.4's decisions exactly. */
export const PLANNER_MODES = ["dynamo-0.4"] as const;
export type PlannerMode = (typeof PLANNER_MODES)[number];

/**
 * Everything that shapes the planner's decisions. One schema for the simulator, the live scaler
 * and the workbench; times in seconds, as Dynamo v0.4 takes them.
 */
export interface PlannerConfig {
  readonly mode: PlannerMode;
  /** Seconds between decisions; also the window of every Prometheus query. */
  readonly adjustmentIntervalS: number;
  /** Time-to-first-token target, in seconds. */
  readonly ttftTargetS: number;
  /** Inter-token-latency target, in seconds; it sizes decode. */
  readonly itlTargetS: number;
  /** GPUs that prefill and decode replicas together may use. */
  readonly maxGpuBudget: number;
  /** Fewest replicas of each role. */
  readonly minEndpoint: number;
  readonly prefillEngineNumGpu: number;
  readonly decodeEngineNumGpu: number;
  readonly loadPredictor: LoadPredictorName;
  /** Observations the predictors keep. */
  readonly loadPredictionWindowSize: number;
  /** Keep both correction factors at 1. */
  readonly noCorrection: boolean;
}

/** Dynamo v0.4's defaults (its `SLAPlannerDefaults`), but for the predictor, see below. */
export const DEFAULT_PLANNER_CONFIG: PlannerConfig = {
  mode: "dynamo-0.4",
  adjustmentIntervalS: 180,
  ttftTargetS: 0.5,
  itlTargetS: 0.05,
  maxGpuBudget: 8,
  minEndpoint: 1,
  prefillEngineNumGpu: 1,
  decodeEngineNumGpu: 1,
  // Dynamo defaults to ARIMA; until that predictor exists here, the constant one is the default.
  loadPredictor: "constant",
  loadPredictionWindowSize: 50,
  noCorrection: false,
};

type FieldKind = "positive" | "wholePositive" | "wholeNonNegative" | "boolean" | "choice";

interface FieldSpec {
  readonly key: keyof PlannerConfig;
  readonly kind: FieldKind;
  /** Dynamo's spellings of the same setting (command-line flag and config-file key). */
  readonly aliases: readonly string[];
  readonly choices?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { key: "mode", kind: "choice", aliases: [], choices: PLANNER_MODES },
  {
    key: "adjustmentIntervalS",
    kind: "positive",
    aliases: ["adjustment-interval", "adjustment_interval"],
  },
  { key: "ttftTargetS", kind: "positive", aliases: ["ttft"] },
  { key: "itlTargetS", kind: "positive", aliases: ["itl"] },
  { key: "maxGpuBudget", kind: "wholePositive", aliases: ["max-gpu-budget", "max_gpu_budget"] },
  { key: "minEndpoint", kind: "wholeNonNegative", aliases: ["min-endpoint", "min_endpoint"] },
  {
    key: "prefillEngineNumGpu",
    kind: "wholePositive",
    aliases: ["prefill-engine-num-gpu", "prefill_engine_num_gpu"],
  },
  {
    key: "decodeEngineNumGpu",
    kind: "wholePositive",
    aliases: ["decode-engine-num-gpu", "decode_engine_num_gpu"],
  },
  {
    key: "loadPredictor",
    kind: "choice",
    aliases: ["load-predictor", "load_predictor"],
    choices: LOAD_PREDICTOR_NAMES,
  },
  {
    key: "loadPredictionWindowSize",
    kind: "wholePositive",
    aliases: ["load-prediction-window-size", "load_prediction_window_size"],
  },
  { key: "noCorrection", kind: "boolean", aliases: ["no-correction", "no_correction"] },
];

/**
 * Reads a planner configuration object (from a scenario file, a ConfigMap or the workbench),
 * filling defaults. Dynamo's flag names are accepted beside ours. `where` names the source for
 * errors, e.g. `scenarios/x.json: planner`.
 */
export function parsePlannerConfig(raw: unknown, where: string): PlannerConfig {
  if (raw === undefined) return DEFAULT_PLANNER_CONFIG;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${where}: must be an object, got ${describeValue(raw)}`);
  }
  const config: Record<string, unknown> = { ...DEFAULT_PLANNER_CONFIG };
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    const spec = FIELDS.find((f) => f.key === name || f.aliases.includes(name));
    if (!spec) {
      const known = FIELDS.map((f) => f.key).join(", ");
      throw new ConfigError(`${where}: unknown field "${name}" (known fields: ${known})`);
    }
    const earlier = seen.get(spec.key);
    if (earlier !== undefined) {
      throw new ConfigError(`${where}: "${name}" and "${earlier}" set the same field`);
    }
    seen.set(spec.key, name);
    config[spec.key] = checkField(spec, value, `${where}.${name}`);
  }
  return config as unknown as PlannerConfig;
}

function checkField(spec: FieldSpec, value: unknown, where: string): unknown {
  const isNumber = typeof value === "number" && Number.isFinite(value);
  switch (spec.kind) {
    case "positive":
      if (isNumber && value > 0) return value;
      throw new ConfigError(`${where} must be a number > 0, got ${describeValue(value)}`);
    case "wholePositive":
      if (isNumber && Number.isInteger(value) && value > 0) return value;
      throw new ConfigError(`${where} must be a whole number ≥ 1, got ${describeValue(value)}`);
    case "wholeNonNegative":
      if (isNumber && Number.isInteger(value) && value >= 0) return value;
      throw new ConfigError(`${where} must be a whole number ≥ 0, got ${describeValue(value)}`);
    case "boolean":
      if (typeof value === "boolean") return value;
      throw new ConfigError(`${where} must be true or false, got ${describeValue(value)}`);
    case "choice":
      if (typeof value === "string" && spec.choices?.includes(value)) return value;
      throw new ConfigError(
        `${where} must be one of ${spec.choices?.map((c) => `"${c}"`).join(", ")}, got ${describeValue(value)}`,
      );
  }
}
