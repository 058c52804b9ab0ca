/**
 * What the scenario form calls each planner setting. The JSON keys (`latencyHeadroom`) are the
 * scenario file's words, not a reader's, so each gets a label and its unit, taken from the
 * setting's contract in `PlannerConfig` and README's improvements table; the key itself stays in
 * the field's tooltip for people who edit the JSON. A switch's label says what switching it on
 * does. Keyed by every field of the type, so a setting added to the planner fails to compile
 * here until it has a label.
 */
import type { PlannerConfig } from "../../src/planner/plannerConfig.ts";
import type { OptionLabel } from "./loadOptionLabels.ts";

export const PLANNER_OPTION_LABELS: Readonly<Record<keyof PlannerConfig, OptionLabel>> = {
  // The settings every mode reads, as Dynamo names them.
  mode: { label: "Mode" },
  adjustmentIntervalS: { label: "Adjustment interval", unit: "s" },
  ttftTargetS: { label: "TTFT target", unit: "s" },
  itlTargetS: { label: "ITL target", unit: "s" },
  maxGpuBudget: { label: "GPU budget" },
  minEndpoint: { label: "Minimum replicas per role" },
  prefillEngineNumGpu: { label: "GPUs per prefill engine" },
  decodeEngineNumGpu: { label: "GPUs per decode engine" },
  noCorrection: { label: "Keep both correction factors at 1" },

  // The load predictors. The Kalman filter's noises are variances of the predicted figure, in
  // its own unit squared, so they carry no single unit.
  loadPredictor: { label: "Load predictor" },
  loadPredictionWindowSize: { label: "Observations a predictor keeps" },
  loadPredictorLog1p: { label: "Fit the predictor to log1p of the load" },
  kalmanR: { label: "Kalman measurement noise R" },
  kalmanQLevel: { label: "Kalman process noise Q, level" },
  kalmanQTrend: { label: "Kalman process noise Q, trend" },
  kalmanMinPoints: { label: "Observations before the Kalman filter models" },
  loadPredictorWarmupTrace: { label: "Trace the predictor learns first" },

  // The improvements (improved mode only). 0 switches a count or a duration off, and the unit
  // says so where it does.
  idleScaleDownAfterIntervals: { label: "Idle scale-down after", unit: "intervals, 0: never" },
  holdOnMissingMetrics: { label: "Hold the replicas when metrics are missing" },
  missingMetricsFallbackAfter: {
    label: "Fallback after no metrics for",
    unit: "intervals, 0: never",
  },
  missingMetricsFallbackPrefill: { label: "Fallback prefill replicas" },
  missingMetricsFallbackDecode: { label: "Fallback decode replicas" },
  latencyHeadroom: { label: "Aim at this share of each latency target", unit: "0–1" },
  queueingAwarePrefill: { label: "Size prefill for TTFT including the queue" },
  // The c_a² and c_s² of Allen–Cunneen's queue wait: squared coefficients of variation (CV²).
  arrivalVariability: { label: "Arrival variability", unit: "CV², 1: Poisson" },
  serviceVariability: { label: "Prefill time variability", unit: "CV²" },
  prefillCorrectionCap: { label: "Prefill correction factor cap", unit: "×, 0: none" },
  freezeCorrectionWhileStarting: { label: "Freeze correction while a role's replicas start" },
  decodeCorrectionCap: { label: "Decode correction factor cap", unit: "×, 0: none" },
  countStartingReplicas: { label: "Count starting replicas, keep deciding" },
  scaleDownStabilizationS: { label: "Scale-down stabilization window", unit: "s" },
  consolidationUtilization: {
    label: "Highest utilization after a scale-down",
    unit: "0–1, 1: off",
  },
  maxStepPerInterval: { label: "Step limit per interval", unit: "replicas, 0: none" },
};

/** The label of planner setting `key`. */
export function plannerOptionLabel(key: keyof PlannerConfig): OptionLabel {
  return PLANNER_OPTION_LABELS[key];
}
