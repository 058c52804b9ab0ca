/**
 * A sweep's results per parameter combination, its seeds aggregated: mean attainment and
 * GPU-hours with 95 % intervals, and whether the combination is on the cost–attainment frontier
 * (judged on the means). Ordered by mean GPU-hours, cheapest first.
 */
import { onFrontier } from "../capacity/frontier.ts";
import { meanInterval, type MeanInterval } from "./meanInterval.ts";
import type { PointResult } from "./pointResult.ts";
import { combinationKey, type ParameterCombination } from "./sweepPoints.ts";

export interface CombinationSummary {
  readonly parameters: ParameterCombination;
  readonly seeds: readonly number[];
  readonly attainment: MeanInterval;
  readonly gpuHours: MeanInterval;
  readonly scalingActions: MeanInterval;
  readonly ttftP99S: MeanInterval;
  readonly itlP99S: MeanInterval;
  readonly onFrontier: boolean;
}

/** One summary per distinct combination among `results`, cheapest first. */
export function combinationSummaries(results: readonly PointResult[]): CombinationSummary[] {
  const groups = new Map<string, PointResult[]>();
  for (const result of [...results].sort((a, b) => a.index - b.index)) {
    const key = combinationKey(result.parameters);
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  const summaries = [...groups.values()].map((group) => ({
    parameters: group[0].parameters,
    seeds: group.map((r) => r.seed),
    attainment: meanInterval(group.map((r) => r.attainment)),
    gpuHours: meanInterval(group.map((r) => r.gpuHours)),
    scalingActions: meanInterval(group.map((r) => r.scalingActions)),
    ttftP99S: meanInterval(group.map((r) => r.ttftP99S)),
    itlP99S: meanInterval(group.map((r) => r.itlP99S)),
  }));
  const frontier = onFrontier(
    summaries.map((s) => ({ gpuHours: s.gpuHours.mean, attainment: s.attainment.mean })),
  );
  // A stable sort keeps the sweep's order among equal costs.
  return summaries
    .map((summary, i) => ({ ...summary, onFrontier: frontier[i] }))
    .sort((a, b) => byCost(a.gpuHours.mean, b.gpuHours.mean));
}

/** Ascending, NaN last. */
function byCost(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  return Number.isNaN(b) ? -1 : a - b;
}
