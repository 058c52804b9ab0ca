import { filterArma } from "./armaLikelihood.ts";
import { invertibleFromUnconstrained, stationaryFromUnconstrained } from "./armaPolynomials.ts";
import { difference } from "./kpss.ts";
import { minimizeBfgs } from "./minimize.ts";

/** A non-seasonal ARIMA order: AR terms, differences, MA terms. */
export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
}

/** An ARIMA(p, d, q) model fitted to a series, with its one-step forecast of that series. */
export interface ArimaFit {
  readonly order: ArimaOrder;
  /** Whether the differenced series has a non-zero mean: a level (d = 0) or a drift (d = 1). */
  readonly withConstant: boolean;
  readonly ar: readonly number[];
  readonly ma: readonly number[];
  /** The mean of the d-times differenced series (0 without a constant), in series units. */
  readonly constant: number;
  /** Innovation variance, in series units squared. */
  readonly sigma2: number;
  readonly logLikelihood: number;
  /** Akaike's criterion, −2 log L + 2 k, k counting φ, θ, the constant and σ². */
  readonly aic: number;
  /** The unconstrained parameters the optimiser settled on, to warm-start a refit. */
  readonly parameters: readonly number[];
  /** The forecast of the value after the series' last. */
  readonly forecast: number;
}

/** How to fit. */
export interface ArimaFitOptions {
  /** Unconstrained parameters to start from (a previous fit's), instead of the sample PACF. */
  readonly start?: readonly number[];
  /** BFGS iterations at most; pmdarima's default is 50. */
  readonly maxIterations?: number;
}

// Beyond |u| = 7, tanh(u) is within 2e-6 of ±1: the polynomial is at the edge of stationarity
// and the likelihood surface flat, so the search is kept inside.
const MAX_UNCONSTRAINED = 7;
// The series is scaled to unit size before fitting; σ² is held above this (in those units) so
// that an exact fit cannot claim an infinite likelihood.
const MIN_SCALED_SIGMA2 = 1e-10;

/**
 * Fits ARIMA(p, d, q), with a constant when `withConstant`, by exact Gaussian maximum likelihood:
 * the series is differenced d times, scaled to unit size, and the ARMA likelihood (a Kalman
 * filter from the stationary distribution, σ² and the constant concentrated out) is maximised
 * over φ and θ by BFGS, through a reparametrisation that keeps them stationary and invertible.
 *
 * This is the likelihood statsmodels' SARIMAX maximises for pmdarima, with three differences:
 * differencing is applied to the data first (SARIMAX keeps the d integration states in the
 * filter with a diffuse start, which gives the same likelihood for the differenced series);
 * the constant is the mean of the differenced series, estimated by generalised least squares
 * at each step rather than searched over (SARIMAX searches over an intercept c = μ·(1 − Σφ),
 * which has the same maximum); and the optimiser is BFGS with numerical gradients rather
 * than L-BFGS-B, so fits agree to the optimiser's tolerance, not to the digit.
 */
export function fitArima(
  series: readonly number[],
  order: ArimaOrder,
  withConstant: boolean,
  options: ArimaFitOptions = {},
): ArimaFit {
  const { p, d, q } = order;

  // 1. Difference, and scale to unit size so that the search behaves the same at any load.
  let differenced = [...series];
  for (let i = 0; i < d; i++) differenced = difference(differenced);
  const n = differenced.length;
  if (n === 0) throw new Error(`ARIMA(${p},${d},${q}) needs more than ${d} points, got ${n + d}`);
  const scale = sizeOf(differenced);
  const scaledSeries = differenced.map((w) => w / scale);

  // 2. Maximise the likelihood over the unconstrained parameters.
  const coefficientsOf = (u: readonly number[]) => {
    const bounded = u.map((ui) => Math.max(-MAX_UNCONSTRAINED, Math.min(MAX_UNCONSTRAINED, ui)));
    return {
      ar: stationaryFromUnconstrained(bounded.slice(0, p)),
      ma: invertibleFromUnconstrained(bounded.slice(p)),
    };
  };
  const filter = (u: readonly number[]) => {
    const { ar, ma } = coefficientsOf(u);
    return filterArma(scaledSeries, ar, ma, withConstant, MIN_SCALED_SIGMA2);
  };
  const start =
    options.start?.length === p + q ? [...options.start] : startingValues(scaledSeries, p, q);
  const best = minimizeBfgs((u) => -filter(u).logLikelihood, start, {
    maxIterations: options.maxIterations ?? 50,
  });

  // 3. Back to series units: the likelihood of the unscaled series, its forecast.
  const { ar, ma } = coefficientsOf(best.x);
  const result = filter(best.x);
  const logLikelihood = result.logLikelihood - n * Math.log(scale);
  const numParameters = p + q + (withConstant ? 1 : 0) + 1;
  return {
    order,
    withConstant,
    ar,
    ma,
    constant: result.mean * scale,
    sigma2: result.sigma2 * scale * scale,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * numParameters,
    parameters: best.x,
    forecast: integrate(series, d, result.nextValue * scale),
  };
}

/** The forecast of the series from a forecast of its d-th difference. */
function integrate(series: readonly number[], d: number, nextDifference: number): number {
  const n = series.length;
  if (d === 0) return nextDifference;
  if (d === 1) return series[n - 1] + nextDifference;
  return 2 * series[n - 1] - series[n - 2] + nextDifference;
}

// The root mean square about the mean, or of the values when they are all equal, or 1 for
// zeros: any positive size will do, it only conditions the search.
function sizeOf(series: readonly number[]): number {
  const mean = series.reduce((sum, w) => sum + w, 0) / series.length;
  const spread = Math.sqrt(series.reduce((sum, w) => sum + (w - mean) ** 2, 0) / series.length);
  if (spread > 0 && spread < Infinity) return spread;
  const level = Math.abs(mean);
  return level > 0 && level < Infinity ? level : 1;
}

// AR starting values from the sample partial autocorrelations, which are the reflection
// coefficients of the Yule–Walker AR(p) fit, pulled inside ±0.9 so that the search starts away
// from the edge; MA terms start at 0.
function startingValues(series: readonly number[], p: number, q: number): number[] {
  const pacf = samplePartialAutocorrelations(series, p).map((r) =>
    Math.max(-0.9, Math.min(0.9, r)),
  );
  return [...pacf.map(Math.atanh), ...new Array(q).fill(0)];
}

// Durbin–Levinson on the sample autocorrelations: φ_kk for k = 1…p (0 where undefined).
function samplePartialAutocorrelations(series: readonly number[], p: number): number[] {
  const n = series.length;
  const mean = series.reduce((sum, w) => sum + w, 0) / n;
  const acov = (lag: number) => {
    let sum = 0;
    for (let t = lag; t < n; t++) sum += (series[t] - mean) * (series[t - lag] - mean);
    return sum / n;
  };
  const gamma0 = acov(0);
  if (!(gamma0 > 0)) return new Array(p).fill(0);
  const rho = Array.from({ length: p + 1 }, (_, lag) => (lag < n ? acov(lag) / gamma0 : 0));
  const pacf: number[] = [];
  let phi: number[] = [];
  for (let k = 1; k <= p; k++) {
    const numerator = rho[k] - phi.reduce((sum, c, j) => sum + c * rho[k - j - 1], 0);
    const denominator = 1 - phi.reduce((sum, c, j) => sum + c * rho[j + 1], 0);
    const phiKK = denominator > 0 ? numerator / denominator : 0;
    phi = [...phi.map((c, j) => c - phiKK * phi[k - j - 2]), phiKK];
    pacf.push(phiKK);
  }
  return pacf;
}
