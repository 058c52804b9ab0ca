/**
 * The cost–attainment frontier: of a set of configurations, those no other beats on both counts
 * (as cheap or cheaper in GPU-hours and as good or better in SLA attainment, strictly better in
 * one). Everything off the frontier costs more for the same service or serves worse for the
 * same cost.
 */

export interface CostAndAttainment {
  readonly gpuHours: number;
  /** Share of requests meeting both targets, 0..1 (NaN: nothing to judge, never on the frontier). */
  readonly attainment: number;
}

/**
 * For each point, whether it is on the frontier. Ties (equal cost and attainment) are all kept.
 * O(n log n): sorted by cost (then by attainment, best first), a point is on the frontier when
 * its attainment beats every cheaper point's.
 */
export function onFrontier(points: readonly CostAndAttainment[]): boolean[] {
  const order = points
    .map((_, i) => i)
    .filter((i) => Number.isFinite(points[i].gpuHours) && Number.isFinite(points[i].attainment))
    .sort(
      (a, b) =>
        points[a].gpuHours - points[b].gpuHours || points[b].attainment - points[a].attainment,
    );
  const marks = points.map(() => false);
  let best = -Infinity;
  let bestCost = Number.NaN;
  for (const i of order) {
    const { gpuHours, attainment } = points[i];
    const tiesBest = attainment === best && gpuHours === bestCost;
    if (attainment > best || tiesBest) {
      marks[i] = true;
      best = attainment;
      bestCost = gpuHours;
    }
  }
  return marks;
}
