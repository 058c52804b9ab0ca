// Which runs are shown as A and B: the choices in the runs table, and the law that no run is
// ever compared with itself.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { shownRuns } from "../../ui/state/shownRuns.ts";

describe("shownRuns(before, slot, id)", () => {
  it("shows a run that is neither A nor B in the slot chosen", () => {
    expect(shownRuns({ shownA: 1, shownB: 2 }, "A", 3)).toEqual({ shownA: 3, shownB: 2 });
    expect(shownRuns({ shownA: 1, shownB: 2 }, "B", 3)).toEqual({ shownA: 1, shownB: 3 });
    expect(shownRuns({ shownA: 1, shownB: null }, "B", 2)).toEqual({ shownA: 1, shownB: 2 });
  });

  it("swaps A and B when B's run is chosen as A", () => {
    expect(shownRuns({ shownA: 2, shownB: 3 }, "A", 3)).toEqual({ shownA: 3, shownB: 2 });
  });

  it("ignores A's run chosen as B", () => {
    expect(shownRuns({ shownA: 3, shownB: 2 }, "B", 3)).toEqual({ shownA: 3, shownB: 2 });
    expect(shownRuns({ shownA: 3, shownB: null }, "B", 3)).toEqual({ shownA: 3, shownB: null });
  });

  it("stops comparing when B is cleared, and clears B with A", () => {
    expect(shownRuns({ shownA: 1, shownB: 2 }, "B", null)).toEqual({ shownA: 1, shownB: null });
    expect(shownRuns({ shownA: 1, shownB: 2 }, "A", null)).toEqual({ shownA: null, shownB: null });
  });

  it("never shows one run as both A and B, whatever is chosen in whatever order", () => {
    const choiceArb = fc.record({
      slot: fc.constantFrom("A" as const, "B" as const),
      id: fc.option(fc.integer({ min: 1, max: 4 })),
    });
    fc.assert(
      fc.property(fc.array(choiceArb, { maxLength: 30 }), (choices) => {
        let shown = { shownA: null as number | null, shownB: null as number | null };
        for (const { slot, id } of choices) {
          shown = shownRuns(shown, slot, id);
          expect(shown.shownB === null || shown.shownB !== shown.shownA).toBe(true);
        }
      }),
    );
  });
});
