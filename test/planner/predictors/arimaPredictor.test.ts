import { describe, expect, it } from "vitest";
import { ArimaPredictor } from "../../../src/planner/predictors/arimaPredictor.ts";
import { ar1Series, forecastAfter, makeOptions, normals } from "./seriesFactories.ts";

describe("ArimaPredictor", () => {
  it("forecasts an AR(1) load as μ + φ (y_n − μ), with φ near 0.7", () => {
    const series = ar1Series(11, 200, 0.7, 20);
    const predictor = new ArimaPredictor(makeOptions({ windowSize: 200 }));
    const forecast = forecastAfter(predictor, series);
    const model = predictor.model;
    expect(model?.fitsLogLoad).toBe(false);
    expect(model?.fit.order.d).toBe(0);
    // φ̂'s standard error at n = 200 is ≈ 0.05 and the mean's ≈ 0.24: allow 3 of each.
    const deviation = series[series.length - 1] - 20;
    expect(Math.abs(forecast - (20 + 0.7 * deviation))).toBeLessThan(
      0.15 * Math.abs(deviation) + 0.7,
    );
  });

  it("searches the order once, then refits it warm as points arrive", () => {
    const series = ar1Series(5, 40, 0.7, 20);
    const predictor = new ArimaPredictor(makeOptions({ windowSize: 50 }));
    series.forEach((figure) => {
      predictor.addDataPoint(figure);
      predictor.predictNext();
    });
    // 36 forecasts (from the 5th point); a new search only every 25 points or on a change.
    expect(predictor.numOrderSearches).toBeLessThanOrEqual(3);
  });

  it("searches again when a point falls far outside the model's forecast", () => {
    const predictor = new ArimaPredictor(makeOptions({ windowSize: 50 }));
    ar1Series(5, 20, 0.7, 20).forEach((figure) => predictor.addDataPoint(figure));
    predictor.predictNext();
    const before = predictor.numOrderSearches;
    predictor.addDataPoint(200);
    predictor.predictNext();
    expect(predictor.numOrderSearches).toBe(before + 1);
  });

  it("refits white noise in log1p space, as Dynamo does when p = q = 0", () => {
    const predictor = new ArimaPredictor(makeOptions());
    const forecast = forecastAfter(
      predictor,
      normals(2, 50).map((e) => 100 + 5 * e),
    );
    expect(predictor.model?.fit.order).toMatchObject({ p: 0, q: 0 });
    expect(predictor.model?.fitsLogLoad).toBe(true);
    expect(forecast).toBeGreaterThan(90);
    expect(forecast).toBeLessThan(110);
  });

  it("does not switch to log space again when the log1p option already applies", () => {
    const predictor = new ArimaPredictor(makeOptions({ log1p: true }));
    forecastAfter(
      predictor,
      normals(2, 50).map((e) => 100 + 5 * e),
    );
    expect(predictor.model?.fitsLogLoad).toBe(false);
  });
});
