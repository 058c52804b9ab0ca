import type { PredictorOptions } from "../loadPredictor.ts";

/** The noise settings of a local-linear-trend Kalman filter. */
export interface LocalLinearTrendNoise {
  /** Measurement noise variance R. */
  readonly r: number;
  /** Process noise variance of the level, Q[0][0]. */
  readonly qLevel: number;
  /** Process noise variance of the trend, Q[1][1]. */
  readonly qTrend: number;
}

/** The prior variance of the level and the trend when the first figure arrives (P₀ = 1000·I). */
const INITIAL_VARIANCE = 1000;

/**
 * A Kalman filter on a local linear trend, as Dynamo's Kalman predictor sets up filterpy: state
 * [level, trend], transition F = [[1, 1], [0, 1]], observation H = [1, 0], P₀ = 1000·I,
 * R and Q = diag(qLevel, qTrend). The first figure sets the level (trend 0) without an update;
 * each later figure is a predict step, unless `forecast` already took it, then an update.
 */
export class LocalLinearTrendFilter {
  /** A filter with the noise settings of the planner's Kalman flags. */
  static fromOptions(
    options: Pick<PredictorOptions, "kalmanR" | "kalmanQLevel" | "kalmanQTrend">,
  ): LocalLinearTrendFilter {
    return new LocalLinearTrendFilter({
      r: options.kalmanR,
      qLevel: options.kalmanQLevel,
      qTrend: options.kalmanQTrend,
    });
  }

  private readonly noise: LocalLinearTrendNoise;
  private level = 0;
  private trend = 0;
  // The state covariance P, symmetric: [[p00, p01], [p01, p11]].
  private p00 = INITIAL_VARIANCE;
  private p01 = 0;
  private p11 = INITIAL_VARIANCE;
  private isInitialised = false;
  private hasPredicted = false;

  constructor(noise: LocalLinearTrendNoise) {
    this.noise = noise;
  }

  /** Whether a figure has been observed, so that `forecast` means something. */
  get initialised(): boolean {
    return this.isInitialised;
  }

  /** The filtered level and trend, for inspection. */
  get state(): { readonly level: number; readonly trend: number } {
    return { level: this.level, trend: this.trend };
  }

  observe(value: number): void {
    if (!this.isInitialised) {
      this.level = value;
      this.isInitialised = true;
      return;
    }
    if (!this.hasPredicted) this.predict();
    this.update(value);
    this.hasPredicted = false;
  }

  /**
   * The one-step-ahead forecast, level + trend. It takes the predict step of the next figure,
   * once: asking again before that figure arrives returns the same number.
   */
  forecast(): number {
    if (!this.hasPredicted && this.isInitialised) {
      this.predict();
      this.hasPredicted = true;
    }
    return this.level;
  }

  private predict(): void {
    this.level += this.trend;
    // P ← F P Fᵀ + Q, written out for F = [[1, 1], [0, 1]].
    this.p00 += 2 * this.p01 + this.p11 + this.noise.qLevel;
    this.p01 += this.p11;
    this.p11 += this.noise.qTrend;
  }

  private update(value: number): void {
    const innovation = value - this.level;
    const innovationVariance = this.p00 + this.noise.r;
    const levelGain = this.p00 / innovationVariance;
    const trendGain = this.p01 / innovationVariance;
    this.level += levelGain * innovation;
    this.trend += trendGain * innovation;
    // P ← (I − K H) P; the new p01 uses the old p00 and p01, so it is computed first.
    const p01 = this.p01 * (1 - levelGain);
    this.p11 -= trendGain * this.p01;
    this.p00 *= 1 - levelGain;
    this.p01 = p01;
  }
}
