import { ConfigError, describeValue } from "../errors.ts";
import { LOAD_PREDICTOR_NAMES, type LoadPredictorName } from "./loadPredictor.ts";

/**
 * The planner's rule sets. `dynamo-0.4` reproduces Dynamo v0.4's decisions exactly;
 * `dynamo-current` follows Dynamo's later rules (floor-based budget, (0, 0) when the budget cannot
 * cover the minimums, Kalman and log1p predictors); `improved`, the default, adds the fixes
 * Dynamo's users ask for, each of which can be switched off on its own.
 */
export const PLANNER_MODES = ["improved", "dynamo-0.4", "dynamo-current"] as const;
export type PlannerMode = (typeof PLANNER_MODES)[number];

/**
 * Everything that shapes the planner's decisions. One schema for the simulator, the live scaler
 * and the workbench; times in seconds.
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
  /** Predictors fit log1p of the load and return expm1 of the forecast. */
  readonly loadPredictorLog1p: boolean;
  readonly kalmanR: number;
  readonly kalmanQLevel: number;
  readonly kalmanQTrend: number;
  readonly kalmanMinPoints: number;
  /**
   * A recorded trace (Mooncake or Azure) whose per-interval load the predictors learn before
   * the first decision, as Dynamo's warm-up option does; the shells read it, the planner never
   * touches files. Relative to the file that names it. null: none.
   */
  readonly loadPredictorWarmupTrace: string | null;
  /** Keep both correction factors at 1. */
  readonly noCorrection: boolean;

  // The improvements, read in `improved` mode only. 0 switches a count or a duration off.

  /** Intervals without traffic after which both roles go to the minimum (0: never). */
  readonly idleScaleDownAfterIntervals: number;
  /** An empty answer, an error or no answer from Prometheus holds the replicas (not zero load). */
  readonly holdOnMissingMetrics: boolean;
  /** After this many intervals in a row without metrics, apply the fallback counts (0: never). */
  readonly missingMetricsFallbackAfter: number;
  readonly missingMetricsFallbackPrefill: number;
  readonly missingMetricsFallbackDecode: number;
  /**
   * Share of each latency target that sizing aims at (1: exactly the target). Sizing decode to
   * run exactly at the ITL target leaves every busier-than-average batch above it; aiming a
   * little lower keeps most requests within the target.
   */
  readonly latencyHeadroom: number;
  /** Size prefill so that TTFT including queueing meets the target (an M/G/c estimate). */
  readonly queueingAwarePrefill: boolean;
  /** Squared coefficient of variation of inter-arrival times (1 for Poisson arrivals). */
  readonly arrivalVariability: number;
  /** Squared coefficient of variation of prefill service times. */
  readonly serviceVariability: number;
  /**
   * The prefill correction factor (observed over expected TTFT) is kept within [1 / cap, cap]
   * (0: no cap). Real traffic is often far burstier than the queue model's arrivals, so the
   * observed TTFT can be many times the expected one without a backlog; beyond the cap the
   * window is taken to carry a backlog instead.
   */
  readonly prefillCorrectionCap: number;
  /** Keep a role's correction factor while replicas of that role are starting. */
  readonly freezeCorrectionWhileStarting: boolean;
  /**
   * The decode correction factor is kept within [1 / cap, cap] (0: no cap). A factor far from 1
   * usually measures a backlog or a cold replica rather than an engine slower than profiled.
   */
  readonly decodeCorrectionCap: number;
  /** Count replicas ordered but not ready, and act while they start instead of dropping. */
  readonly countStartingReplicas: boolean;
  /** A scale-down waits this long after the last change, and keeps the highest recent need. */
  readonly scaleDownStabilizationS: number;
  /** Scale down only if the remaining replicas would run below this share of capacity. */
  readonly consolidationUtilization: number;
  /** Most replicas a role may gain or lose in one interval (0: no limit). */
  readonly maxStepPerInterval: number;
}

