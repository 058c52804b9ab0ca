import { describe, expect, it } from "vitest";
import { formatFixed, pythonMin, roundHalfEven } from "../../src/planner/index.ts";

describe("roundHalfEven", () => {
  it("rounds ties to the even neighbour, as Python's round does", () => {
    expect([0.5, 1.5, 2.5, 3.5, -2.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, -2]);
  });

  it("rounds everything else to the nearest whole number", () => {
    expect([2.4999, 2.5001, 7, -1.2].map(roundHalfEven)).toEqual([2, 3, 7, -1]);
  });
});

describe("formatFixed", () => {
  it("prints like Python's f-string, including nan and inf", () => {
    expect(formatFixed(Number.NaN, 2)).toBe("nan");
    expect(formatFixed(Infinity, 3)).toBe("inf");
    expect(formatFixed(-Infinity, 3)).toBe("-inf");
    expect(formatFixed(1800, 2)).toBe("1800.00");
  });

  it("breaks exact decimal ties to even, and leaves inexact ones to their binary value", () => {
    // 0.125 and 0.375 are exact in binary: Python prints 0.12 and 0.38.
    expect(formatFixed(0.125, 2)).toBe("0.12");
    expect(formatFixed(0.375, 2)).toBe("0.38");
    // 2.675 is stored as 2.67499999…, so both languages print 2.67.
    expect(formatFixed(2.675, 2)).toBe("2.67");
    expect([2.5, 3.5, -2.5].map((x) => formatFixed(x, 0))).toEqual(["2", "4", "-2"]);
  });
});

describe("pythonMin", () => {
  it("keeps the first argument when the second is NaN, as min(1, nan) does in Python", () => {
    expect(pythonMin(1, Number.NaN)).toBe(1);
    expect(pythonMin(1, 0.4)).toBe(0.4);
  });
});
