// Expanding a sweep into points: the grid's order, the random sample's determinism and bounds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { parseSweepDefinition } from "../../sim/sweep/sweepDefinition.ts";
import { gridCombinations, sweepPoints } from "../../sim/sweep/sweepPoints.ts";
import { messageThrownBy } from "../support/thrownBy.ts";

const sweep = (raw: Record<string, unknown>) =>
  parseSweepDefinition({ scenario: "s.json", ...raw }, "x.sweep.json", "x");

describe("sweepPoints on a grid", () => {
  it("varies the last parameter fastest and the seeds innermost", () => {
    const definition = sweep({
      grid: { "planner.maxGpuBudget": [4, 8], "planner.loadPredictor": ["constant", "kalman"] },
      seeds: 2,
    });
    const points = sweepPoints(definition, "x.sweep.json");
    const b = "planner.maxGpuBudget";
    const p = "planner.loadPredictor";
    expect(points).toEqual([
      { index: 0, parameters: { [b]: 4, [p]: "constant" }, seed: 1 },
      { index: 1, parameters: { [b]: 4, [p]: "constant" }, seed: 2 },
      { index: 2, parameters: { [b]: 4, [p]: "kalman" }, seed: 1 },
      { index: 3, parameters: { [b]: 4, [p]: "kalman" }, seed: 2 },
      { index: 4, parameters: { [b]: 8, [p]: "constant" }, seed: 1 },
      { index: 5, parameters: { [b]: 8, [p]: "constant" }, seed: 2 },
      { index: 6, parameters: { [b]: 8, [p]: "kalman" }, seed: 1 },
      { index: 7, parameters: { [b]: 8, [p]: "kalman" }, seed: 2 },
    ]);
  });

  it("runs each point once with the scenario's own seed when seeds is left out", () => {
    const points = sweepPoints(sweep({ grid: { seed: [3, 5] } }), "x.sweep.json");
    expect(points).toEqual([
      { index: 0, parameters: { seed: 3 }, seed: null },
      { index: 1, parameters: { seed: 5 }, seed: null },
    ]);
  });

  it("takes a list of seeds as given", () => {
    const points = sweepPoints(
      sweep({ grid: { "fleet.startupDelayS": [30] }, seeds: [7, 2] }),
      "x",
    );
    expect(points.map((point) => point.seed)).toEqual([7, 2]);
  });

  it("gives every combination of the grid exactly once", () => {
    const gridArb = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6})?$/),
      fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 4 }),
      { minKeys: 1, maxKeys: 4 },
    );
    fc.assert(
      fc.property(gridArb, (grid) => {
        const combinations = gridCombinations(new Map(Object.entries(grid)));
        const expected = Object.values(grid).reduce((n, values) => n * values.length, 1);
        const keys = combinations.map((c) => JSON.stringify(c));
        expect(new Set(keys).size).toBe(expected);
        expect(combinations).toHaveLength(expected);
        for (const combination of combinations) {
          for (const [path, values] of Object.entries(grid)) {
            expect(values).toContain(combination[path]);
          }
        }
      }),
    );
  });
});

describe("sweepPoints on a random sample", () => {
  const randomSweep = (seed: number, samples: number) =>
    sweep({
      random: {
        samples,
        seed,
        parameters: {
          "planner.maxGpuBudget": { min: 4, max: 16, whole: true },
          "fleet.startupDelayS": { min: 30, max: 120 },
          "planner.mode": ["improved", "dynamo-0.4"],
        },
      },
      seeds: 2,
    });

  it("draws the same points for the same seed, within bounds, none twice", () => {
    fc.assert(
      fc.property(fc.nat(2 ** 32 - 1), fc.integer({ min: 1, max: 30 }), (seed, samples) => {
        const first = sweepPoints(randomSweep(seed, samples), "x");
        expect(sweepPoints(randomSweep(seed, samples), "x")).toEqual(first);
        expect(first).toHaveLength(2 * samples);
        const combinations = first.filter((point) => point.seed === 1);
        const keys = new Set(combinations.map((point) => JSON.stringify(point.parameters)));
        expect(keys.size).toBe(samples);
        for (const { parameters } of combinations) {
          const budget = parameters["planner.maxGpuBudget"] as number;
          const delayS = parameters["fleet.startupDelayS"] as number;
          expect(Number.isInteger(budget) && budget >= 4 && budget <= 16).toBe(true);
          expect(delayS >= 30 && delayS < 120).toBe(true);
          expect(["improved", "dynamo-0.4"]).toContain(parameters["planner.mode"]);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("draws other points for another seed", () => {
    const a = sweepPoints(randomSweep(1, 10), "x");
    const b = sweepPoints(randomSweep(2, 10), "x");
    expect(a).not.toEqual(b);
  });

  it("refuses more samples than the discrete parameters allow", () => {
    const definition = sweep({
      random: { samples: 5, parameters: { "planner.mode": ["improved", "dynamo-0.4"] } },
    });
    const message = messageThrownBy(() => sweepPoints(definition, "x.sweep.json"), ConfigError);
    expect(message).toBe(
      "x.sweep.json: random.samples asks for 5 distinct points but the parameters allow only 2; " +
        'lower samples or use "grid"',
    );
  });
});
