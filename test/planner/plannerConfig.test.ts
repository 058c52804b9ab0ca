import { describe, expect, it } from "vitest";
import { DEFAULT_PLANNER_CONFIG, parsePlannerConfig } from "../../src/planner/index.ts";

describe("parsePlannerConfig", () => {
  it("fills Dynamo v0.4's defaults", () => {
    expect(parsePlannerConfig({}, "x")).toEqual(DEFAULT_PLANNER_CONFIG);
    expect(DEFAULT_PLANNER_CONFIG.mode).toBe("improved");
    expect(DEFAULT_PLANNER_CONFIG).toMatchObject({
      adjustmentIntervalS: 180,
      ttftTargetS: 0.5,
      itlTargetS: 0.05,
      maxGpuBudget: 8,
      minEndpoint: 1,
    });
  });

  it("accepts Dynamo's flag and config-file spellings", () => {
    const config = parsePlannerConfig(
      {
        mode: "dynamo-0.4",
        "adjustment-interval": 60,
        max_gpu_budget: 16,
        itl: 0.01,
        "no-correction": true,
      },
      "x",
    );
    expect(config).toMatchObject({
      adjustmentIntervalS: 60,
      maxGpuBudget: 16,
      itlTargetS: 0.01,
      noCorrection: true,
    });
  });

  it("reads Dynamo's --ttft and --itl in seconds for v0.4 and in milliseconds after it", () => {
    expect(parsePlannerConfig({ mode: "dynamo-0.4", ttft: 0.2 }, "x").ttftTargetS).toBe(0.2);
    expect(parsePlannerConfig({ mode: "dynamo-current", ttft: 200 }, "x").ttftTargetS).toBe(0.2);
    expect(parsePlannerConfig({ itl: 20 }, "x").itlTargetS).toBe(0.02);
    expect(parsePlannerConfig({ itlTargetS: 0.02 }, "x").itlTargetS).toBe(0.02);
  });

  it("refuses an improvement setting outside the improved mode", () => {
    expect(() =>
      parsePlannerConfig({ mode: "dynamo-0.4", scaleDownStabilizationS: 60 }, "s.json: planner"),
    ).toThrow(
      's.json: planner.scaleDownStabilizationS applies to mode "improved" only, but mode is "dynamo-0.4"',
    );
  });

  it("refuses at start a budget that cannot hold the minimum replicas, naming both numbers", () => {
    // Prefill engines of 2 GPUs and decode engines of 4, at least 2 of each: 12 GPUs.
    expect(() =>
      parsePlannerConfig(
        { minEndpoint: 2, prefillEngineNumGpu: 2, decodeEngineNumGpu: 4, maxGpuBudget: 10 },
        "s.json: planner",
      ),
    ).toThrow(/needs 12 GPUs .*more than maxGpuBudget 10/);
  });

  it("names the field, the expectation and the value found", () => {
    expect(() => parsePlannerConfig({ maxGpuBudget: 2.5 }, "s.json: planner")).toThrow(
      "s.json: planner.maxGpuBudget must be a whole number ≥ 1, got 2.5",
    );
    expect(() => parsePlannerConfig({ itl: -1 }, "s.json: planner")).toThrow(
      "s.json: planner.itl must be a number > 0, got -1",
    );
    expect(() => parsePlannerConfig({ loadPredictor: "prophet" }, "p")).toThrow(
      /^p\.loadPredictor must be one of "constant", .*got "prophet"$/,
    );
    expect(() => parsePlannerConfig({ itlTarget: 0.01 }, "p")).toThrow(/unknown field "itlTarget"/);
    expect(() => parsePlannerConfig({ itl: 0.01, itlTargetS: 0.02 }, "p")).toThrow(
      '"itlTargetS" and "itl" set the same field',
    );
  });
});
