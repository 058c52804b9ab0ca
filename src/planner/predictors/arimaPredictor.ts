import type { PredictorOptions } from "../loadPredictor.ts";
import { fitArima, type ArimaFit } from "./arimaFit.ts";
import { autoArima } from "./autoArima.ts";
import { numDifferences } from "./kpss.ts";
import { WindowedPredictor } from "./windowedPredictor.ts";

/**
 * BFGS iterations of the warm-started refit after each new point; pmdarima's update() runs
 * max(5, new points / 10), which is 5 for one point.
 */
const UPDATE_ITERATIONS = 5;
/** A one-step error beyond this many innovation standard deviations triggers a new search. */
const SURPRISE_SIGMAS = 4;
/** Points after which the order is searched again even if the fit looks fine. */
const MIN_RESELECTION_POINTS = 10;

/**
 * Dynamo's `arima` predictor: an ARIMA model chosen as pmdarima's auto_arima chooses it (see
 * autoArima) on the last `windowSize` points, forecasting one step ahead.
 *
 * Dynamo v0.4 re-ran the whole order search every interval; its PR 5529 switched to one search
 * followed by pmdarima's incremental update. Here, likewise, the order is searched once, and
 * each later forecast keeps the order and re-estimates φ, θ and the constant on the current
 * window, warm-started from the previous estimates with a few BFGS iterations. The order is
 * searched again when the window has mostly turned over (every max(10, windowSize/2) points),
 * when KPSS now asks for a different d, or when a point falls more than 4 innovation standard
 * deviations from its forecast (the model no longer describes the load).
 *
 * As in later Dynamo, a search that settles on p = q = 0 in raw space (the forecast would be a
 * plain mean or last value plus drift) is redone on log1p of the load, and the forecast mapped
 * back with expm1; with the log1p option the whole predictor already works in log space.
 */
export class ArimaPredictor extends WindowedPredictor {
  protected readonly name = "arima";
  private fit: ArimaFit | undefined;
  private fitsLogLoad = false;
  private selectedAtPoint = 0;
  private isSurprised = false;
  private pendingForecast: number | undefined;
  private numSearches = 0;

  constructor(options: PredictorOptions) {
    super(options);
  }

  /** The model behind the latest forecast, and whether it was fitted on log1p of the load. */
  get model(): { readonly fit: ArimaFit; readonly fitsLogLoad: boolean } | undefined {
    return this.fit === undefined ? undefined : { fit: this.fit, fitsLogLoad: this.fitsLogLoad };
  }

  /** Order searches run so far (the rest of the forecasts were warm-started refits). */
  get numOrderSearches(): number {
    return this.numSearches;
  }

  protected observe(modelValue: number): void {
    if (this.fit === undefined || this.pendingForecast === undefined) return;
    const value = this.fitsLogLoad ? toLogLoad(modelValue) : modelValue;
    const error = Math.abs(value - this.pendingForecast);
    if (error > SURPRISE_SIGMAS * Math.sqrt(this.fit.sigma2)) this.isSurprised = true;
    this.pendingForecast = undefined;
  }

  protected forecast(): number {
    const window = this.modelWindow();
    const previous = this.fit;
    if (previous === undefined || this.needsSearch(window, previous)) {
      this.search(window);
    } else {
      this.fit = fitArima(this.fittedSeries(window), previous.order, previous.withConstant, {
        start: previous.parameters,
        maxIterations: UPDATE_ITERATIONS,
      });
    }
    const fit = this.fit as ArimaFit;
    this.pendingForecast = fit.forecast;
    return this.fitsLogLoad ? Math.expm1(fit.forecast) : fit.forecast;
  }

  private needsSearch(window: readonly number[], previous: ArimaFit): boolean {
    const reselectionPoints = Math.max(MIN_RESELECTION_POINTS, this.options.windowSize / 2);
    return (
      this.isSurprised ||
      this.pointsSeen - this.selectedAtPoint >= reselectionPoints ||
      numDifferences(this.fittedSeries(window)) !== previous.order.d
    );
  }

  private search(window: readonly number[]): void {
    this.numSearches += 1;
    let fit = autoArima(window).fit;
    let fitsLogLoad = false;
    if (!this.options.log1p && fit.order.p === 0 && fit.order.q === 0) {
      fit = autoArima(window.map(toLogLoad)).fit;
      fitsLogLoad = true;
    }
    this.fit = fit;
    this.fitsLogLoad = fitsLogLoad;
    this.selectedAtPoint = this.pointsSeen;
    this.isSurprised = false;
  }

  private fittedSeries(window: readonly number[]): readonly number[] {
    return this.fitsLogLoad ? window.map(toLogLoad) : window;
  }
}

function toLogLoad(value: number): number {
  return Math.log1p(Math.max(0, value));
}
