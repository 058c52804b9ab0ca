import { describe, expect, it } from "vitest";
import { SeasonalProfile } from "../../../src/planner/predictors/seasonalProfile.ts";

describe("SeasonalProfile", () => {
  // A period of 100 s in 4 bins of 25 s, holding 4 at phase 10 and 8 at phase 60.
  function twoKnots(): SeasonalProfile {
    const profile = new SeasonalProfile(100, 4);
    profile.add(10, 4);
    profile.add(60, 8);
    return profile;
  }

  it("valueAt(t) is the bin mean at the points' mean phase, linear in between", () => {
    const profile = twoKnots();
    expect(profile.valueAt(10)).toBe(4);
    expect(profile.valueAt(60)).toBe(8);
    expect(profile.valueAt(35)).toBe(6); // halfway from 10 to 60
  });

  it("valueAt(t) wraps around the period's end, passing over empty bins", () => {
    const profile = twoKnots();
    // From 8 at phase 60 to 4 at phase 110 (10 in the next period): 85 is halfway.
    expect(profile.valueAt(85)).toBe(6);
    // Phase 0 lies 40 s after phase −40 (60 in the period before) on the way to phase 10.
    expect(profile.valueAt(0)).toBeCloseTo(8 - 0.8 * 4, 12);
    expect(profile.valueAt(110)).toBe(4);
    expect(profile.valueAt(-90)).toBe(4);
  });

  it("averages the figures of a bin at their mean phase", () => {
    const profile = new SeasonalProfile(100, 4);
    profile.add(5, 2);
    profile.add(15, 6);
    profile.add(60, 8);
    expect(profile.valueAt(10)).toBe(4);
  });

  it("remove(t, y) forgets a figure: NaN once nothing is left", () => {
    const profile = twoKnots();
    profile.remove(60, 8);
    expect(profile.valueAt(60)).toBe(4);
    profile.remove(10, 4);
    expect(profile.valueAt(60)).toBeNaN();
  });
});
