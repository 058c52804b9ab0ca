/**
 * The sweep's report as text: one row per parameter combination, cheapest first, with mean
 * attainment and GPU-hours over its seeds and their 95 % intervals, the mean scaling actions
 * and p99 TTFT, and a mark for the cost–attainment frontier.
 */
import type { CombinationSummary } from "./combinationSummaries.ts";
import type { MeanInterval } from "./meanInterval.ts";
import { combinationKey } from "./sweepPoints.ts";

/** The report's cells: a header, then one row per combination, in the summaries' order. */
export interface SweepReportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The table; `parameterNames` are the columns for the varied parameters, in order. */
export function sweepReportTable(
  summaries: readonly CombinationSummary[],
  parameterNames: readonly string[],
  bounds?: ReadonlyMap<string, number>,
): SweepReportTable {
  const header = [
    ...parameterNames,
    "seeds",
    "attainment (95 % CI)",
    "GPU-hours (95 % CI)",
    ...(bounds === undefined ? [] : ["× bound"]),
    "actions",
    "TTFT p99",
    "frontier",
  ];
  const rows = summaries.map((s) => {
    const bound = bounds?.get(combinationKey(s.parameters));
    const times =
      bound === undefined || !(bound > 0) ? "n/a" : formatNumber(s.gpuHours.mean / bound, 2);
    return [
      ...parameterNames.map((name) => formatParameter(s.parameters[name])),
      String(s.seeds.length),
      withInterval(s.attainment, 100, 1, " %"),
      withInterval(s.gpuHours, 1, 2, ""),
      ...(bounds === undefined ? [] : [times]),
      formatNumber(s.scalingActions.mean, 1),
      `${formatNumber(s.ttftP99S.mean, 3)} s`,
      s.onFrontier ? "yes" : "",
    ];
  });
  return { header, rows };
}

/** The table as lines of aligned columns. */
export function sweepReportText(table: SweepReportTable): string[] {
  const { header, rows } = table;
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A parameter's value as a table shows it: text as is, numbers to four significant digits. */
export function formatParameter(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && !Number.isInteger(value)) return String(+value.toPrecision(4));
  return JSON.stringify(value) ?? String(value);
}

/** "83.1 % ± 2.4", or "83.1 %" with one seed; "n/a" when nothing was measured. */
function withInterval(interval: MeanInterval, scale: number, digits: number, unit: string) {
  if (Number.isNaN(interval.mean)) return "n/a";
  const mean = `${formatNumber(interval.mean * scale, digits)}${unit}`;
  if (Number.isNaN(interval.halfWidth)) return mean;
  return `${mean} ± ${formatNumber(interval.halfWidth * scale, digits)}`;
}

function formatNumber(value: number, digits: number): string {
  return Number.isNaN(value) ? "n/a" : value.toFixed(digits);
}
