/**
 * Queueing estimates for prefill: each prefill engine serves one prompt at a time, so a fleet of
 * c engines is a c-server queue. Arrivals are modelled as a renewal process with squared
 * coefficient of variation `arrivalVariability` (1 for Poisson), service times with
 * `serviceVariability` (0 for identical prompts); the mean wait is the Allen–Cunneen
 * approximation of the M/G/c queue, exact for M/M/c and, at c = 1, for M/G/1 (the
 * Pollaczek–Khinchine formula).
 */

/** Erlang's C formula: the probability that an arrival waits, for c servers at offered load a. */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad <= 0) return 0;
  if (offeredLoad >= servers) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let blocking = 1;
  for (let k = 1; k <= servers; k += 1) {
    blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
  }
  const utilization = offeredLoad / servers;
  return blocking / (1 - utilization * (1 - blocking));
}

/** Mean wait in queue, in seconds; Infinity when the servers cannot keep up. */
export function meanQueueWaitS(
  servers: number,
  arrivalsPerS: number,
  serviceS: number,
  arrivalVariability: number,
  serviceVariability: number,
): number {
  if (arrivalsPerS <= 0) return 0;
  const offeredLoad = arrivalsPerS * serviceS;
  if (servers <= 0 || offeredLoad >= servers) return Infinity;
  const waitMMc = erlangC(servers, offeredLoad) / (servers / serviceS - arrivalsPerS);
  return (waitMMc * (arrivalVariability + serviceVariability)) / 2;
}

/** How many prefill engines keep the mean TTFT within a target, and what that TTFT is. */
export interface PrefillQueueSizing {
  readonly engines: number;
  /** Mean TTFT with that many engines: service plus queueing, in seconds. */
  readonly ttftS: number;
  /** False when one prompt alone takes longer than the target: no count can meet it. */
  readonly feasible: boolean;
  /**
   * Whether the count found meets the target: false when it is unfeasible, and also when the
   * most engines allowed (what the budget leaves room for) still queue past it.
   */
  readonly met: boolean;
}

/**
 * The fewest engines (at least `minEngines`, at most `maxEngines`) whose mean service plus
 * queueing time meets `targetS`. When one prompt alone takes longer than the target, more
 * engines cannot help: the answer is the fewest that keep up with the arrivals, not the most
 * allowed, so long prompts never pin replicas up.
 */
export function prefillEnginesForTtft(
  arrivalsPerS: number,
  serviceS: number,
  targetS: number,
  arrivalVariability: number,
  serviceVariability: number,
  minEngines: number,
  maxEngines: number,
): PrefillQueueSizing {
  const keepUp =
    arrivalsPerS > 0 ? Math.max(minEngines, Math.floor(arrivalsPerS * serviceS) + 1) : minEngines;
  const ttftAt = (engines: number) =>
    serviceS +
    meanQueueWaitS(engines, arrivalsPerS, serviceS, arrivalVariability, serviceVariability);
  if (serviceS >= targetS) {
    return { engines: keepUp, ttftS: ttftAt(keepUp), feasible: false, met: false };
  }
  for (let engines = keepUp; engines < maxEngines; engines += 1) {
    const ttftS = ttftAt(engines);
    if (ttftS <= targetS) return { engines, ttftS, feasible: true, met: true };
  }
  const engines = Math.max(keepUp, maxEngines);
  const ttftS = ttftAt(engines);
  return { engines, ttftS, feasible: true, met: ttftS <= targetS };
}
