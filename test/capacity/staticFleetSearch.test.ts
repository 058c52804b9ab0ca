// The staircase search for the smallest fixed fleet, against tables of attainment that never
// fall when a role gains a replica.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  searchStaticFleet,
  type StaticFleetLimits,
  type StaticFleetRun,
} from "../../sim/capacity/staticFleetSearch.ts";
import { monotoneAttainmentArb } from "../arbitraries/capacityArbitraries.ts";

const ONE_GPU_ENGINES = { prefillEngineNumGpu: 1, decodeEngineNumGpu: 1, minReplicas: 1 };

/** `table[prefill - 1][decode - 1]`, the last row or column standing for larger fleets. */
function lookup(table: readonly (readonly number[])[], prefill: number, decode: number): number {
  const row = table[Math.min(prefill, table.length) - 1];
  return row[Math.min(decode, row.length) - 1];
}

/** An evaluator reading the table, counting how often each fleet ran. */
function fromTable(table: readonly (readonly number[])[], limits: StaticFleetLimits) {
  const calls = new Map<string, number>();
  const evaluate = async (prefill: number, decode: number): Promise<StaticFleetRun> => {
    const key = `${prefill},${decode}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    const gpus = prefill * limits.prefillEngineNumGpu + decode * limits.decodeEngineNumGpu;
    const attainment = lookup(table, prefill, decode);
    return { prefill, decode, gpus, gpuHours: gpus, attainment };
  };
  return { evaluate, calls };
}

/** The answer by trying every fleet within the limit: fewest GPUs, then highest attainment. */
function everyFleet(table: readonly (readonly number[])[], limits: StaticFleetLimits) {
  let best: { prefill: number; decode: number; gpus: number; attainment: number } | null = null;
  for (let prefill = 1; prefill <= limits.maxGpus; prefill += 1) {
    for (let decode = 1; decode <= limits.maxGpus; decode += 1) {
      const gpus = prefill * limits.prefillEngineNumGpu + decode * limits.decodeEngineNumGpu;
      const attainment = lookup(table, prefill, decode);
      if (gpus > limits.maxGpus || attainment < limits.goal) continue;
      const better =
        best === null || gpus < best.gpus || (gpus === best.gpus && attainment > best.attainment);
      if (better) best = { prefill, decode, gpus, attainment };
    }
  }
  return best;
}

describe("searchStaticFleet", () => {
  it("finds the smallest fleet meeting the goal on a hand-made table", async () => {
    // Rows: prefill 1..4; columns: decode 1..4. Prefill 1 never suffices; (2, 3) and (3, 2)
    // both meet with 5 GPUs; (3, 2) attains more.
    const table = [
      [0.1, 0.2, 0.3, 0.4],
      [0.5, 0.9, 0.99, 0.995],
      [0.6, 0.992, 0.993, 0.999],
      [0.6, 0.992, 0.999, 1],
    ];
    const limits = { ...ONE_GPU_ENGINES, goal: 0.99, maxGpus: 8 };
    const { evaluate, calls } = fromTable(table, limits);
    const search = await searchStaticFleet(evaluate, limits);
    expect(search.fleet).toMatchObject({ prefill: 3, decode: 2, gpus: 5, attainment: 0.992 });
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(search.runs.length).toBe(calls.size);
  });

  it("returns no fleet, and the best run, when nothing within the limit meets the goal", async () => {
    const table = [
      [0.1, 0.2],
      [0.3, 0.5],
    ];
    const limits = { ...ONE_GPU_ENGINES, goal: 0.99, maxGpus: 4 };
    const search = await searchStaticFleet(fromTable(table, limits).evaluate, limits);
    expect(search.fleet).toBeNull();
    expect(search.bestFound).toMatchObject({ prefill: 2, decode: 2, attainment: 0.5 });
  });

  it("counts GPUs per engine: two-GPU decode engines make decode dear", async () => {
    // (1, 2) costs 1 + 4 = 5 GPUs, (2, 1) costs 2 + 2 = 4; both meet.
    const table = [
      [0.5, 1],
      [1, 1],
    ];
    const limits = {
      goal: 0.99,
      maxGpus: 6,
      minReplicas: 1,
      prefillEngineNumGpu: 1,
      decodeEngineNumGpu: 2,
    };
    const search = await searchStaticFleet(fromTable(table, limits).evaluate, limits);
    expect(search.fleet).toMatchObject({ prefill: 2, decode: 1, gpus: 4 });
  });

  it("agrees with trying every fleet, and runs each fleet at most once", async () => {
    await fc.assert(
      fc.asyncProperty(
        monotoneAttainmentArb(8),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 16 }),
        async (table, goal, maxGpus) => {
          const limits = { ...ONE_GPU_ENGINES, goal, maxGpus };
          const { evaluate, calls } = fromTable(table, limits);
          const search = await searchStaticFleet(evaluate, limits);
          const expected = everyFleet(table, limits);
          if (expected === null) expect(search.fleet).toBeNull();
          else expect(search.fleet).toMatchObject(expected);
          expect([...calls.values()].every((n) => n === 1)).toBe(true);
          // The staircase: at most one step per prefill count plus a bisection per step down.
          expect(search.runs.length).toBeLessThanOrEqual(maxGpus + 4 * 8);
        },
      ),
      { numRuns: 300 },
    );
  });
});
