/**
 * The KPSS test of level stationarity (Kwiatkowski, Phillips, Schmidt and Shin, 1992) and the
 * number of differences it asks for, as pmdarima's `ndiffs(test="kpss")` chooses ARIMA's d.
 */

/** One KPSS test: the statistic, its p-value and the Newey–West lag truncation used. */
export interface KpssResult {
  readonly statistic: number;
  /** Interpolated in the asymptotic table, so clamped to [0.01, 0.10]. */
  readonly pValue: number;
  readonly lags: number;
}

// Upper-tail asymptotic critical values of the level-stationarity statistic (KPSS 1992,
// table 1), from the 10 % to the 1 % level. p-values between them are interpolated linearly
// and held at the ends, as R's tseries and pmdarima do.
const CRITICAL_VALUES = [0.347, 0.463, 0.574, 0.739];
const SIGNIFICANCE_LEVELS = [0.1, 0.05, 0.025, 0.01];

/**
 * The KPSS statistic of `series` against the null hypothesis of stationarity around a level:
 * η = Σ S_t² / n² over the partial sums S_t of the demeaned series, divided by the Newey–West
 * long-run variance with Bartlett weights and ⌊4 (n/100)^¼⌋ lags (the "short" truncation).
 * A large statistic (small p-value) means the series wanders: it needs a difference.
 */
export function kpssLevelTest(series: readonly number[]): KpssResult {
  const n = series.length;
  const mean = series.reduce((sum, y) => sum + y, 0) / n;
  const residuals = series.map((y) => y - mean);

  // 1. η: the mean square of the partial sums, scaled by n².
  let partialSum = 0;
  let sumOfSquares = 0;
  for (const e of residuals) {
    partialSum += e;
    sumOfSquares += partialSum * partialSum;
  }
  const eta = sumOfSquares / (n * n);

  // 2. The long-run variance: γ₀ + 2 Σ_{s ≤ l} (1 − s/(l+1)) γ_s.
  const lags = Math.trunc(4 * Math.pow(n / 100, 0.25));
  let longRunVariance = autocovariance(residuals, 0);
  for (let s = 1; s <= lags; s++) {
    longRunVariance += 2 * (1 - s / (lags + 1)) * autocovariance(residuals, s);
  }

  const statistic = eta / longRunVariance;
  return { statistic, pValue: kpssPValue(statistic), lags };
}

/** The p-value of a KPSS level statistic, linear in the critical-value table, held at its ends. */
export function kpssPValue(statistic: number): number {
  if (Number.isNaN(statistic)) return Number.NaN;
  const last = CRITICAL_VALUES.length - 1;
  if (statistic <= CRITICAL_VALUES[0]) return SIGNIFICANCE_LEVELS[0];
  if (statistic >= CRITICAL_VALUES[last]) return SIGNIFICANCE_LEVELS[last];
  let i = 0;
  while (statistic > CRITICAL_VALUES[i + 1]) i += 1;
  const t = (statistic - CRITICAL_VALUES[i]) / (CRITICAL_VALUES[i + 1] - CRITICAL_VALUES[i]);
  return SIGNIFICANCE_LEVELS[i] + t * (SIGNIFICANCE_LEVELS[i + 1] - SIGNIFICANCE_LEVELS[i]);
}

/**
 * ARIMA's d: difference while KPSS rejects stationarity at `alpha` (p < alpha), at most `maxD`
 * times; a series that is or becomes constant needs no further difference, and a test that
 * cannot be computed keeps the d reached before it.
 */
export function numDifferences(series: readonly number[], alpha = 0.05, maxD = 2): number {
  let current = series;
  if (isConstantSeries(current)) return 0;
  let pValue = kpssLevelTest(current).pValue;
  if (Number.isNaN(pValue)) return 0;
  let d = 0;
  while (pValue < alpha && d < maxD) {
    d += 1;
    current = difference(current);
    if (isConstantSeries(current)) return d;
    pValue = kpssLevelTest(current).pValue;
    if (Number.isNaN(pValue)) return d - 1;
  }
  return d;
}

/** The first differences y_t − y_{t−1}, one shorter than `series`. */
export function difference(series: readonly number[]): number[] {
  return series.slice(1).map((y, i) => y - series[i]);
}

export function isConstantSeries(series: readonly number[]): boolean {
  return series.every((y) => y === series[0]);
}

// The lag-s sample autocovariance with divisor n, as the Newey–West estimator uses it.
function autocovariance(residuals: readonly number[], lag: number): number {
  let sum = 0;
  for (let t = lag; t < residuals.length; t++) sum += residuals[t] * residuals[t - lag];
  return sum / residuals.length;
}
