import { describe, expect, it } from "vitest";
import { DecodeStepModel } from "../../src/planner/decodeStepModel.ts";
import type { DecodeProfile } from "../../src/profile/engineProfile.ts";

/**
 * Decode points given as (context, batch, ITL); KV usage is batch × context / capacity, as
 * Dynamo's profiler records it, with a capacity of 1,000 tokens.
 */
function makeDecodeProfile(points: readonly [number, number, number][]): DecodeProfile {
  const maxKvTokens = 1000;
  return {
    kvUsage: points.map(([context, batch]) => (batch * context) / maxKvTokens),
    contextLengthTokens: points.map(([context]) => context),
    itlS: points.map(([, , itlS]) => itlS),
    tokensPerSPerGpu: points.map(() => 1000),
    maxKvTokens,
  };
}

const noFallback = () => {
  throw new Error("the fallback should not be used");
};

// Context 100: ITL 10 ms at batch 1, 16 ms at batch 4 (2 ms per request).
// Context 200: ITL 20 ms at batch 1, 32 ms at batch 4 (4 ms per request).
const twoRows = makeDecodeProfile([
  [100, 4, 0.016],
  [200, 1, 0.02],
  [100, 1, 0.01],
  [200, 4, 0.032],
]);

describe("DecodeStepModel", () => {
  it("uses the profile's rows when two contexts have two points each", () => {
    expect(new DecodeStepModel(twoRows, noFallback).usesProfileRows).toBe(true);
  });

  it("stepTimeS(batch, context) interpolates linearly along a row in batch size", () => {
    const model = new DecodeStepModel(twoRows, noFallback);
    expect(model.stepTimeS(2.5, 100)).toBeCloseTo(0.013, 12);
    expect(model.stepTimeS(4, 200)).toBeCloseTo(0.032, 12);
  });

  it("stepTimeS(batch, context) blends the two rows around the context linearly", () => {
    const model = new DecodeStepModel(twoRows, noFallback);
    // Batch 1 at context 150: halfway between 10 ms and 20 ms.
    expect(model.stepTimeS(1, 150)).toBeCloseTo(0.015, 12);
    // Batch 4 at context 175: a quarter of the way from 32 ms down to 16 ms.
    expect(model.stepTimeS(4, 175)).toBeCloseTo(0.016 * 0.25 + 0.032 * 0.75, 12);
  });

  it("clamps contexts outside the profiled ones to the nearest row", () => {
    const model = new DecodeStepModel(twoRows, noFallback);
    expect(model.stepTimeS(2, 50)).toBeCloseTo(0.012, 12);
    expect(model.stepTimeS(2, 500)).toBeCloseTo(0.024, 12);
  });

  it("keeps the smallest batch's ITL below it", () => {
    const model = new DecodeStepModel(twoRows, noFallback);
    expect(model.stepTimeS(0.5, 100)).toBeCloseTo(0.01, 12);
  });

  it("continues the last rising slope past the largest measured batch", () => {
    const model = new DecodeStepModel(twoRows, noFallback);
    expect(model.stepTimeS(6, 100)).toBeCloseTo(0.016 + 2 * 0.002, 12);
  });

  it("never gets faster past the largest batch, even when the last segment falls", () => {
    const falling = makeDecodeProfile([
      [100, 1, 0.03],
      [100, 2, 0.02],
      [200, 1, 0.03],
      [200, 2, 0.04],
    ]);
    const model = new DecodeStepModel(falling, noFallback);
    expect(model.stepTimeS(10, 100)).toBeCloseTo(0.02, 12);
  });

  it("falls back to the given function, at the batch's KV usage, without two rows", () => {
    const single = makeDecodeProfile([
      [100, 1, 0.01],
      [200, 1, 0.02],
      [300, 1, 0.03],
    ]);
    const calls: [number, number][] = [];
    const model = new DecodeStepModel(single, (kvUsage, context) => {
      calls.push([kvUsage, context]);
      return 0.5;
    });
    expect(model.usesProfileRows).toBe(false);
    expect(model.stepTimeS(2, 100)).toBe(0.5);
    // 2 requests × 100 tokens of a 1,000-token cache.
    expect(calls).toEqual([[0.2, 100]]);
  });
});
