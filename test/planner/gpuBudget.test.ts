// The improved mode's budget rule: each role first gets what keeps it up with arrivals, then
// the GPUs left go towards the latency targets. Hand-worked cases, then properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBudgetKeepingUp } from "../../src/planner/index.ts";

const ONE_GPU_EACH = {
  maxGpuBudget: 9,
  minEndpoint: 1,
  prefillEngineNumGpu: 1,
  decodeEngineNumGpu: 1,
};

describe("fitBudgetKeepingUp", () => {
  it("leaves an ask within the budget alone", () => {
    expect(fitBudgetKeepingUp(3, 4, { prefill: 2, decode: 2 }, ONE_GPU_EACH)).toEqual({
      numPrefill: 3,
      numDecode: 4,
      applied: false,
      belowMinimums: false,
    });
  });

  it("keeps prefill up when decode asks for far more than the budget (the azure-conv case)", () => {
    // Asked 2 prefill and 24 decode within 9 GPUs. The proportional rule gives 1 and 8: prefill
    // falls behind its 2 and the queue never drains. Keeping up first: 2 and 4, then the 3 GPUs
    // left go to decode, the only role asking beyond keeping up: 2 and 7.
    const fitted = fitBudgetKeepingUp(2, 24, { prefill: 2, decode: 4 }, ONE_GPU_EACH);
    expect([fitted.numPrefill, fitted.numDecode]).toEqual([2, 7]);
    expect(fitted.applied).toBe(true);
  });

  it("shares the GPUs beyond keeping up in proportion to each role's extra ask", () => {
    // Keep-up 2 + 2 leaves 5 of 9; extras 6 prefill and 4 decode share them 3 : 2.
    const fitted = fitBudgetKeepingUp(8, 6, { prefill: 2, decode: 2 }, ONE_GPU_EACH);
    expect([fitted.numPrefill, fitted.numDecode]).toEqual([5, 4]);
  });

  it("shares the budget by keep-up need when even keeping up does not fit", () => {
    // Keep-up 6 and 6 in 9 GPUs: the later-Dynamo floor rule on them, 4 and 5.
    const fitted = fitBudgetKeepingUp(10, 10, { prefill: 6, decode: 6 }, ONE_GPU_EACH);
    expect([fitted.numPrefill, fitted.numDecode]).toEqual([4, 5]);
  });

  it("counts GPUs per engine", () => {
    // Prefill engines of 2 GPUs, decode of 1, budget 10: keep-up 2 P (4 GPUs) and 3 D leave 3
    // GPUs, all for decode's extra ask (prefill asks nothing beyond keeping up).
    const budget = { ...ONE_GPU_EACH, maxGpuBudget: 10, prefillEngineNumGpu: 2 };
    const fitted = fitBudgetKeepingUp(2, 20, { prefill: 2, decode: 3 }, budget);
    expect([fitted.numPrefill, fitted.numDecode]).toEqual([2, 6]);
  });

  it(
    "never exceeds the budget, never goes below the minimum or above the ask, and keeps up where " +
      "that fits",
    () => {
      const role = fc.integer({ min: 1, max: 60 });
      fc.assert(
        fc.property(
          role,
          role,
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          fc.record({
            maxGpuBudget: fc.integer({ min: 2, max: 64 }),
            minEndpoint: fc.integer({ min: 1, max: 3 }),
            prefillEngineNumGpu: fc.integer({ min: 1, max: 4 }),
            decodeEngineNumGpu: fc.integer({ min: 1, max: 4 }),
          }),
          (prefillAsk, decodeAsk, keepPrefill, keepDecode, budget) => {
            const { minEndpoint: min, prefillEngineNumGpu: gP, decodeEngineNumGpu: gD } = budget;
            const numPrefill = Math.max(min, prefillAsk);
            const numDecode = Math.max(min, decodeAsk);
            const keepUp = { prefill: keepPrefill, decode: keepDecode };
            const fitted = fitBudgetKeepingUp(numPrefill, numDecode, keepUp, budget);
            if (budget.maxGpuBudget < min * (gP + gD)) {
              expect(fitted.belowMinimums).toBe(true);
              return;
            }
            expect(fitted.numPrefill * gP + fitted.numDecode * gD).toBeLessThanOrEqual(
              budget.maxGpuBudget,
            );
            expect(fitted.numPrefill).toBeGreaterThanOrEqual(min);
            expect(fitted.numDecode).toBeGreaterThanOrEqual(min);
            expect(fitted.numPrefill).toBeLessThanOrEqual(numPrefill);
            expect(fitted.numDecode).toBeLessThanOrEqual(numDecode);
            const floorP = Math.min(numPrefill, Math.max(min, keepPrefill));
            const floorD = Math.min(numDecode, Math.max(min, keepDecode));
            if (floorP * gP + floorD * gD <= budget.maxGpuBudget) {
              expect(fitted.numPrefill).toBeGreaterThanOrEqual(floorP);
              expect(fitted.numDecode).toBeGreaterThanOrEqual(floorD);
            }
          },
        ),
        { numRuns: 2000 },
      );
    },
  );
});
