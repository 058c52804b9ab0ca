import {
  dropsDecisionsWhileStarting,
  type IntervalObservation,
  type PlannerConfig,
  type PlannerDecision,
  type PlannerLogLine,
  type SlaPlanner,
} from "../planner/index.ts";
import type { DeploymentView, DgdClient, Role } from "./dgdClient.ts";
import { readFrontend, type FrontendSelector } from "./frontendQueries.ts";
import type { LiveOutcome, PlannerMetrics } from "./plannerMetrics.ts";
import type { PrometheusClient } from "./prometheusClient.ts";

/** What one adjustment interval of the live scaler did. */
export interface LiveInterval {
  readonly decision: PlannerDecision | null;
  readonly outcome: LiveOutcome;
  /** Replicas written, per role (empty unless scaled). */
  readonly written: Partial<Record<Role, number>>;
}

export interface LiveScalerSetup {
  readonly config: PlannerConfig;
  readonly planner: SlaPlanner;
  readonly prometheus: PrometheusClient;
  readonly selector: FrontendSelector;
  readonly deployment: DgdClient;
  /** `active` writes replica counts; `advisory` computes, logs and exports, and changes nothing. */
  readonly mode: "active" | "advisory";
  readonly metrics: PlannerMetrics;
  /** Receives every log line: the planner's, in Dynamo's words, and the scaler's own. */
  readonly log: (line: PlannerLogLine) => void;
}

/**
 * The live planner's adjustment interval, as Dynamo's planner service runs it: read the
 * deployment (workers serving and starting, readiness), query Prometheus for the frontend's
 * window, let the planner decide, then write the replica counts. Errors of the cluster or of
 * Prometheus are logged and the fleet held; nothing here throws.
 *
 * While the deployment is not Ready, Dynamo drops the decision; in the dynamo modes this does
 * the same. Otherwise the decision is not lost: a scale-up is deferred (logged, counted, and
 * reconsidered next interval, when the planner decides afresh) while a scale-down goes ahead,
 * since removing replicas does not wait on those still starting.
 */
export async function runLiveInterval(setup: LiveScalerSetup, atS: number): Promise<LiveInterval> {
  const { log } = setup;
  let view: DeploymentView;
  try {
    view = await setup.deployment.read();
  } catch (error) {
    log({
      level: "error",
      message: `Cannot read the deployment: ${(error as Error).message}; holding`,
    });
    return { decision: null, outcome: "held", written: {} };
  }
  const reading = await readFrontend(setup.prometheus, setup.selector);
  for (const problem of reading.problems) {
    log({ level: "warning", message: `Prometheus (${reading.metrics}): ${problem}` });
  }
  const observation: IntervalObservation = {
    ...reading.figures,
    numPrefillWorkers: view.prefill.serving,
    numDecodeWorkers: view.decode.serving,
    numPrefillStarting: Math.max(0, view.prefill.replicas - view.prefill.serving),
    numDecodeStarting: Math.max(0, view.decode.replicas - view.decode.serving),
    metrics: reading.metrics,
    atS,
  };
  const decision = setup.planner.adjust(observation);
  for (const line of decision.log) log(line);
  const gpus =
    view.prefill.replicas * setup.config.prefillEngineNumGpu +
    view.decode.replicas * setup.config.decodeEngineNumGpu;
  const finish = (outcome: LiveOutcome, written: Partial<Record<Role, number>> = {}) => {
    setup.metrics.record(decision, outcome, gpus, setup.config.adjustmentIntervalS);
    return { decision, outcome, written };
  };

  if (decision.target === null) return finish("held");
  const wanted: Record<Role, number> = {
    prefill: decision.target.numPrefill,
    decode: decision.target.numDecode,
  };
  const changes = (["prefill", "decode"] as const).filter((r) => wanted[r] !== view[r].replicas);
  if (changes.length === 0) return finish("unchanged");
  const summary = `prefill ${view.prefill.replicas} → ${wanted.prefill}, decode ${view.decode.replicas} → ${wanted.decode}`;
  if (setup.mode === "advisory") {
    log({ level: "info", message: `Advisory mode: would scale ${summary}` });
    return finish("advised");
  }
  if (!view.ready) {
    if (dropsDecisionsWhileStarting(setup.config)) {
      const message = `Deployment ${setup.deployment.name} is not ready, ignoring this scaling`;
      log({ level: "warning", message });
      return finish("not-ready");
    }
    if (changes.some((role) => wanted[role] > view[role].replicas)) {
      log({
        level: "warning",
        message: `Deployment is not Ready (${view.readyMessage}): deferring ${summary}; reconsidered next interval`,
      });
      return finish("deferred");
    }
  }
  const written: Partial<Record<Role, number>> = {};
  for (const role of changes) {
    try {
      await setup.deployment.setReplicas(role, wanted[role]);
      written[role] = wanted[role];
    } catch (error) {
      log({
        level: "error",
        message: `Scaling ${role} to ${wanted[role]} failed: ${(error as Error).message}`,
      });
      return finish("failed", written);
    }
  }
  log({ level: "info", message: `Scaled ${summary}` });
  return finish("scaled", written);
}
