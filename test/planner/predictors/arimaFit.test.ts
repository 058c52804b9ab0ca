import { describe, expect, it } from "vitest";
import { fitArima } from "../../../src/planner/predictors/arimaFit.ts";
import { ar1Series } from "./seriesFactories.ts";

const SERIES = [
  2.1, 1.4, 3.0, 2.2, 0.9, 1.7, 2.8, 3.3, 2.0, 1.1, 0.6, 1.9, 2.5, 3.1, 2.4, 1.3, 1.8, 2.9, 2.2,
  1.5,
];

describe("fitArima", () => {
  it.each([1, 2, 3, 4, 5])(
    "recovers φ = 0.7 of y_t = 20 + 0.7 (y_{t−1} − 20) + e_t from 500 points (seed %i)",
    (seed) => {
      // The maximum-likelihood φ̂ has standard error √((1 − φ²)/n) = √(0.51/500) ≈ 0.032, so
      // 0.1 is about three standard errors. The mean's is σ/((1 − φ)√n) ≈ 0.15; σ²'s is
      // σ²√(2/n) ≈ 0.063.
      const fit = fitArima(ar1Series(seed, 500, 0.7, 20), { p: 1, d: 0, q: 0 }, true);
      expect(Math.abs(fit.ar[0] - 0.7)).toBeLessThan(0.1);
      expect(Math.abs(fit.constant - 20)).toBeLessThan(0.5);
      expect(Math.abs(fit.sigma2 - 1)).toBeLessThan(0.2);
    },
  );

  it("forecasts μ + φ (y_n − μ) with an AR(1)", () => {
    const series = ar1Series(9, 200, 0.7, 20);
    const fit = fitArima(series, { p: 1, d: 0, q: 0 }, true);
    const last = series[series.length - 1];
    expect(fit.forecast).toBeCloseTo(fit.constant + fit.ar[0] * (last - fit.constant), 9);
  });

  it("reaches the exact maximum-likelihood ARMA(1, 1) of a short series", () => {
    // Reference: Nelder–Mead on the dense-covariance Gaussian likelihood (see the filterArma
    // tests), run independently in SciPy to a 1e-12 tolerance.
    const fit = fitArima(SERIES, { p: 1, d: 0, q: 1 }, true);
    expect(fit.ar[0]).toBeCloseTo(-0.188062, 4);
    expect(fit.ma[0]).toBeCloseTo(0.723993, 4);
    expect(fit.constant).toBeCloseTo(2.045173, 4);
    expect(fit.logLikelihood).toBeCloseTo(-19.988103, 5);
    // AIC = −2 log L + 2·(φ, θ, μ, σ²).
    expect(fit.aic).toBeCloseTo(2 * 19.988103 + 8, 4);
  });

  it("ARIMA(0, 1, 0) with drift continues a straight line exactly", () => {
    const fit = fitArima([1, 3, 5, 7, 9], { p: 0, d: 1, q: 0 }, true);
    expect(fit.constant).toBeCloseTo(2, 12);
    expect(fit.forecast).toBeCloseTo(11, 12);
  });

  it("ARIMA(0, 2, 0) continues a straight line without a constant", () => {
    expect(fitArima([1, 4, 9, 14, 19], { p: 0, d: 2, q: 0 }, false).forecast).toBeCloseTo(24, 12);
  });

  it("fits the same model whatever the load's scale", () => {
    const small = fitArima(SERIES, { p: 1, d: 0, q: 1 }, true);
    const large = fitArima(
      SERIES.map((y) => 1e6 * y),
      { p: 1, d: 0, q: 1 },
      true,
    );
    expect(large.ar[0]).toBeCloseTo(small.ar[0], 4);
    expect(large.forecast / 1e6).toBeCloseTo(small.forecast, 4);
  });

  it("a warm start from a previous fit converges in a few iterations", () => {
    const series = ar1Series(3, 120, 0.7, 20);
    const previous = fitArima(series.slice(0, 119), { p: 1, d: 0, q: 1 }, true);
    const cold = fitArima(series, { p: 1, d: 0, q: 1 }, true);
    const warm = fitArima(series, { p: 1, d: 0, q: 1 }, true, {
      start: previous.parameters,
      maxIterations: 5,
    });
    expect(warm.logLikelihood).toBeCloseTo(cold.logLikelihood, 3);
  });
});
