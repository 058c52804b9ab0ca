/** One fixed fleet tried on the trace, and how it did. */
export interface StaticFleetRun {
  readonly prefill: number;
  readonly decode: number;
  /** GPUs the fleet holds throughout. */
  readonly gpus: number;
  readonly gpuHours: number;
  /** Share of judged requests that met both targets, 0..1 (NaN: nothing to judge). */
  readonly attainment: number;
}

/** What the search looks for and where. */
export interface StaticFleetLimits {
  /** Attainment a fleet must reach, 0..1. */
  readonly goal: number;
  /** Largest fleet tried, in GPUs. */
  readonly maxGpus: number;
  /** Fewest replicas of each role (at least 1: a role without replicas serves nothing). */
  readonly minReplicas: number;
  readonly prefillEngineNumGpu: number;
  readonly decodeEngineNumGpu: number;
}

/** The outcome of a search. */
export interface StaticFleetSearch {
  /** The smallest fleet meeting the goal, or null when none within `maxGpus` does. */
  readonly fleet: StaticFleetRun | null;
  /** The run with the highest attainment (then fewest GPUs); the closest miss when no fleet. */
  readonly bestFound: StaticFleetRun | null;
  /** Every fleet run, in the order tried. */
  readonly runs: readonly StaticFleetRun[];
}

/**
 * The smallest fixed fleet (fewest GPUs, then the higher attainment) whose run meets the goal,
 * assuming attainment never falls when either role gains a replica. Then the fewest decode
 * replicas meeting the goal, d(p), never grows with the prefill count p, and a staircase walk
 * finds every d(p) worth knowing: from the fewest prefill replicas, each p is tried with the
 * most decode replicas still worth trying (within the limit, no dearer than the best fleet so
 * far, no more than the last d); if that misses, p gains a replica, else d(p) is bisected below
 * it. No fleet runs twice; the walk runs about (prefill range + log2(decode range) per step
 * down) fleets: 10 to 20 on the bundled scenarios.
 */
export async function searchStaticFleet(
  evaluate: (prefill: number, decode: number) => Promise<StaticFleetRun>,
  limits: StaticFleetLimits,
): Promise<StaticFleetSearch> {
  const { goal, maxGpus, prefillEngineNumGpu: gP, decodeEngineNumGpu: gD } = limits;
  const least = Math.max(1, limits.minReplicas);
  const runs: StaticFleetRun[] = [];
  const cache = new Map<string, StaticFleetRun>();
  const meets = async (prefill: number, decode: number) => {
    const key = `${prefill},${decode}`;
    let run = cache.get(key);
    if (run === undefined) {
      run = await evaluate(prefill, decode);
      cache.set(key, run);
      runs.push(run);
    }
    return run.attainment >= goal ? run : null;
  };

  let fleet: StaticFleetRun | null = null;
  let decode = Infinity;
  for (let prefill = least; prefill * gP + least * gD <= maxGpus; prefill += 1) {
    // The most decode replicas worth trying: within the limit, and no dearer than the best.
    const budgetGpus = fleet === null ? maxGpus : fleet.gpus;
    decode = Math.min(decode, Math.floor((budgetGpus - prefill * gP) / gD));
    if (decode < least) break;
    let found = await meets(prefill, decode);
    if (found === null) continue;

    // d(p) is in [least, decode]: bisect, keeping `decode` a count that meets the goal.
    let low = least;
    while (low < decode) {
      const middle = Math.floor((low + decode) / 2);
      const run = await meets(prefill, middle);
      if (run === null) {
        low = middle + 1;
      } else {
        found = run;
        decode = middle;
      }
    }
    if (fleet === null || isSmaller(found, fleet)) fleet = found;
  }
  return { fleet, bestFound: bestOf(runs), runs };
}

function isSmaller(a: StaticFleetRun, b: StaticFleetRun): boolean {
  return a.gpus < b.gpus || (a.gpus === b.gpus && a.attainment > b.attainment);
}

function bestOf(runs: readonly StaticFleetRun[]): StaticFleetRun | null {
  let best: StaticFleetRun | null = null;
  for (const run of runs) {
    const better =
      best === null ||
      run.attainment > best.attainment ||
      (run.attainment === best.attainment && run.gpus < best.gpus) ||
      (Number.isNaN(best.attainment) && !Number.isNaN(run.attainment));
    if (better) best = run;
  }
  return best;
}
