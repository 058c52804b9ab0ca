import { describe, expect, it } from "vitest";
import { createLoadPredictor } from "../../../src/planner/loadPredictor.ts";
import { LocalLinearTrendFilter } from "../../../src/planner/predictors/localLinearTrend.ts";
import { forecastAfter, makeOptions } from "./seriesFactories.ts";

// Dynamo's defaults: R = 10, Q = diag(1, 0.1), P₀ = 1000·I.
const NOISE = { r: 10, qLevel: 1, qTrend: 0.1 };

describe("LocalLinearTrendFilter", () => {
  it("the first figure sets the level, with no trend", () => {
    const filter = new LocalLinearTrendFilter(NOISE);
    filter.observe(10);
    expect(filter.state).toEqual({ level: 10, trend: 0 });
    expect(filter.forecast()).toBe(10);
  });

  it("predicts then updates, as worked on paper for the figures 10, 12, 11", () => {
    // Figure 12. Predict: x = F x = [10, 0]; P = F P₀ Fᵀ + Q = [[2001, 1000], [1000, 1000.1]].
    // Update: S = 2001 + 10 = 2011, K = [2001/2011, 1000/2011] = [0.995027, 0.497265],
    // innovation 12 − 10 = 2: level = 10 + 1.990055 = 11.990055, trend = 0.994530.
    // Forecast: level + trend = 12.984585.
    const filter = new LocalLinearTrendFilter(NOISE);
    filter.observe(10);
    filter.observe(12);
    expect(filter.state.level).toBeCloseTo(11.990055, 5);
    expect(filter.state.trend).toBeCloseTo(0.99453, 5);
    expect(filter.forecast()).toBeCloseTo(12.984585, 5);

    // Figure 11. After the update, P = (I − K H) P = [[20010/2011, 10000/2011],
    // [10000/2011, 1000.1 − 10⁶/2011]] = [[9.950273, 4.972650], [4.972650, 502.834958]].
    // Predict: P00 = 9.950273 + 2·4.972650 + 502.834958 + 1 = 523.730532,
    // P10 = 4.972650 + 502.834958 = 507.807608; S = 533.730532, K = [0.981264, 0.951431].
    // Innovation 11 − 12.984585 = −1.984585: level = 12.984585 − 1.947402 = 11.037183,
    // trend = 0.994530 − 1.888195 = −0.893665; forecast 10.143518.
    filter.observe(11);
    expect(filter.state.level).toBeCloseTo(11.037183, 5);
    expect(filter.state.trend).toBeCloseTo(-0.893665, 5);
    expect(filter.forecast()).toBeCloseTo(10.143518, 5);
  });

  it("forecast() takes the predict step once: asking again does not advance the filter", () => {
    const filter = new LocalLinearTrendFilter(NOISE);
    [10, 12].forEach((y) => filter.observe(y));
    const first = filter.forecast();
    expect(filter.forecast()).toBe(first);
    filter.observe(11);
    expect(filter.forecast()).toBeCloseTo(10.143518, 5);
  });
});

describe("KalmanPredictor", () => {
  it("forecasts the filter's level + trend once kalmanMinPoints figures are in", () => {
    const predictor = createLoadPredictor("kalman", makeOptions({ kalmanMinPoints: 2 }));
    expect(forecastAfter(predictor, [10, 12])).toBeCloseTo(12.984585, 5);
    expect(forecastAfter(predictor, [11])).toBeCloseTo(10.143518, 5);
  });

  it("forecasts the last value below kalmanMinPoints", () => {
    const predictor = createLoadPredictor("kalman", makeOptions({ kalmanMinPoints: 4 }));
    expect(forecastAfter(predictor, [10, 12, 11])).toBe(11);
  });

  it("clamps a falling trend at 0 rather than forecasting negative load (Dynamo #14493)", () => {
    // The filter's own forecast after this collapse is below 0.
    const filter = new LocalLinearTrendFilter(NOISE);
    const series = [100, 80, 60, 40, 20, 2];
    series.forEach((y) => filter.observe(y));
    expect(filter.forecast()).toBeLessThan(0);
    expect(forecastAfter(createLoadPredictor("kalman"), series)).toBe(0);
  });

  it("follows a straight line to the next point", () => {
    const line = Array.from({ length: 40 }, (_, t) => 100 + 3 * t);
    expect(forecastAfter(createLoadPredictor("kalman"), line)).toBeCloseTo(220, 1);
  });
});
