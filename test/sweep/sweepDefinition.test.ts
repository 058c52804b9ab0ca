// Sweep files with mistakes: each error names the sweep file and what is wrong in it.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { parseSweepDefinition } from "../../sim/sweep/sweepDefinition.ts";
import { messageThrownBy } from "../support/thrownBy.ts";

const refusal = (raw: unknown) =>
  messageThrownBy(() => parseSweepDefinition(raw, "x.sweep.json", "x"), ConfigError);

describe("parseSweepDefinition", () => {
  it("refuses an empty grid", () => {
    expect(refusal({ scenario: "s.json", grid: {} })).toBe(
      "x.sweep.json: grid names no parameter; give at least one, with its values",
    );
  });

  it("refuses a parameter without values", () => {
    expect(refusal({ scenario: "s.json", grid: { seed: [] } })).toBe(
      'x.sweep.json: grid "seed" must be a non-empty list of values, got []',
    );
  });

  it("refuses a value listed twice", () => {
    expect(refusal({ scenario: "s.json", grid: { "planner.maxGpuBudget": [4, 4] } })).toBe(
      'x.sweep.json: grid "planner.maxGpuBudget" lists 4 twice',
    );
  });

  it("refuses both a grid and a random sample, and neither", () => {
    expect(refusal({ scenario: "s.json", grid: { seed: [1] }, random: {} })).toContain(
      'exactly one of "grid" or "random", got both',
    );
    expect(refusal({ scenario: "s.json" })).toContain("got neither");
  });

  it("refuses an unknown field, naming the known ones", () => {
    expect(refusal({ scenario: "s.json", grid: { seed: [1] }, seed: 3 })).toBe(
      'x.sweep.json: unknown field "seed" (known fields: name, description, scenario, set, grid, ' +
        "random, seeds)",
    );
  });

  it("refuses a path that is not a dotted path of field names", () => {
    expect(refusal({ scenario: "s.json", grid: { "planner..mode": ["improved"] } })).toContain(
      '"planner..mode" is not a dotted path of scenario fields',
    );
  });

  it("refuses seeds given twice over, by seeds and by a seed parameter", () => {
    expect(refusal({ scenario: "s.json", grid: { seed: [1, 2] }, seeds: 2 })).toContain(
      '"seeds" and a parameter "seed" both set the scenario\'s seed',
    );
  });

  it("refuses a range whose max is below its min, and a fractional whole range", () => {
    const range = (spec: unknown) => ({
      scenario: "s.json",
      random: { samples: 1, parameters: { "planner.maxGpuBudget": spec } },
    });
    expect(refusal(range({ min: 8, max: 4 }))).toBe(
      'x.sweep.json: random.parameters "planner.maxGpuBudget": max (4) must not be below min (8)',
    );
    expect(refusal(range({ min: 4.5, max: 8, whole: true }))).toBe(
      'x.sweep.json: random.parameters "planner.maxGpuBudget".min must be a whole number, got 4.5',
    );
  });

  it("names the sweep after its file unless it names itself", () => {
    const grid = { scenario: "s.json", grid: { seed: [1] } };
    expect(parseSweepDefinition(grid, "f", "fallback").name).toBe("fallback");
    expect(parseSweepDefinition({ ...grid, name: "mine" }, "f", "fallback").name).toBe("mine");
  });
});
