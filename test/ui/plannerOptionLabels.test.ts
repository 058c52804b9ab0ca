// The scenario form's labels for planner settings: plain words and units in place of the
// scenario file's JSON keys.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PLANNER_CONFIG,
  IMPROVEMENT_FIELDS,
  type PlannerConfig,
} from "../../src/planner/index.ts";
import { plannerOptionLabel } from "../../ui/components/plannerOptionLabels.ts";

/** Every planner setting, which includes every one the form shows. */
const SETTINGS = Object.keys(DEFAULT_PLANNER_CONFIG) as (keyof PlannerConfig)[];

/** The unit a key's ending names, if it names one. */
function unitOfKey(key: string): string | undefined {
  if (key.endsWith("PerS")) return "req/s";
  if (key.endsWith("Tokens")) return "tokens";
  if (key.endsWith("S")) return "s";
  return undefined;
}

describe("plannerOptionLabel(key)", () => {
  it("gives every planner setting a label that is not its key, each a different one", () => {
    const labels = SETTINGS.map((key) => plannerOptionLabel(key).label);
    for (const [i, key] of SETTINGS.entries()) {
      expect(labels[i], key).not.toBe(key);
      // No JSON key left inside a label (a lower-case letter before a capital: `maxStep`).
      expect(labels[i], key).not.toMatch(/[a-z][A-Z]/);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("covers the improvements the form lists", () => {
    expect(SETTINGS).toEqual(expect.arrayContaining([...IMPROVEMENT_FIELDS]));
  });

  it("gives every setting with a unit in its key that unit", () => {
    const withUnit = SETTINGS.filter((key) => unitOfKey(key) !== undefined);
    expect(withUnit).toContain("scaleDownStabilizationS");
    for (const key of withUnit) {
      expect(plannerOptionLabel(key).unit, key).toBe(unitOfKey(key));
    }
  });

  it("gives a switch no unit, and says what switching it on does", () => {
    for (const key of SETTINGS.filter((k) => typeof DEFAULT_PLANNER_CONFIG[k] === "boolean")) {
      expect(plannerOptionLabel(key).unit, key).toBeUndefined();
    }
    expect(plannerOptionLabel("holdOnMissingMetrics").label).toBe(
      "Hold the replicas when metrics are missing",
    );
    expect(plannerOptionLabel("noCorrection").label).toBe("Keep both correction factors at 1");
  });

  it("names the improvements as PlannerConfig's contracts mean them", () => {
    // A share of each target that sizing aims at; 1 aims at the target itself.
    expect(plannerOptionLabel("latencyHeadroom")).toEqual({
      label: "Aim at this share of each latency target",
      unit: "0–1",
    });
    // Squared coefficients of variation in the queue model, 1 for Poisson arrivals.
    expect(plannerOptionLabel("arrivalVariability")).toEqual({
      label: "Arrival variability",
      unit: "CV², 1: Poisson",
    });
    // 1 switches the consolidation check off: no share of capacity exceeds it.
    expect(plannerOptionLabel("consolidationUtilization")).toEqual({
      label: "Highest utilization after a scale-down",
      unit: "0–1, 1: off",
    });
    // 0 switches a count or a duration off; the unit says so.
    expect(plannerOptionLabel("maxStepPerInterval").unit).toBe("replicas, 0: none");
    expect(plannerOptionLabel("idleScaleDownAfterIntervals").unit).toBe("intervals, 0: never");
  });
});
