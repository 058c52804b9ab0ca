/**
 * What the decision panel calls each term of Dynamo's replica formulas (the planner's
 * `ReplicaRequirements`), with its unit where it has one. The panel is narrow, so labels stay
 * short: the prefill terms are at the predicted ISL and after the correction, the decode ones
 * within the corrected ITL, as `computeReplicaRequirements` explains. Keyed by every field of
 * the type, so a term added to the planner fails to compile here until it has a label.
 */
import type { ReplicaRequirements } from "../../src/planner/replicaRequirements.ts";

export const REPLICA_TERM_LABELS: Readonly<Record<keyof ReplicaRequirements, string>> = {
  prefillTokensPerS: "Prefill tokens/s to serve",
  prefillTokensPerSPerGpu: "Prefill tokens/s per GPU",
  correctedItlS: "Corrected ITL target (s)",
  itlCorrectionIgnored: "Decode correction ignored (factor ≤ 0)",
  decodeTokensPerS: "Decode tokens/s to serve",
  decodeTokensPerSPerGpu: "Decode tokens/s per GPU",
  rawPrefill: "Prefill replicas by the formula",
  rawDecode: "Decode replicas by the formula",
  flooredPrefill: "Prefill replicas after the minimum",
  flooredDecode: "Decode replicas after the minimum",
  gpusRequired: "GPUs those need",
  budgetApplied: "Shrunk to the GPU budget",
  numPrefill: "Prefill replicas asked for",
  numDecode: "Decode replicas asked for",
  gpusAllocated: "GPUs those use",
  overBudget: "Over the budget because of",
};

/** The label of replica term `key`; a term the table does not know shows its key. */
export function replicaTermLabel(key: string): string {
  return (REPLICA_TERM_LABELS as Readonly<Record<string, string>>)[key] ?? key;
}
