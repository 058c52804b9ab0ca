// Numbers typed on the command line: decimal only, so "0x10" is not taken for 16.
import { describe, expect, it } from "vitest";
import { decimalNumber } from "../../sim/cli/decimalNumber.ts";

describe("decimalNumber", () => {
  it("reads decimal spellings", () => {
    expect(
      ["16", "-5", "+2", "0.5", ".5", "5.", "1e3", "2.5E-2", " 7 "].map(decimalNumber),
    ).toEqual([16, -5, 2, 0.5, 0.5, 5, 1000, 0.025, 7]);
  });

  it("refuses what Number() would quietly read otherwise", () => {
    for (const text of ["0x10", "0b11", "0o7", "", " ", "Infinity", "1_000", "12abc", "NaN"]) {
      expect(decimalNumber(text), text).toBeNaN();
    }
  });
});
