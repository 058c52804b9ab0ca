import type { LoadPredictor, PredictorOptions } from "../loadPredictor.ts";

/** Points every model-based predictor needs before it forecasts (Dynamo's minimum_data_points). */
export const MIN_MODEL_POINTS = 5;

/** Warnings held until takeWarnings is called; past this, the oldest are dropped. */
const MAX_PENDING_WARNINGS = 20;

/**
 * The rules Dynamo's model-based predictors share, so that each model only says how it learns
 * and forecasts:
 *
 * 1. a non-finite figure is recorded as 0 (an empty window has no mean ISL);
 * 2. zeros before the first non-zero figure are skipped, so a planner started before traffic
 *    does not learn that the load is zero (Dynamo's idle-start guard);
 * 3. only the last `windowSize` figures are kept;
 * 4. below the model's minimum number of points, or when every kept figure is the same, the
 *    forecast is the last figure (a constant series needs no model, and ARIMA would forecast 0);
 * 5. with `log1p`, the model sees log1p(y) and its forecast ŷ comes back as expm1(ŷ);
 * 6. the forecast is clamped at 0, and a model that throws or forecasts a non-finite number
 *    gives the last figure instead, with a warning.
 *
 * A forecast is cached until the next figure arrives, so asking twice neither refits a model
 * nor advances a filter.
 */
export abstract class WindowedPredictor implements LoadPredictor {
  protected readonly options: PredictorOptions;
  /** The predictor's name, for warnings ("arima"). */
  protected abstract readonly name: string;
  private readonly window: number[] = [];
  private hasStarted = false;
  private numPointsSeen = 0;
  private cachedForecast: number | undefined;
  private pendingWarnings: string[] = [];

  protected constructor(options: PredictorOptions) {
    this.options = options;
  }

  addDataPoint(value: number): void {
    const figure = Number.isFinite(value) ? value : 0;
    if (!this.hasStarted && figure === 0) return;
    this.hasStarted = true;
    this.numPointsSeen += 1;
    this.window.push(figure);
    if (this.window.length > this.options.windowSize) this.window.shift();
    this.cachedForecast = undefined;
    try {
      this.observe(this.toModelSpace(figure));
    } catch (error) {
      this.warn(`${this.name} predictor could not learn from ${figure} (${reasonOf(error)})`);
    }
  }

  predictNext(): number {
    this.cachedForecast ??= this.computeForecast();
    return this.cachedForecast;
  }

  takeWarnings(): string[] {
    const warnings = this.pendingWarnings;
    this.pendingWarnings = [];
    return warnings;
  }

  /** Learns one kept figure, given in model space (log1p of it with the log1p option). */
  protected abstract observe(modelValue: number): void;

  /**
   * The next figure in model space, once at least `minPoints` figures are kept and they are not
   * all equal. It may throw: the predictor then falls back to the last figure.
   */
  protected abstract forecast(): number;

  /** Kept figures below which the forecast is the last figure. */
  protected get minPoints(): number {
    return MIN_MODEL_POINTS;
  }

  /** Figures kept since the first non-zero one, the ones that left the window included. */
  protected get pointsSeen(): number {
    return this.numPointsSeen;
  }

  /** The kept figures, oldest first, in model space. */
  protected modelWindow(): number[] {
    return this.window.map((figure) => this.toModelSpace(figure));
  }

  protected toModelSpace(figure: number): number {
    return this.options.log1p ? Math.log1p(Math.max(0, figure)) : figure;
  }

  protected fromModelSpace(modelValue: number): number {
    return this.options.log1p ? Math.expm1(modelValue) : modelValue;
  }

  private computeForecast(): number {
    const last = this.lastFigure();
    if (this.window.length < this.minPoints || this.isConstant()) return last;
    try {
      const forecast = this.fromModelSpace(this.forecast());
      if (!Number.isFinite(forecast)) throw new Error(`the forecast was ${forecast}`);
      return Math.max(0, forecast);
    } catch (error) {
      const shown = last.toFixed(2);
      this.warn(
        `${this.name} predictor failed (${reasonOf(error)}); using the last value ${shown}`,
      );
      return last;
    }
  }

  private lastFigure(): number {
    return this.window.length === 0 ? 0 : Math.max(0, this.window[this.window.length - 1]);
  }

  private isConstant(): boolean {
    return this.window.every((figure) => figure === this.window[0]);
  }

  private warn(message: string): void {
    this.pendingWarnings.push(message);
    if (this.pendingWarnings.length > MAX_PENDING_WARNINGS) this.pendingWarnings.shift();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