/** Dynamo's defaults (its `SLAPlannerDefaults`) and the improvements switched on. */
export const DEFAULT_PLANNER_CONFIG: PlannerConfig = {
  mode: "improved",
  adjustmentIntervalS: 180,
  ttftTargetS: 0.5,
  itlTargetS: 0.05,
  maxGpuBudget: 8,
  minEndpoint: 1,
  prefillEngineNumGpu: 1,
  decodeEngineNumGpu: 1,
  loadPredictor: "constant",
  loadPredictionWindowSize: 50,
  loadPredictorLog1p: false,
  kalmanR: 10,
  kalmanQLevel: 1,
  kalmanQTrend: 0.1,
  kalmanMinPoints: 5,
  loadPredictorWarmupTrace: null,
  noCorrection: false,
  idleScaleDownAfterIntervals: 3,
  holdOnMissingMetrics: true,
  missingMetricsFallbackAfter: 0,
  missingMetricsFallbackPrefill: 1,
  missingMetricsFallbackDecode: 1,
  latencyHeadroom: 0.85,
  queueingAwarePrefill: true,
  arrivalVariability: 1,
  serviceVariability: 0.25,
  prefillCorrectionCap: 20,
  freezeCorrectionWhileStarting: true,
  decodeCorrectionCap: 3,
  countStartingReplicas: true,
  scaleDownStabilizationS: 180,
  consolidationUtilization: 0.8,
  maxStepPerInterval: 0,
};

/**
 * Whether the deployment's replica targets wait for it to settle: Dynamo drops a decision while
 * replicas are starting (its readiness gate); the improved mode counts them instead.
 */
export function dropsDecisionsWhileStarting(config: PlannerConfig): boolean {
  return config.mode !== "improved" || !config.countStartingReplicas;
}

/** The fields that only `improved` mode reads. */
export const IMPROVEMENT_FIELDS: readonly (keyof PlannerConfig)[] = [
  "idleScaleDownAfterIntervals",
  "holdOnMissingMetrics",
  "missingMetricsFallbackAfter",
  "missingMetricsFallbackPrefill",
  "missingMetricsFallbackDecode",
  "latencyHeadroom",
  "queueingAwarePrefill",
  "arrivalVariability",
  "serviceVariability",
  "prefillCorrectionCap",
  "freezeCorrectionWhileStarting",
  "decodeCorrectionCap",
  "countStartingReplicas",
  "scaleDownStabilizationS",
  "consolidationUtilization",
  "maxStepPerInterval",
];

type FieldKind =
  | "positive"
  | "atLeastOne"
  | "nonNegative"
  | "cap"
  | "share"
  | "wholePositive"
  | "wholeNonNegative"
  | "boolean"
  | "path"
  | "choice";

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
    kind: "atLeastOne",
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
  {
    key: "loadPredictorLog1p",
    kind: "boolean",
    aliases: ["load-predictor-log1p", "load_predictor_log1p"],
  },
  { key: "kalmanR", kind: "positive", aliases: ["kalman-r", "kalman_r"] },
  { key: "kalmanQLevel", kind: "nonNegative", aliases: ["kalman-q-level", "kalman_q_level"] },
  { key: "kalmanQTrend", kind: "nonNegative", aliases: ["kalman-q-trend", "kalman_q_trend"] },
  {
    key: "kalmanMinPoints",
    kind: "wholePositive",
    aliases: ["kalman-min-points", "kalman_min_points"],
  },
  {
    key: "loadPredictorWarmupTrace",
    kind: "path",
    aliases: ["load-predictor-warmup-trace", "load_predictor_warmup_trace"],
  },
  { key: "noCorrection", kind: "boolean", aliases: ["no-correction", "no_correction"] },
  { key: "idleScaleDownAfterIntervals", kind: "wholeNonNegative", aliases: [] },
  { key: "holdOnMissingMetrics", kind: "boolean", aliases: [] },
  { key: "missingMetricsFallbackAfter", kind: "wholeNonNegative", aliases: [] },
  { key: "missingMetricsFallbackPrefill", kind: "wholeNonNegative", aliases: [] },
  { key: "missingMetricsFallbackDecode", kind: "wholeNonNegative", aliases: [] },
  { key: "latencyHeadroom", kind: "share", aliases: [] },
  { key: "queueingAwarePrefill", kind: "boolean", aliases: [] },
  { key: "arrivalVariability", kind: "nonNegative", aliases: [] },
  { key: "serviceVariability", kind: "nonNegative", aliases: [] },
  { key: "prefillCorrectionCap", kind: "cap", aliases: [] },
  { key: "freezeCorrectionWhileStarting", kind: "boolean", aliases: [] },
  { key: "decodeCorrectionCap", kind: "cap", aliases: [] },
  { key: "countStartingReplicas", kind: "boolean", aliases: [] },
  { key: "scaleDownStabilizationS", kind: "nonNegative", aliases: [] },
  { key: "consolidationUtilization", kind: "share", aliases: [] },
  { key: "maxStepPerInterval", kind: "wholeNonNegative", aliases: [] },
];

