// Prefill sizing by the queueing model, worked by hand on one engine (M/G/1 by Kingman's
// approximation: the M/M/1 wait ρ / (μ − λ) times (ca² + cs²) / 2).
import { describe, expect, it } from "vitest";
import { meanQueueWaitS, prefillEnginesForTtft } from "../../src/planner/prefillQueueing.ts";

describe("prefill sizing for a TTFT target", () => {
  // 18 prompts/s of 50 ms on one engine: ρ = 0.9, M/M/1 wait 0.9 / (20 − 18) = 0.45 s; with
  // Poisson arrivals (1) and service variability 0.25 it is 0.45 × 1.25 / 2 = 0.28125 s.
  it("meanQueueWaitS on one engine is Kingman's M/G/1 wait", () => {
    expect(meanQueueWaitS(1, 18, 0.05, 1, 0.25)).toBeCloseTo(0.28125, 12);
  });

  it("says when the most engines allowed still queue past the target, apart from a prompt too long", () => {
    // TTFT with one engine: 0.05 + 0.28125 s, over a 0.17 s target; one engine is the most.
    const capped = prefillEnginesForTtft(18, 0.05, 0.17, 1, 0.25, 0, 1);
    expect(capped).toMatchObject({ engines: 1, feasible: true, met: false });
    expect(capped.ttftS).toBeCloseTo(0.33125, 12);
    // With room for more, the fewest that meet it.
    expect(prefillEnginesForTtft(18, 0.05, 0.17, 1, 0.25, 0, 8)).toMatchObject({
      feasible: true,
      met: true,
    });
    // A 0.2 s prompt against the 0.17 s target: no count helps; the fewest that keep up.
    expect(prefillEnginesForTtft(1, 0.2, 0.17, 1, 0.25, 0, 8)).toMatchObject({
      engines: 1,
      feasible: false,
      met: false,
    });
  });
});
