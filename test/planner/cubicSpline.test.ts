import { describe, expect, it } from "vitest";
import { CubicSpline } from "../../src/planner/index.ts";

describe("CubicSpline", () => {
  it("reproduces any cubic exactly, since not-a-knot ends add no constraint a cubic breaks", () => {
    const cubic = (x: number) => x ** 3 - 2 * x + 1;
    const xs = [0, 1, 2, 3, 5];
    const spline = new CubicSpline(xs, xs.map(cubic));
    // 4³ − 2·4 + 1 = 57; 0.5³ − 1 + 1 = 0.125; 4.5³ − 9 + 1 = 83.125
    expect(spline.at(4)).toBeCloseTo(57, 10);
    expect(spline.at(0.5)).toBeCloseTo(0.125, 10);
    expect(spline.at(4.5)).toBeCloseTo(83.125, 10);
  });

  it("passes through every sample", () => {
    const xs = [100, 1100, 2100, 4000, 9000, 16000];
    const ys = [14.3, 15.1, 19.8, 21.0, 30.2, 37.6];
    const spline = new CubicSpline(xs, ys);
    xs.forEach((x, i) => expect(spline.at(x)).toBeCloseTo(ys[i], 10));
  });

  it("rejects fewer than four samples and xs that do not increase", () => {
    expect(() => new CubicSpline([1, 2, 3], [1, 2, 3])).toThrow(/at least 4 samples, got 3/);
    expect(() => new CubicSpline([1, 2, 2, 3], [1, 2, 3, 4])).toThrow(/xs\[2\] = 2/);
  });
});
