// Numbers typed on the command line: decimal only, so "0x10" is not taken for 16.
import { describe, expect, it } from "vitest";
import { decimalNumber, wholeNumberOption } from "../../sim/cli/numberOptions.ts";

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

describe("wholeNumberOption", () => {
  it("gives the fallback when absent and the number when whole and ≥ 1", () => {
    expect(wholeNumberOption(undefined, "--workers", 2, "recommend")).toBe(2);
    expect(wholeNumberOption("16", "--max-gpus", 8, "bound")).toBe(16);
  });

  it("refuses 0, fractions and other spellings, naming the flag and the text", () => {
    for (const text of ["0", "2.5", "0x2", ""]) {
      expect(() => wholeNumberOption(text, "--workers", 2, "recommend")).toThrow(
        `--workers must be a whole number ≥ 1, got "${text}"`,
      );
    }
  });
});
