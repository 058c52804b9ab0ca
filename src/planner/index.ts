// The planner's public API: pure functions and classes, no I/O, clock or randomness.
export { CubicSpline } from "./cubicSpline.ts";
export { CloughTocherInterpolant, estimateGradients } from "./cloughTocher.ts";
export {
  DECODE_GRID_RESOLUTION,
  DecodeInterpolator,
  type DecodeOperatingPoint,
} from "./decodeInterpolator.ts";
export {
  ConstantPredictor,
  createLoadPredictor,
  LOAD_PREDICTOR_NAMES,
  type LoadPredictor,
  type LoadPredictorName,
} from "./loadPredictor.ts";
export type { IntervalObservation, MetricsAvailability } from "./observation.ts";
export {
  canonicalPlannerField,
  DEFAULT_PLANNER_CONFIG,
  dropsDecisionsWhileStarting,
  IMPROVEMENT_FIELDS,
  parsePlannerConfig,
  PLANNER_MODES,
  type PlannerConfig,
  type PlannerMode,
} from "./plannerConfig.ts";
export type {
  CorrectionFactors,
  DecisionClamp,
  DecisionOutcome,
  ImprovedSizing,
  PlannerDecision,
  PlannerLogLine,
  PredictedLoad,
} from "./plannerDecision.ts";
export { PrefillInterpolator } from "./prefillInterpolator.ts";
export { bestDecodeBatch, DecodeStepModel, type DecodeBatchPoint } from "./decodeStepModel.ts";
export { erlangC, meanQueueWaitS, prefillEnginesForTtft } from "./prefillQueueing.ts";
export { fitBudgetByFloor, fitBudgetKeepingUp, type BudgetedCounts } from "./gpuBudget.ts";
export { buildProfileModel, type ProfileModel } from "./profileModel.ts";
export { formatFixed, pythonMin } from "./pythonFormat.ts";
export {
  computeReplicaRequirements,
  type OverBudgetCause,
  type ReplicaInputs,
  type ReplicaRequirements,
} from "./replicaRequirements.ts";
export { roundHalfEven } from "./roundHalfEven.ts";
export { SlaPlanner } from "./slaPlanner.ts";
export { Triangulation } from "./triangulation.ts";
