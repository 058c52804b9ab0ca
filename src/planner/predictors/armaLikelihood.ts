/**
 * The exact Gaussian likelihood of an ARMA(p, q) series, computed by a Kalman filter on its
 * state-space form, with the innovation variance σ² and the mean both concentrated out (each
 * has a closed-form maximum once the ARMA coefficients are fixed).
 */

/** What filtering a series through an ARMA model gives. */
export interface ArmaFilterResult {
  /** The maximised (profile) log-likelihood over σ² and, when estimated, the mean. */
  readonly logLikelihood: number;
  /** The maximum-likelihood innovation variance. */
  readonly sigma2: number;
  /** The generalised-least-squares mean, 0 when no mean is estimated. */
  readonly mean: number;
  /** The one-step-ahead forecast of the value after the last, mean included. */
  readonly nextValue: number;
}

/**
 * Filters `series` through the ARMA model w_t − μ = Σ φ_i (w_{t−i} − μ) + ε_t + Σ θ_j ε_{t−j}.
 *
 * State space (Harvey's form): r = max(p, q + 1) states, transition T with φ in its first
 * column and ones above the diagonal, disturbance loading R = [1, θ₁, …, θ_{r−1}], observation
 * of the first state. The filter starts from the stationary distribution (P₀ solves
 * P₀ = T P₀ Tᵀ + R Rᵀ), which makes the likelihood exact rather than conditional on the first
 * values. The filter runs with σ² = 1; the innovations v_t and their variances F_t then give
 * σ̂² = Σ v_t²/F_t / n. The mean is estimated by running the constant regressor through the same
 * filter (generalised least squares). `ar` must be stationary and `ma` invertible; a filter that
 * breaks down gives a log-likelihood of −∞. σ̂² is held at `minSigma2` or more, so that a model
 * fitting the series exactly cannot claim an infinite likelihood.
 */
export function filterArma(
  series: readonly number[],
  ar: readonly number[],
  ma: readonly number[],
  withMean: boolean,
  minSigma2 = 0,
): ArmaFilterResult {
  const n = series.length;
  const r = Math.max(ar.length, ma.length + 1);
  const phi = Float64Array.from({ length: r }, (_, i) => (i < ar.length ? ar[i] : 0));
  const loading = Float64Array.from({ length: r }, (_, i) => (i === 0 ? 1 : (ma[i - 1] ?? 0)));
  const covariance = stationaryCovariance(phi, loading);
  const stateOfSeries = new Float64Array(r);
  const stateOfMean = new Float64Array(r);
  const gain = new Float64Array(r);

  // 1. Filter the series and the constant regressor with the same gains.
  let sumLogF = 0;
  let syy = 0;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    const f = covariance[0];
    if (!(f > 0 && f < Infinity)) return brokenDown();
    const vy = series[t] - stateOfSeries[0];
    const vx = (withMean ? 1 : 0) - stateOfMean[0];
    sumLogF += Math.log(f);
    syy += (vy * vy) / f;
    sxy += (vx * vy) / f;
    sxx += (vx * vx) / f;
    for (let i = 0; i < r; i++) {
      gain[i] = (phi[i] * covariance[0] + (i + 1 < r ? covariance[(i + 1) * r] : 0)) / f;
    }
    advanceState(stateOfSeries, phi, gain, vy);
    advanceState(stateOfMean, phi, gain, vx);
    advanceCovariance(covariance, phi, loading, gain, f);
  }

  // 2. Concentrate out the mean, then σ².
  const mean = withMean && sxx > 0 ? sxy / sxx : 0;
  const sumOfSquares = Math.max(syy - mean * sxy, 0);
  const sigma2 = Math.max(sumOfSquares / n, minSigma2);
  const logLikelihood = -0.5 * (n * (Math.log(2 * Math.PI * sigma2) + 1) + sumLogF);
  const nextValue = mean + stateOfSeries[0] - mean * stateOfMean[0];
  return { logLikelihood, sigma2, mean, nextValue };
}

function brokenDown(): ArmaFilterResult {
  return { logLikelihood: -Infinity, sigma2: NaN, mean: NaN, nextValue: NaN };
}

// a ← T a + K v: (T a)_i = φ_i a_0 + a_{i+1}.
function advanceState(state: Float64Array, phi: Float64Array, gain: Float64Array, v: number) {
  const first = state[0];
  const r = state.length;
  for (let i = 0; i < r; i++) {
    state[i] = phi[i] * first + (i + 1 < r ? state[i + 1] : 0) + gain[i] * v;
  }
}

// P ← T P Tᵀ + R Rᵀ − K Kᵀ F, using the structure of T: (T P)_ij = φ_i P_0j + P_{i+1,j}.
function advanceCovariance(
  covariance: Float64Array,
  phi: Float64Array,
  loading: Float64Array,
  gain: Float64Array,
  f: number,
): void {
  const r = phi.length;
  const tp = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      tp[i * r + j] = phi[i] * covariance[j] + (i + 1 < r ? covariance[(i + 1) * r + j] : 0);
    }
  }
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const tpt = tp[i * r] * phi[j] + (j + 1 < r ? tp[i * r + j + 1] : 0);
      covariance[i * r + j] = tpt + loading[i] * loading[j] - gain[i] * gain[j] * f;
    }
  }
}

/**
 * The stationary state covariance: the solution of P = T P Tᵀ + R Rᵀ, found by solving the
 * r²-by-r² linear system (I − T ⊗ T) vec P = vec(R Rᵀ). r is at most 6 here, so the system
 * has at most 36 unknowns.
 */
export function stationaryCovariance(phi: Float64Array, loading: Float64Array): Float64Array {
  const r = phi.length;
  const size = r * r;
  const transition = (i: number, k: number) => (k === 0 ? phi[i] : k === i + 1 ? 1 : 0);
  const system = new Float64Array(size * size);
  const rhs = new Float64Array(size);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const row = i * r + j;
      rhs[row] = loading[i] * loading[j];
      for (let k = 0; k < r; k++) {
        const tik = transition(i, k);
        if (tik === 0) continue;
        for (let l = 0; l < r; l++) system[row * size + k * r + l] -= tik * transition(j, l);
      }
      system[row * size + row] += 1;
    }
  }
  return solveLinearSystem(system, rhs, size);
}

// Gaussian elimination with partial pivoting; a singular system gives NaN, which the filter
// reports as a breakdown.
function solveLinearSystem(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(matrix[row * n + col]) > Math.abs(matrix[pivot * n + col])) pivot = row;
    }
    if (matrix[pivot * n + col] === 0) return new Float64Array(n).fill(NaN);
    if (pivot !== col) swapRows(matrix, rhs, n, pivot, col);
    for (let row = col + 1; row < n; row++) {
      const factor = matrix[row * n + col] / matrix[col * n + col];
      if (factor === 0) continue;
      for (let k = col; k < n; k++) matrix[row * n + k] -= factor * matrix[col * n + k];
      rhs[row] -= factor * rhs[col];
    }
  }
  const solution = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = rhs[row];
    for (let k = row + 1; k < n; k++) sum -= matrix[row * n + k] * solution[k];
    solution[row] = sum / matrix[row * n + row];
  }
  return solution;
}

function swapRows(matrix: Float64Array, rhs: Float64Array, n: number, a: number, b: number) {
  for (let k = 0; k < n; k++) {
    const held = matrix[a * n + k];
    matrix[a * n + k] = matrix[b * n + k];
    matrix[b * n + k] = held;
  }
  const held = rhs[a];
  rhs[a] = rhs[b];
  rhs[b] = held;
}
