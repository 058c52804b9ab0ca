/**
 * The mean of a figure over a point's seeds and its 95 % confidence interval, from Student's t
 * distribution: mean ± t(0.975, n − 1) · s / √n, s the sample standard deviation.
 */
import { mean, sampleStandardDeviation } from "simple-statistics";

export interface MeanInterval {
  readonly mean: number;
  /** Half the interval's width; NaN with fewer than two values (no spread to measure). */
  readonly halfWidth: number;
  readonly count: number;
}

/** The mean and 95 % interval of the finite `values`; NaN mean when there is none. */
export function meanInterval(values: readonly number[]): MeanInterval {
  const finite = values.filter(Number.isFinite);
  const count = finite.length;
  if (count === 0) return { mean: Number.NaN, halfWidth: Number.NaN, count };
  if (count === 1) return { mean: finite[0], halfWidth: Number.NaN, count };
  const spread = sampleStandardDeviation(finite);
  return {
    mean: mean(finite),
    halfWidth: (tQuantile975(count - 1) * spread) / Math.sqrt(count),
    count,
  };
}

/**
 * The 0.975 quantile of Student's t with `degrees` (a whole number ≥ 1) degrees of freedom:
 * 12.706 for 1, 4.303 for 2, tending to 1.960. Found by bisection on the exact distribution.
 */
export function tQuantile975(degrees: number): number {
  let low = 0;
  let high = 64;
  // The two-sided probability grows with t; 60 halvings leave an interval below 1e-16.
  for (let step = 0; step < 60; step += 1) {
    const middle = (low + high) / 2;
    if (probabilityWithin(middle, degrees) < 0.95) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * P(|T| < t) for Student's t with a whole number of degrees of freedom, by the finite series of
 * Abramowitz and Stegun 26.7.3 and 26.7.4 in θ = atan(t / √ν).
 */
function probabilityWithin(t: number, degrees: number): number {
  const theta = Math.atan(t / Math.sqrt(degrees));
  const cos2 = Math.cos(theta) ** 2;
  const sin = Math.sin(theta);
  if (degrees % 2 === 0) {
    // sinθ · (1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^(ν−2)θ)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= degrees - 2; k += 2) {
      term *= ((k - 1) / k) * cos2;
      sum += term;
    }
    return sin * sum;
  }
  // (2/π) · (θ + sinθ · cosθ · (1 + (2/3)cos²θ + (2·4)/(3·5)cos⁴θ + … up to cos^(ν−3)θ))
  if (degrees === 1) return (2 / Math.PI) * theta;
  let term = 1;
  let sum = 1;
  for (let k = 3; k <= degrees - 2; k += 2) {
    term *= ((k - 1) / k) * cos2;
    sum += term;
  }
  return (2 / Math.PI) * (theta + sin * Math.cos(theta) * sum);
}
