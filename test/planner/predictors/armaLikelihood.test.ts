import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterArma } from "../../../src/planner/predictors/armaLikelihood.ts";
import {
  hasInverseRootsWithin,
  invertibleFromUnconstrained,
  stationaryFromUnconstrained,
  unconstrainedFromStationary,
} from "../../../src/planner/predictors/armaPolynomials.ts";

// A short series typed by hand, for the reference values below.
const SERIES = [
  2.1, 1.4, 3.0, 2.2, 0.9, 1.7, 2.8, 3.3, 2.0, 1.1, 0.6, 1.9, 2.5, 3.1, 2.4, 1.3, 1.8, 2.9, 2.2,
  1.5,
];

describe("filterArma", () => {
  it("gives the exact AR(1) likelihood, worked by hand for y = 1, 2, 0.5 and φ = 0.5", () => {
    // The first value has the stationary variance σ²/(1 − φ²), the others σ² around φ y_{t−1}:
    // Σ (scaled squares) = 0.75·1² + (2 − 0.5)² + (0.5 − 1)² = 3.25, so σ̂² = 3.25/3, and
    // log L = −(3/2)(log(2π σ̂²) + 1) + ½ log(1 − φ²).
    const sigma2 = 3.25 / 3;
    const expected = -1.5 * (Math.log(2 * Math.PI * sigma2) + 1) + 0.5 * Math.log(0.75);
    const result = filterArma([1, 2, 0.5], [0.5], [], false);
    expect(result.sigma2).toBeCloseTo(sigma2, 12);
    expect(result.logLikelihood).toBeCloseTo(expected, 12);
    expect(result.nextValue).toBeCloseTo(0.25, 12);
  });

  it("gives the exact MA(1) likelihood, worked by hand for y = 1, −1 and θ = 0.5", () => {
    // Covariance (σ² = 1) [[1.25, 0.5], [0.5, 1.25]], determinant 1.3125; yᵀΣ⁻¹y =
    // (1.25 + 1.25 + 2·0.5)/1.3125 = 8/3, so σ̂² = 4/3 and
    // log L = −(log(2π·4/3) + 1) − ½ log 1.3125.
    const expected = -(Math.log((2 * Math.PI * 4) / 3) + 1) - 0.5 * Math.log(1.3125);
    const result = filterArma([1, -1], [], [0.5], false);
    expect(result.sigma2).toBeCloseTo(4 / 3, 12);
    expect(result.logLikelihood).toBeCloseTo(expected, 12);
  });

  it("estimates the mean of white noise as the sample mean, σ² as the sample variance", () => {
    // y = 1, 2, 3, 6: mean 3, variance (4 + 1 + 0 + 9)/4 = 3.5.
    const result = filterArma([1, 2, 3, 6], [], [], true);
    expect(result.mean).toBeCloseTo(3, 12);
    expect(result.sigma2).toBeCloseTo(3.5, 12);
    expect(result.logLikelihood).toBeCloseTo(-2 * (Math.log(2 * Math.PI * 3.5) + 1), 12);
    expect(result.nextValue).toBeCloseTo(3, 12);
  });

  it("matches the dense-covariance likelihood of an ARMA(2, 1), mean by GLS", () => {
    // Reference: the Gaussian log-likelihood from the Cholesky factor of the 20 × 20 ARMA
    // autocovariance matrix (ψ-weights summed to 20,000 terms), computed independently with
    // NumPy; the mean is the GLS mean 1ᵀΓ⁻¹y / 1ᵀΓ⁻¹1.
    const withoutMean = filterArma(SERIES, [0.5, -0.2], [0.3], false);
    expect(withoutMean.logLikelihood).toBeCloseTo(-34.017388, 5);
    expect(withoutMean.sigma2).toBeCloseTo(1.698933, 5);
    const withMean = filterArma(SERIES, [0.5, -0.2], [0.3], true);
    expect(withMean.mean).toBeCloseTo(2.045207, 5);
    expect(withMean.logLikelihood).toBeCloseTo(-20.526516, 5);
  });

  it("reports a non-stationary model as a breakdown, not a number", () => {
    expect(filterArma(SERIES, [1.5, -0.5], [], true).logLikelihood).toBe(-Infinity);
  });
});

describe("ARMA polynomials", () => {
  it("stationaryFromUnconstrained maps reflections r₁ = 0.5, r₂ = 0.2 to φ = [0.4, 0.2]", () => {
    // Durbin–Levinson: φ₂ = r₂, φ₁ = r₁ − r₂·r₁ = 0.5 − 0.1 = 0.4.
    const phi = stationaryFromUnconstrained([Math.atanh(0.5), Math.atanh(0.2)]);
    expect(phi[0]).toBeCloseTo(0.4, 12);
    expect(phi[1]).toBeCloseTo(0.2, 12);
  });

  it("always yields stationary AR and invertible MA polynomials", () => {
    // Past tanh(±5) = ±0.99991 a reflection coefficient rounds so close to 1 that checking the
    // roots again (the recursion run backwards) cannot tell it from 1 in doubles; fits reject
    // roots within 0.99 of the unit circle long before that.
    const unconstrainedArb = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(unconstrainedArb, (u) => {
        expect(hasInverseRootsWithin(stationaryFromUnconstrained(u))).toBe(true);
        const theta = invertibleFromUnconstrained(u);
        expect(hasInverseRootsWithin(theta.map((t) => -t))).toBe(true);
      }),
    );
  });

  it("unconstrainedFromStationary inverts stationaryFromUnconstrained", () => {
    // Near |r| = 1 the inverse divides by 1 − r² and loses digits; tanh(±3) = ±0.995 is as
    // far out as the parameters that matter go.
    const unconstrainedArb = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(unconstrainedArb, (u) => {
        const back = unconstrainedFromStationary(stationaryFromUnconstrained(u));
        back?.forEach((value, i) => expect(value).toBeCloseTo(u[i], 6));
        expect(back).toHaveLength(u.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("hasInverseRootsWithin tells a unit root and a near-unit root from a stationary one", () => {
    // 1 − 1.5z + 0.5z² = (1 − z)(1 − 0.5z): inverse roots 1 and 0.5.
    expect(hasInverseRootsWithin([1.5, -0.5])).toBe(false);
    expect(hasInverseRootsWithin([0.995], 1)).toBe(true);
    expect(hasInverseRootsWithin([0.995], 0.99)).toBe(false);
    // (1 − 0.9z)(1 − 0.5z) = 1 − 1.4z + 0.45z²: inside 0.99, not inside 0.8.
    expect(hasInverseRootsWithin([1.4, -0.45], 0.99)).toBe(true);
    expect(hasInverseRootsWithin([1.4, -0.45], 0.8)).toBe(false);
  });
});
