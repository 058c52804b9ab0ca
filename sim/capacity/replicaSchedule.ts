/**
 * The cheapest way to hold replicas so that enough of them serve in every slot, when a new
 * replica holds its GPUs for a start-up delay before it serves.
 *
 * Replicas are interchangeable, so the problem splits by level: the k-th replica is needed in
 * exactly the slots whose requirement is at least k, and the cheapest schedule is one replica
 * per level, each scheduled on its own (a lower bound too: any schedule with h(t) replicas held
 * holds at least max over [t, t + delay] of the serving count, since every replica that becomes
 * ready within the delay is already starting at t; summed over levels, that is what each level
 * pays below).
 */

/** What a replica schedule is built from: slot length, start-up delay, the initial fleet. */
export interface ScheduleSettings {
  /** Length of each slot of the requirement, in seconds. */
  readonly slotS: number;
  /** Seconds a new replica holds its GPUs before it serves. */
  readonly startupDelayS: number;
  /** Replicas already serving at time 0, with no start-up to pay (the initial fleet). */
  readonly initialReplicas: number;
}

/**
 * Replica-seconds of the cheapest schedule whose serving replicas number at least
 * `requirement[k]` throughout slot k (slot k covers [k·slotS, (k+1)·slotS)).
 */
export function cheapestScheduleReplicaS(
  requirement: readonly number[],
  settings: ScheduleSettings,
): number {
  let peak = 0;
  for (const replicas of requirement) peak = Math.max(peak, replicas);
  let total = 0;
  for (let level = 1; level <= peak; level += 1) {
    const needed = requirement.map((replicas) => replicas >= level);
    total += levelReplicaS(needed, level <= settings.initialReplicas, settings);
  }
  return total;
}

/**
 * Seconds one replica is held to serve in every slot marked `needed`: each needed stretch, and
 * before each stretch either the whole gap since the last one (kept through it) or a restart
 * (released, then started a delay ahead), whichever is shorter: min(gap, delay). A replica of
 * the initial fleet is serving at time 0, as if a stretch had ended there; any other pays the
 * full delay before its first stretch, even when that reaches back before time 0 (the real
 * fleet cannot do that and misses those requests; the bound charges what meeting them costs).
 */
export function levelReplicaS(
  needed: readonly boolean[],
  readyAtStart: boolean,
  settings: ScheduleSettings,
): number {
  const { slotS, startupDelayS } = settings;
  let heldS = 0;
  let lastEndS = readyAtStart ? 0 : -Infinity;
  let slot = 0;
  while (slot < needed.length) {
    if (!needed[slot]) {
      slot += 1;
      continue;
    }
    const first = slot;
    while (slot < needed.length && needed[slot]) slot += 1;
    const startS = first * slotS;
    heldS += Math.min(startS - lastEndS, startupDelayS) + (slot - first) * slotS;
    lastEndS = slot * slotS;
  }
  return heldS;
}
