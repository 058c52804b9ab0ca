import { describe, expect, it } from "vitest";
import { DecodeInterpolator } from "../../src/planner/index.ts";

describe("DecodeInterpolator on profiles that do not triangulate", () => {
  it("falls back to the nearest sample everywhere when all samples lie on one line", () => {
    const decode = new DecodeInterpolator({
      kvUsage: [0.1, 0.2, 0.3, 0.4],
      contextLengthTokens: [1000, 1000, 1000, 1000],
      itlS: [0.01, 0.012, 0.014, 0.016],
      tokensPerSPerGpu: [1000, 2000, 3000, 4000],
      maxKvTokens: 100_000,
    });
    expect(decode.outsideHull.every((cell) => cell === 1)).toBe(true);
    // 10 requests of 1,000 tokens fill 10 % of 100,000 tokens: the first sample.
    expect(decode.itlS(10, 1000)).toBe(0.01);
  });
});
