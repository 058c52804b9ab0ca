/**
 * Which kept runs are shown as A and as B. A comparison of a run with itself tells nothing, so
 * no choice ever leaves one run in both places: picking B's run as A swaps the two, and picking
 * A's run as B is ignored.
 */

/** The run ids shown: A (null before any run), B (null when not comparing). */
export interface ShownRuns {
  readonly shownA: number | null;
  readonly shownB: number | null;
}

/**
 * The runs shown after a person picks run `id` for `slot` (null clears the slot). A run moved
 * from B to A swaps places with the old A, so the comparison stays, the other way round.
 * Clearing A clears B too, since B is only ever compared against an A.
 */
export function shownRuns(before: ShownRuns, slot: "A" | "B", id: number | null): ShownRuns {
  if (slot === "A") {
    if (id === null) return { shownA: null, shownB: null };
    if (id === before.shownB) return { shownA: id, shownB: before.shownA };
    return { shownA: id, shownB: before.shownB };
  }
  if (id !== null && id === before.shownA) return before;
  return { shownA: before.shownA, shownB: id };
}
