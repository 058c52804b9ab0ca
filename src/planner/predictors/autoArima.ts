import { hasInverseRootsWithin } from "./armaPolynomials.ts";
import { fitArima, type ArimaFit, type ArimaOrder } from "./arimaFit.ts";
import { difference, isConstantSeries, numDifferences } from "./kpss.ts";

/** pmdarima's auto_arima settings that matter for a non-seasonal search. */
export interface AutoArimaOptions {
  readonly maxP: number;
  readonly maxQ: number;
  readonly maxD: number;
  /** KPSS significance level for choosing d. */
  readonly alpha: number;
  /** BFGS iterations per candidate fit. */
  readonly maxIterations: number;
  /** Candidate fits at most (pmdarima's max_steps in a stepwise search). */
  readonly maxFits: number;
}

export const DEFAULT_AUTO_ARIMA_OPTIONS: AutoArimaOptions = {
  maxP: 5,
  maxQ: 5,
  maxD: 2,
  alpha: 0.05,
  maxIterations: 50,
  maxFits: 100,
};

/** The model auto_arima settles on, and how many candidates it fitted to find it. */
export interface AutoArimaResult {
  readonly fit: ArimaFit;
  readonly numFits: number;
}

// A model with an AR or MA inverse root this close to the unit circle is scored +∞, as
// pmdarima does: it is on the edge of non-stationarity or non-invertibility.
const MAX_INVERSE_ROOT = 0.99;
// Order moves tried around the current best, in pmdarima's order: one term fewer, one more,
// then both at once.
const NEIGHBOUR_MOVES: readonly (readonly [number, number])[] = [
  [-1, 0],
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
];

/**
 * Chooses and fits an ARIMA model the way pmdarima's auto_arima does with its defaults
 * (non-seasonal, stepwise, AIC):
 *
 * 1. d: KPSS tests of level stationarity, differencing while they reject at `alpha`, up to maxD;
 *    a series that differencing makes constant is fitted as ARIMA(0, d, 0) at once;
 * 2. a constant (mean for d = 0, drift for d = 1) in every model when d < 2;
 * 3. start models (2, d, 2) — (1, d, 1) under 10 points —, (0, d, 0), (1, d, 0), (0, d, 1) and
 *    (0, d, 0) without the constant;
 * 4. from the best so far, try the neighbours p ± 1, q ± 1 and both (within maxP, maxQ), move to
 *    the first that lowers the AIC, and stop when none does or after maxFits fits.
 *
 * Candidates with as many parameters as differenced points are skipped (pmdarima would try
 * them and get a degenerate fit); a candidate whose inverse roots come within 0.99 of the unit
 * circle scores +∞. Throws when no candidate could be fitted.
 */
export function autoArima(
  series: readonly number[],
  options: AutoArimaOptions = DEFAULT_AUTO_ARIMA_OPTIONS,
): AutoArimaResult {
  // 1. The order of differencing, and the shortcut for a series it makes constant.
  const d = numDifferences(series, options.alpha, options.maxD);
  let differenced = [...series];
  for (let i = 0; i < d; i++) differenced = difference(differenced);
  const withConstant = d < 2;
  if (isConstantSeries(differenced)) {
    return { fit: fitArima(series, { p: 0, d, q: 0 }, withConstant), numFits: 1 };
  }

  // 2. The start models.
  const search = new StepwiseSearch(series, d, differenced.length, options);
  const start = series.length < 10 ? 1 : 2;
  let p = Math.min(start, options.maxP);
  let q = Math.min(start, options.maxQ);
  search.tryOrder(p, q, withConstant);
  const starts: readonly (readonly [number, number])[] = [
    [0, 0],
    [Math.min(1, options.maxP), 0],
    [0, Math.min(1, options.maxQ)],
  ];
  for (const [startP, startQ] of starts) {
    if (search.tryOrder(startP, startQ, withConstant)) [p, q] = [startP, startQ];
  }
  if (withConstant && search.tryOrder(0, 0, false)) [p, q] = [0, 0];

  // 3. Walk to better neighbours.
  let moved = true;
  while (moved && search.canFitMore) {
    moved = false;
    for (const [dp, dq] of NEIGHBOUR_MOVES) {
      const [nextP, nextQ] = [p + dp, q + dq];
      if (nextP < 0 || nextQ < 0 || nextP > options.maxP || nextQ > options.maxQ) continue;
      if (!search.canFitMore) break;
      if (search.tryOrder(nextP, nextQ, withConstant)) {
        [p, q, moved] = [nextP, nextQ, true];
        break;
      }
    }
  }

  const fit = search.best;
  if (fit === undefined) throw new Error("no ARIMA order could be fitted");
  return { fit, numFits: search.numFits };
}

/** The candidates fitted so far and the best of them by AIC. */
class StepwiseSearch {
  private readonly series: readonly number[];
  private readonly d: number;
  private readonly numDifferenced: number;
  private readonly options: AutoArimaOptions;
  private readonly tried = new Set<string>();
  private bestFit: ArimaFit | undefined;
  private bestScore = Infinity;

  constructor(
    series: readonly number[],
    d: number,
    numDifferenced: number,
    options: AutoArimaOptions,
  ) {
    this.series = series;
    this.d = d;
    this.numDifferenced = numDifferenced;
    this.options = options;
  }

  get best(): ArimaFit | undefined {
    return this.bestFit;
  }

  get numFits(): number {
    return this.tried.size;
  }

  get canFitMore(): boolean {
    return this.tried.size < this.options.maxFits;
  }

  /** Fits the order unless already tried; true when it became the best. */
  tryOrder(p: number, q: number, withConstant: boolean): boolean {
    const key = `${p},${q},${withConstant}`;
    if (this.tried.has(key) || !this.canFitMore) return false;
    this.tried.add(key);
    const numParameters = p + q + (withConstant ? 1 : 0) + 1;
    if (numParameters >= this.numDifferenced) return false;
    const order: ArimaOrder = { p, d: this.d, q };
    const fit = fitArima(this.series, order, withConstant, {
      maxIterations: this.options.maxIterations,
    });
    const score = isNearUnitCircle(fit) || !Number.isFinite(fit.forecast) ? Infinity : fit.aic;
    if (!(score < this.bestScore)) return false;
    this.bestFit = fit;
    this.bestScore = score;
    return true;
  }
}

function isNearUnitCircle(fit: ArimaFit): boolean {
  const maPolynomial = fit.ma.map((theta) => -theta);
  return (
    !hasInverseRootsWithin(fit.ar, MAX_INVERSE_ROOT) ||
    !hasInverseRootsWithin(maPolynomial, MAX_INVERSE_ROOT)
  );
}
