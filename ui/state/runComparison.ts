/**
 * Two runs side by side: the figures a capacity planner weighs (attainment, cost, how often and
 * how far the planner scaled, latency tails), each with the difference B − A.
 */
import type { RunSummary } from "../../sim/report/simulationReport.ts";

export interface ComparisonRow {
  readonly label: string;
  readonly a: number;
  readonly b: number;
  /** b − a, in the row's unit. */
  readonly difference: number;
  /** How to print the row's values. */
  readonly unit: "percent" | "gpu-hours" | "count" | "seconds";
  /** Whether a larger value is better (attainment), worse (cost, latency) or neither. */
  readonly better: "higher" | "lower" | "neither";
}

const ROWS: readonly {
  label: string;
  unit: ComparisonRow["unit"];
  better: ComparisonRow["better"];
  of: (s: RunSummary) => number;
}[] = [
  { label: "SLA attainment", unit: "percent", better: "higher", of: (s) => s.slaAttainment },
  { label: "GPU-hours", unit: "gpu-hours", better: "lower", of: (s) => s.gpuHours },
  { label: "Scaling actions", unit: "count", better: "neither", of: (s) => s.scalingActions },
  {
    label: "Peak prefill replicas",
    unit: "count",
    better: "neither",
    of: (s) => s.peakPrefillReplicas,
  },
  {
    label: "Peak decode replicas",
    unit: "count",
    better: "neither",
    of: (s) => s.peakDecodeReplicas,
  },
  { label: "TTFT p99", unit: "seconds", better: "lower", of: (s) => s.ttftS.p99 },
  { label: "ITL p99", unit: "seconds", better: "lower", of: (s) => s.itlS.p99 },
  { label: "Requests rejected", unit: "count", better: "lower", of: (s) => s.requests.rejected },
];

export function compareRuns(a: RunSummary, b: RunSummary): ComparisonRow[] {
  return ROWS.map(({ label, unit, better, of }) => ({
    label,
    unit,
    better,
    a: of(a),
    b: of(b),
    difference: of(b) - of(a),
  }));
}

/** A value as the table prints it; NaN (nothing to judge) as an en dash. */
export function formatValue(value: number, unit: ComparisonRow["unit"], signed = false): string {
  if (!Number.isFinite(value)) return "–";
  const sign = signed && value > 0 ? "+" : "";
  switch (unit) {
    case "percent":
      return `${sign}${(value * 100).toFixed(1)}${signed ? " pt" : " %"}`;
    case "gpu-hours":
      return `${sign}${value.toFixed(2)}`;
    case "count":
      return `${sign}${Math.round(value).toLocaleString("en-US")}`;
    case "seconds":
      // Below a second in milliseconds: "12.5 ms" reads better than "0.01 s".
      if (value < 1 && value > -1) return `${sign}${(value * 1000).toFixed(1)} ms`;
      return `${sign}${value.toFixed(2)} s`;
  }
}