/** Dynamo's flags whose unit changed: seconds in v0.4, milliseconds from v0.5 on. */
const MILLISECOND_ALIASES_AFTER_V04 = new Set(["ttft", "itl"]);

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
  const mode = config.mode as PlannerMode;

  // Dynamo's --ttft and --itl were seconds in v0.4 and are milliseconds since.
  for (const [key, name] of seen) {
    if (mode !== "dynamo-0.4" && MILLISECOND_ALIASES_AFTER_V04.has(name)) {
      const ms = config[key] as number;
      if (ms < 1) {
        throw new ConfigError(
          `${where}.${name} is in milliseconds in mode "${mode}" (as in Dynamo since v0.5), and ${ms} ms is not a plausible target; for seconds write ${key}`,
        );
      }
      config[key] = ms / 1000;
    }
  }

  // The improvements belong to `improved` mode: setting one elsewhere is a mistake to report.
  if (mode !== "improved") {
    const misplaced = IMPROVEMENT_FIELDS.find((key) => seen.has(key));
    if (misplaced !== undefined) {
      throw new ConfigError(
        `${where}.${misplaced} applies to mode "improved" only, but mode is "${mode}"`,
      );
    }
  }
  const parsed = config as unknown as PlannerConfig;
  if (mode === "improved" && parsed.minEndpoint < 1) {
    throw new ConfigError(
      `${where}.minEndpoint must be at least 1 in mode "improved", got ${parsed.minEndpoint}: a role with no replica cannot show the traffic that would bring one back`,
    );
  }
  checkBudgetCoversMinimums(parsed, where);
  return parsed;
}

/**
 * In `improved` mode a configuration whose minimum replicas alone need more GPUs than the budget
 * is refused at start: no decision could honour both. (Dynamo v0.4 lets the minimums win;
 * later Dynamo returns 0 and 0 with a warning; those modes keep their behaviour.)
 */
export function checkBudgetCoversMinimums(config: PlannerConfig, where: string): void {
  if (config.mode !== "improved") return;
  const minimumsNeed =
    config.minEndpoint * (config.prefillEngineNumGpu + config.decodeEngineNumGpu);
  if (minimumsNeed > config.maxGpuBudget) {
    throw new ConfigError(
      `${where}: the minimum of ${config.minEndpoint} replica(s) per role needs ${minimumsNeed} GPUs (${config.prefillEngineNumGpu} per prefill engine, ${config.decodeEngineNumGpu} per decode engine), more than maxGpuBudget ${config.maxGpuBudget}`,
    );
  }
}

function checkField(spec: FieldSpec, value: unknown, where: string): unknown {
  const isNumber = typeof value === "number" && Number.isFinite(value);
  switch (spec.kind) {
    case "positive":
      if (isNumber && value > 0) return value;
      throw new ConfigError(`${where} must be a number > 0, got ${describeValue(value)}`);
    case "cap":
      if (isNumber && (value === 0 || value >= 1)) return value;
      throw new ConfigError(
        `${where} must be 0 (no cap) or a number ≥ 1, got ${describeValue(value)}`,
      );
    case "atLeastOne":
      if (isNumber && value >= 1) return value;
      throw new ConfigError(
        `${where} must be a number of seconds ≥ 1, got ${describeValue(value)}`,
      );
    case "nonNegative":
      if (isNumber && value >= 0) return value;
      throw new ConfigError(`${where} must be a number ≥ 0, got ${describeValue(value)}`);
    case "share":
      if (isNumber && value > 0 && value <= 1) return value;
      throw new ConfigError(`${where} must be a number > 0 and ≤ 1, got ${describeValue(value)}`);
    case "wholePositive":
      if (isNumber && Number.isInteger(value) && value > 0) return value;
      throw new ConfigError(`${where} must be a whole number ≥ 1, got ${describeValue(value)}`);
    case "wholeNonNegative":
      if (isNumber && Number.isInteger(value) && value >= 0) return value;
      throw new ConfigError(`${where} must be a whole number ≥ 0, got ${describeValue(value)}`);
    case "path":
      if (value === null || (typeof value === "string" && value.length > 0)) return value;
      throw new ConfigError(`${where} must be a file path or null, got ${describeValue(value)}`);
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

/** Our name for a planner setting given in any accepted spelling, or undefined if unknown. */
export function canonicalPlannerField(name: string): keyof PlannerConfig | undefined {
  return FIELDS.find((f) => f.key === name || f.aliases.includes(name))?.key;
}
