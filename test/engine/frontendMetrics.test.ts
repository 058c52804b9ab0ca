import { describe, expect, it } from "vitest";
import { FrontendMetrics } from "../../sim/engine/frontendMetrics.ts";

describe("FrontendMetrics", () => {
  it("takeWindow() returns each quantity's sum over its count since the last call", () => {
    const metrics = new FrontendMetrics();
    metrics.observeFirstToken(0.2);
    metrics.observeFirstToken(0.4);
    metrics.observeTokenGaps(0.05, 5);
    metrics.observeCompletion(2, 100, 10);
    metrics.observeCompletion(4, 300, 30);
    metrics.observeRejection();
    expect(metrics.takeWindow()).toEqual({
      numReq: 3,
      islTokens: 200,
      oslTokens: 20,
      ttftS: expect.closeTo(0.3, 12),
      itlS: expect.closeTo(0.01, 12),
      requestDurationS: 3,
    });
  });

  it("starts every window afresh: an empty one has no requests and NaN averages", () => {
    const metrics = new FrontendMetrics();
    metrics.observeCompletion(2, 100, 10);
    metrics.takeWindow();
    expect(metrics.takeWindow()).toEqual({
      numReq: 0,
      islTokens: NaN,
      oslTokens: NaN,
      ttftS: NaN,
      itlS: NaN,
      requestDurationS: NaN,
    });
  });

  it("counts a rejected request as a request and observes nothing else of it", () => {
    const metrics = new FrontendMetrics();
    metrics.observeRejection();
    const window = metrics.takeWindow();
    expect(window.numReq).toBe(1);
    expect(window.islTokens).toBeNaN();
  });
});
