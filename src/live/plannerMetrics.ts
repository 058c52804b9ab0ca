import { Counter, Gauge, Registry } from "prom-client";
import type { PlannerDecision } from "../planner/index.ts";

/** What became of one interval's decision in the live scaler. */
export type LiveOutcome =
  /** Replica counts were written to the deployment. */
  | "scaled"
  /** The deployment already had the counts asked for. */
  | "unchanged"
  /** The planner held the fleet (skipped, failed, or no target). */
  | "held"
  /** A scale-up waited for the deployment to be Ready; it is reconsidered next interval. */
  | "deferred"
  /** Dropped because the deployment was not Ready (Dynamo's modes, as Dynamo does). */
  | "not-ready"
  /** Advisory mode: computed and logged, nothing changed. */
  | "advised"
  /** The write to the deployment failed. */
  | "failed";

/**
 * The planner's own metrics, served on its /metrics (prom-client): worker counts, observed and
 * predicted load, correction factors, replica targets, cumulative GPU-hours, the adjustment
 * interval, and decisions by outcome. Names start with `slaplan_`.
 */
export class PlannerMetrics {
  readonly registry = new Registry();
  private readonly workers = this.gauge("workers", "Workers serving, by role.", ["role"]);
  private readonly observed = this.gauge(
    "observed",
    "Load and latency the last interval observed (num_req, isl, osl, ttft_s, itl_s).",
    ["figure"],
  );
  private readonly predicted = this.gauge(
    "predicted",
    "Load predicted for the next interval (num_req, isl, osl).",
    ["figure"],
  );
  private readonly correction = this.gauge("correction_factor", "Correction factors, by role.", [
    "role",
  ]);
  private readonly target = this.gauge("replica_target", "Replicas the planner asks for.", [
    "role",
  ]);
  private readonly gpuHours = this.gauge("gpu_hours", "GPU-hours of the workers so far.", []);
  // The predicted num_req is a count per interval: a reader needs the interval to make it a rate.
  private readonly intervalS = this.gauge(
    "adjustment_interval_seconds",
    "The planner's adjustment interval.",
    [],
  );
  private readonly decisions = new Counter({
    name: "slaplan_decisions_total",
    help: "Adjustment intervals, by what became of their decision.",
    labelNames: ["outcome"],
    registers: [this.registry],
  });
  private gpuHoursSoFar = 0;

  /** Records an interval: its decision, what became of it, and GPUs held for `intervalS`. */
  record(decision: PlannerDecision, outcome: LiveOutcome, gpusHeld: number, intervalS: number) {
    const o = decision.observed;
    this.workers.set({ role: "prefill" }, o.numPrefillWorkers);
    this.workers.set({ role: "decode" }, o.numDecodeWorkers);
    const figures: [string, number][] = [
      ["num_req", o.numReq],
      ["isl", o.islTokens],
      ["osl", o.oslTokens],
      ["ttft_s", o.ttftS],
      ["itl_s", o.itlS],
    ];
    for (const [figure, value] of figures) this.observed.set({ figure }, value);
    if (decision.predicted !== null) {
      this.predicted.set({ figure: "num_req" }, decision.predicted.numReq);
      this.predicted.set({ figure: "isl" }, decision.predicted.islTokens);
      this.predicted.set({ figure: "osl" }, decision.predicted.oslTokens);
    }
    if (decision.correction !== null) {
      this.correction.set({ role: "prefill" }, decision.correction.prefill);
      this.correction.set({ role: "decode" }, decision.correction.decode);
    }
    if (decision.target !== null) {
      this.target.set({ role: "prefill" }, decision.target.numPrefill);
      this.target.set({ role: "decode" }, decision.target.numDecode);
    }
    this.gpuHoursSoFar += (gpusHeld * intervalS) / 3600;
    this.gpuHours.set(this.gpuHoursSoFar);
    this.intervalS.set(intervalS);
    this.decisions.inc({ outcome });
  }

  /** The exposition text for GET /metrics. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  private gauge(name: string, help: string, labelNames: string[]): Gauge<string> {
    return new Gauge({ name: `slaplan_${name}`, help, labelNames, registers: [this.registry] });
  }
}
