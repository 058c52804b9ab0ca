/** The headline figures of the run shown as A: does it keep the SLA, and what does it cost. */
import type { RunSummary } from "../../sim/report/simulationReport.ts";
import { formatValue } from "../state/runComparison.ts";

export function SummaryCards(props: {
  summary: RunSummary;
  targets: { ttftS: number; itlS: number };
  /** GPU-hours of the scenario's hindsight lower bound. */
  boundGpuHours: number;
}) {
  const { summary, targets, boundGpuHours } = props;
  const cards: [string, string, string][] = [
    [
      "SLA attainment",
      formatValue(summary.slaAttainment, "percent"),
      "requests meeting both targets",
    ],
    [
      "GPU-hours",
      formatValue(summary.gpuHours, "gpu-hours"),
      `over ${(summary.simulatedS / 3600).toFixed(2)} h; ${timesBound(summary.gpuHours, boundGpuHours)}`,
    ],
    [
      "TTFT p99",
      formatValue(summary.ttftS.p99, "seconds"),
      `target ${formatValue(targets.ttftS, "seconds")}, p50 ${formatValue(summary.ttftS.p50, "seconds")}`,
    ],
    [
      "ITL p99",
      formatValue(summary.itlS.p99, "seconds"),
      `target ${formatValue(targets.itlS, "seconds")}, p50 ${formatValue(summary.itlS.p50, "seconds")}`,
    ],
    [
      "Scaling actions",
      formatValue(summary.scalingActions, "count"),
      `${summary.decisionsDroppedNotReady} dropped while not ready`,
    ],
    [
      "Peak replicas",
      `${summary.peakPrefillReplicas} P / ${summary.peakDecodeReplicas} D`,
      `${summary.requests.completed.toLocaleString("en-US")} of ` +
        `${summary.requests.arrived.toLocaleString("en-US")} requests completed`,
    ],
  ];
  return (
    <dl className="summary-cards" data-testid="summary">
      {cards.map(([title, value, detail]) => (
        <div className="card" key={title}>
          <dt>{title}</dt>
          <dd className="value">{value}</dd>
          <dd className="detail">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "1.27× the hindsight bound of 3.77" (the bound: what an oracle sizing by throughput spends). */
export function timesBound(gpuHours: number, boundGpuHours: number): string {
  if (!(boundGpuHours > 0)) return "no hindsight bound (no servable request)";
  return `${(gpuHours / boundGpuHours).toFixed(2)}× the hindsight bound of ${boundGpuHours.toFixed(2)}`;
}
