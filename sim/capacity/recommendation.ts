/**
 * Choosing what to deploy from a set of simulated configurations: the cheapest that meets the
 * attainment goal (or, when none does, the one that comes closest), and where it stands
 * against the others — on the cost–attainment frontier or how far above it, and what the next
 * cheaper frontier point would give up.
 */
import { onFrontier } from "./frontier.ts";

/** One configuration tried, with its simulated outcome. */
export interface Candidate<Settings> {
  readonly settings: Settings;
  readonly attainment: number;
  readonly gpuHours: number;
  /** Most GPUs the run held at once. */
  readonly peakGpus: number;
}

export interface Recommendation<Settings> {
  readonly chosen: Candidate<Settings>;
  /** Whether the chosen configuration meets the goal (false: the closest to it). */
  readonly meetsGoal: boolean;
  readonly onFrontier: boolean;
  /** GPU-hours the chosen spends above the cheapest frontier point that serves as well (0 on it). */
  readonly aboveFrontierGpuHours: number;
  /** The frontier point just cheaper than the chosen, if any: what saving money would cost. */
  readonly cheaperFrontier: Candidate<Settings> | null;
  readonly frontier: readonly Candidate<Settings>[];
}

/**
 * The cheapest candidate meeting `goal` (ties: the better attainment); when none meets it, the
 * best attainment (ties: the cheaper). Candidates with NaN attainment (nothing judged) never win.
 * Throws if there is no candidate with a finite attainment.
 */
export function recommend<Settings>(
  candidates: readonly Candidate<Settings>[],
  goal: number,
): Recommendation<Settings> {
  const judged = candidates.filter((c) => Number.isFinite(c.attainment));
  if (judged.length === 0) throw new Error("no candidate had any request to judge");
  const meeting = judged.filter((c) => c.attainment >= goal);
  const chosen =
    meeting.length > 0
      ? meeting.reduce((best, c) =>
          c.gpuHours < best.gpuHours ||
          (c.gpuHours === best.gpuHours && c.attainment > best.attainment)
            ? c
            : best,
        )
      : judged.reduce((best, c) =>
          c.attainment > best.attainment ||
          (c.attainment === best.attainment && c.gpuHours < best.gpuHours)
            ? c
            : best,
        );
  const marks = onFrontier(judged);
  const frontier = judged.filter((_, i) => marks[i]).sort((a, b) => a.gpuHours - b.gpuHours);
  const servingAsWell = frontier.filter((c) => c.attainment >= chosen.attainment);
  const cheapestAsGood = servingAsWell[0] ?? chosen;
  const cheaper = frontier.filter((c) => c.gpuHours < chosen.gpuHours);
  return {
    chosen,
    meetsGoal: meeting.length > 0,
    onFrontier: frontier.includes(chosen),
    aboveFrontierGpuHours: Math.max(0, chosen.gpuHours - cheapestAsGood.gpuHours),
    cheaperFrontier: cheaper.at(-1) ?? null,
    frontier,
  };
}
