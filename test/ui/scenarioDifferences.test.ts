// What a comparison says changed between two runs' scenarios: each differing field by its path
// with both values, a field set on one side only as "(not set)", and nothing when the
// scenarios agree.
import { describe, expect, it } from "vitest";
import {
  differencesHint,
  differencesLine,
  formatDifference,
  formatDraftValue,
  scenarioDifferences,
  type ScenarioDifference,
} from "../../ui/state/scenarioDifferences.ts";

/** A small scenario draft, as a scenario file holds it, with `changes` laid over its sections. */
function makeDraft(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "sin-load",
    trace: { poisson: { durationS: 600, ratePerS: 10 } },
    planner: { mode: "dynamo-0.4", maxGpuBudget: 8 },
    fleet: { initialPrefill: 1, initialDecode: 1 },
    ...changes,
  };
}

describe("scenarioDifferences(a, b)", () => {
  it("finds nothing between a draft and an equal copy written in another key order", () => {
    const a = makeDraft();
    const b = {
      fleet: { initialDecode: 1, initialPrefill: 1 },
      planner: { maxGpuBudget: 8, mode: "dynamo-0.4" },
      trace: { poisson: { ratePerS: 10, durationS: 600 } },
      name: "sin-load",
    };
    expect(scenarioDifferences(a, b)).toEqual([]);
  });

  it("names a nested field by its dotted path, with A's value and B's", () => {
    const b = makeDraft({ trace: { poisson: { durationS: 1200, ratePerS: 10 } } });
    expect(scenarioDifferences(makeDraft(), b)).toEqual([
      { path: "trace.poisson.durationS", a: 600, b: 1200 },
    ]);
  });

  it("gives a field set on one side only an undefined value on the other", () => {
    const added = makeDraft({ fleet: { initialPrefill: 1, initialDecode: 1, startupDelayS: 30 } });
    expect(scenarioDifferences(makeDraft(), added)).toEqual([
      { path: "fleet.startupDelayS", a: undefined, b: 30 },
    ]);
    const removed = makeDraft({ planner: { mode: "dynamo-0.4" } });
    expect(scenarioDifferences(makeDraft(), removed)).toEqual([
      { path: "planner.maxGpuBudget", a: 8, b: undefined },
    ]);
  });

  it("takes a section set on one side only as one value, not field by field", () => {
    const b = makeDraft({ trace: { sinusoidal: { durationS: 1800 } } });
    expect(scenarioDifferences(makeDraft(), b)).toEqual([
      { path: "trace.poisson", a: { durationS: 600, ratePerS: 10 }, b: undefined },
      { path: "trace.sinusoidal", a: undefined, b: { durationS: 1800 } },
    ]);
  });

  it("compares arrays as whole values, in order", () => {
    const a = makeDraft({ outages: [{ atS: 60 }, { atS: 120 }] });
    expect(scenarioDifferences(a, makeDraft({ outages: [{ atS: 60 }, { atS: 120 }] }))).toEqual([]);
    const reordered = makeDraft({ outages: [{ atS: 120 }, { atS: 60 }] });
    expect(scenarioDifferences(a, reordered)).toEqual([
      { path: "outages", a: [{ atS: 60 }, { atS: 120 }], b: [{ atS: 120 }, { atS: 60 }] },
    ]);
  });

  it("tells a number from the same digits as a string", () => {
    const b = makeDraft({ planner: { mode: "dynamo-0.4", maxGpuBudget: "8" } });
    expect(scenarioDifferences(makeDraft(), b)).toEqual([
      { path: "planner.maxGpuBudget", a: 8, b: "8" },
    ]);
  });

  it("lists several differences by path, key by key, whatever order the files wrote them in", () => {
    const b = {
      seed: 2,
      planner: { mode: "improved", maxGpuBudget: 12 },
      fleet: { initialPrefill: 2, initialDecode: 1 },
      trace: { poisson: { durationS: 600, ratePerS: 10 } },
      name: "sin-load",
    };
    expect(scenarioDifferences(makeDraft(), b).map((d) => d.path)).toEqual([
      "fleet.initialPrefill",
      "planner.maxGpuBudget",
      "planner.mode",
      "seed",
    ]);
  });
});

describe("printing differences", () => {
  it("formatDraftValue(value) prints JSON, strings quoted, and an unset field as (not set)", () => {
    expect(formatDraftValue(8)).toBe("8");
    expect(formatDraftValue("8")).toBe('"8"');
    expect(formatDraftValue([1, 2])).toBe("[1,2]");
    expect(formatDraftValue(null)).toBe("null");
    expect(formatDraftValue(undefined)).toBe("(not set)");
  });

  it("formatDraftValue(value, maxChars) cuts a long value to maxChars, ending in an ellipsis", () => {
    expect(formatDraftValue("AzureLLMInferenceTrace_code.csv", 12)).toBe('"AzureLLMIn…');
    expect(formatDraftValue("abcdefghij", 12)).toBe('"abcdefghij"');
  });

  it("formatDifference(d) reads path, A's value, an arrow, B's value", () => {
    const d = { path: "planner.mode", a: "dynamo-0.4", b: "improved" };
    expect(formatDifference(d)).toBe('planner.mode "dynamo-0.4" → "improved"');
    expect(formatDifference({ path: "fleet.startupDelayS", a: undefined, b: 30 })).toBe(
      "fleet.startupDelayS (not set) → 30",
    );
  });

  it("differencesLine(ds) says the scenarios are the same when nothing differs", () => {
    expect(differencesLine([])).toBe("Same scenario as A");
  });

  it("differencesLine(ds) lists up to five differences, then how many more", () => {
    const two: ScenarioDifference[] = [
      { path: "planner.maxGpuBudget", a: 8, b: 12 },
      { path: "planner.mode", a: "dynamo-0.4", b: "improved" },
    ];
    expect(differencesLine(two)).toBe(
      'B differs from A in: planner.maxGpuBudget 8 → 12; planner.mode "dynamo-0.4" → "improved"',
    );
    const seven = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ path: `f${n}`, a: n, b: n + 1 }));
    expect(differencesLine(seven)).toBe(
      "B differs from A in: f1 1 → 2; f2 2 → 3; f3 3 → 4; f4 4 → 5; f5 5 → 6; and 2 more",
    );
  });

  it("differencesHint(ds) gives the first field with B's value and a count of the others", () => {
    expect(differencesHint([])).toBeNull();
    expect(differencesHint([{ path: "planner.mode", a: "dynamo-0.4", b: "improved" }])).toBe(
      'planner.mode "improved"',
    );
    const three = [
      { path: "fleet.initialPrefill", a: 1, b: 2 },
      { path: "planner.mode", a: "dynamo-0.4", b: "improved" },
      { path: "seed", a: 1, b: undefined },
    ];
    expect(differencesHint(three)).toBe("fleet.initialPrefill 2 +2");
  });
});
