// The workbench's small sweeps: values as typed, the runs they make, the rows by value and the
// frontier they mark.
import { describe, expect, it } from "vitest";
import dynamoSinLoad from "../../scenarios/dynamo-sin-load.json";
import { fieldValue } from "../../ui/state/scenarioDraft.ts";
import {
  checkSweepValues,
  frontierChart,
  MAX_SWEEP_RUNS,
  parseSweepValues,
  sweepPoints,
  sweepRows,
} from "../../ui/state/smallSweep.ts";

describe("a small sweep's values", () => {
  it("reads numbers as numbers and names as text", () => {
    expect(parseSweepValues(" 4, 8,16 ", 1)).toEqual([4, 8, 16]);
    expect(parseSweepValues("constant, kalman", 2)).toEqual(["constant", "kalman"]);
  });

  it("refuses none, repeats and more runs than the page makes", () => {
    expect((parseSweepValues(" , ", 1) as Error).message).toBe(
      "give at least one value, separated by commas",
    );
    expect((parseSweepValues("4, 8, 4", 1) as Error).message).toBe("4 is given twice");
    const many = Array.from({ length: 21 }, (_, i) => i + 1).join(",");
    expect((parseSweepValues(many, 3) as Error).message).toBe(
      `21 values × 3 seeds make 63 runs; the page runs at most ${MAX_SWEEP_RUNS} (use slaplan ` +
        `sweep for more)`,
    );
  });

  it("checkSweepValues refuses each value the scenario's parser refuses, naming it and the setting", () => {
    const problem = checkSweepValues(
      dynamoSinLoad,
      "dynamo-sin-load.json",
      "planner.maxGpuBudget",
      "abc, -1, 8",
      1,
    );
    expect((problem as Error).message).toBe(
      'abc: GPU budget must be a whole number ≥ 1, got "abc"; ' +
        "-1: GPU budget must be a whole number ≥ 1, got -1",
    );
  });

  it("checkSweepValues names the other field a value conflicts with", () => {
    // The bundled scenario starts one prefill and one decode replica of one GPU each: a budget
    // of 1 GPU cannot hold them, and the parser says so at the fleet.
    const problem = checkSweepValues(
      dynamoSinLoad,
      "dynamo-sin-load.json",
      "planner.maxGpuBudget",
      "1, 4",
      1,
    );
    expect((problem as Error).message).toBe(
      "1: fleet: the initial replicas need 2 GPUs but gpuLimit is 1",
    );
  });

  it("checkSweepValues passes values the scenario takes, and says a repeat before judging any", () => {
    const check = (path: string, text: string) =>
      checkSweepValues(dynamoSinLoad, "dynamo-sin-load.json", path, text, 2);
    expect(check("planner.maxGpuBudget", "4, 8, 16")).toEqual([4, 8, 16]);
    expect(check("planner.loadPredictor", "constant, kalman")).toEqual(["constant", "kalman"]);
    expect((check("planner.maxGpuBudget", "4, 4") as Error).message).toBe("4 is given twice");
    expect((check("planner.loadPredictor", "constant, oracle") as Error).message).toMatch(
      /^oracle: load predictor must be one of "constant", .*, got "oracle"$/,
    );
  });

  it("makes one run per value and seed, each with the field and the seed set", () => {
    const points = sweepPoints(dynamoSinLoad, "planner.maxGpuBudget", [4, 8], 2);
    expect(points.map((p) => [p.value, p.seed])).toEqual([
      [4, 1],
      [4, 2],
      [8, 1],
      [8, 2],
    ]);
    expect(fieldValue(points[3].draft, "planner.maxGpuBudget")).toBe(8);
    expect(fieldValue(points[3].draft, "seed")).toBe(2);
    expect(fieldValue(points[3].draft, "planner.mode")).toBe("dynamo-0.4");
  });
});

describe("a small sweep's results", () => {
  const outcomes = [
    { value: 4, seed: 1, attainment: 0.5, gpuHours: 2 },
    { value: 4, seed: 2, attainment: 0.7, gpuHours: 2.2 },
    { value: 8, seed: 1, attainment: 0.9, gpuHours: 3 },
    { value: 12, seed: 1, attainment: 0.85, gpuHours: 4 },
  ];

  it("averages each value over its seeds and marks the frontier", () => {
    const rows = sweepRows([4, 8, 12, 16], outcomes);
    expect(rows.map((r) => r.value)).toEqual([4, 8, 12]);
    expect(rows[0].attainment).toBeCloseTo(0.6, 12);
    expect(rows[0].gpuHours).toBeCloseTo(2.1, 12);
    expect(rows[0].attainmentRange).toEqual([0.5, 0.7]);
    // 12 costs more than 8 and serves worse: off the frontier.
    expect(rows.map((r) => r.onFrontier)).toEqual([true, true, false]);
  });

  it("charts every value as a dot and the frontier as a line, in percent", () => {
    const chart = frontierChart(sweepRows([4, 8, 12], outcomes), "GPU budget");
    const [frontier, dots] = chart.series;
    expect(frontier.xs).toEqual([2.1, 3]);
    expect(frontier.ys.map((y) => Math.round(y))).toEqual([60, 90]);
    expect(dots.dotRadius).toBe(4);
    expect(dots.xs).toHaveLength(3);
  });
});
