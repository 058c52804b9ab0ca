import { describe, expect, it } from "vitest";
import { minimizeBfgs } from "../../../src/planner/predictors/minimize.ts";

describe("minimizeBfgs", () => {
  it("finds the minimum (3, −1) of (x − 3)² + 10 (y + 1)²", () => {
    const result = minimizeBfgs(([x, y]) => (x - 3) ** 2 + 10 * (y + 1) ** 2, [0, 0], {
      maxIterations: 50,
    });
    expect(result.x[0]).toBeCloseTo(3, 4);
    expect(result.x[1]).toBeCloseTo(-1, 4);
    expect(result.value).toBeLessThan(1e-8);
  });

  it("reaches Rosenbrock's valley floor (1, 1) from (−1.2, 1)", () => {
    const rosenbrock = ([x, y]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 200 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });

  it("stops after maxIterations, however far from the minimum", () => {
    const rosenbrock = ([x, y]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    expect(minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 }).iterations).toBe(3);
  });

  it("backs away from where the objective is not a number", () => {
    const result = minimizeBfgs(([x]) => (x < 0 ? NaN : (x - 0.5) ** 2), [4], {
      maxIterations: 50,
    });
    expect(result.x[0]).toBeCloseTo(0.5, 4);
  });

  it("returns the start unchanged when the objective is undefined there", () => {
    expect(minimizeBfgs(() => NaN, [1, 2], { maxIterations: 50 })).toEqual({
      x: [1, 2],
      value: Infinity,
      iterations: 0,
    });
  });
});
