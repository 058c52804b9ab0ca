import type { SimulationResult } from "../engine/runSimulation.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { PercentileSummary, RunSummary } from "./simulationReport.ts";

/** The end-of-run summary `slaplan sim` prints, as lines of text. */
export function summaryText(
  scenario: Scenario,
  summary: RunSummary,
  result: SimulationResult,
): string[] {
  const r = summary.requests;
  const planner = scenario.planner;
  const rejectedDetail = r.rejected === 0 ? "" : ` (${rejectionReasons(r).join(", ")})`;
  const unjudged = [
    r.noOutput > 0 ? `${count(r.noOutput)} completed with no output token` : "",
    r.nonStreaming > 0 ? `${count(r.nonStreaming)} not streamed` : "",
  ].filter((part) => part !== "");
  const unjudgedDetail =
    unjudged.length === 0 ? "" : `; ${unjudged.join(", ")} (no TTFT or ITL to judge)`;
  const meanGpus = summary.simulatedS > 0 ? summary.gpuHours / (summary.simulatedS / 3600) : 0;
  return [
    `Summary of ${scenario.name}`,
    `  requests       ${count(r.arrived)} arrived, ${count(r.completed)} completed, ` +
      `${count(r.rejected)} rejected${rejectedDetail}, ${count(r.unfinished)} unfinished${unjudgedDetail}`,
    `  TTFT           ${latency(summary.ttftS)}   target ${seconds(planner.ttftTargetS)}`,
    `  ITL            ${latency(summary.itlS)}   target ${seconds(planner.itlTargetS)} (each request's mean)`,
    `  SLA attained   ${percent(summary.slaAttainment)} of requests met both targets`,
    `  GPU-hours      ${summary.gpuHours.toFixed(2)} over ` +
      `${count(Math.round(summary.simulatedS))} s simulated (mean ${meanGpus.toFixed(2)} GPUs)`,
    `  scaling        ${plural(summary.scalingActions, "action")}, ` +
      `${plural(summary.decisionsDroppedNotReady, "decision")} dropped ` +
      `while replicas were starting; peak ${summary.peakPrefillReplicas} prefill, ` +
      `${summary.peakDecodeReplicas} decode held`,
    `  engines        ${engineLine(summary.engine)}`,
    ...replicaTimeline(result),
  ];
}

/** Why requests were not served, for those reasons that occurred. */
function rejectionReasons(r: RunSummary["requests"]): string[] {
  return [
    [r.rejectedExceedingContext, "longer than the model context"],
    [r.rejectedExceedingKvCapacity, "larger than a decode KV cache"],
    [r.failedPreemptionLimit, "preempted too often"],
    [r.failedMigrationLimit, "lost to replica failures beyond the migration limit"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${count(n as number)} ${what}`);
}

function engineLine(e: RunSummary["engine"]): string {
  const parts = [
    Number.isNaN(e.prefixCacheHitShare)
      ? "no prompt prefilled"
      : `${percent(e.prefixCacheHitShare)} of prompt tokens from prefix caches`,
    plural(e.preemptions, "decode preemption"),
    `${plural(e.failures, "replica failure")} (${plural(e.migrations, "request retry", "request retries")})`,
    Number.isNaN(e.meanKvTransferS)
      ? "no KV transfer finished"
      : `KV transfer ${(e.meanKvTransferS * 1000).toFixed(2)} ms mean`,
  ];
  return parts.join(", ");
}

/** Replicas serving or starting after each interval's decision, one character an interval. */
function replicaTimeline(result: SimulationResult): string[] {
  const digit = (n: number) => (n < 10 ? String(n) : "+");
  const live = (c: { pending: number; starting: number; ready: number }) =>
    c.pending + c.starting + c.ready;
  const prefill = result.intervals.map((i) => digit(live(i.prefillAfter))).join("");
  const decode = result.intervals.map((i) => digit(live(i.decodeAfter))).join("");
  return [
    `  replicas held after each decision, serving or starting (+ means 10 or more):`,
    `    prefill      ${prefill}`,
    `    decode       ${decode}`,
  ];
}

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${count(n)} ${n === 1 ? noun : nouns}`;
}

function latency(p: PercentileSummary): string {
  return `p50 ${seconds(p.p50)}  p90 ${seconds(p.p90)}  p99 ${seconds(p.p99)}`;
}

function seconds(s: number): string {
  return Number.isNaN(s) ? "n/a" : `${s.toFixed(3)} s`;
}

function percent(share: number): string {
  return Number.isNaN(share) ? "n/a" : `${(share * 100).toFixed(1)} %`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
