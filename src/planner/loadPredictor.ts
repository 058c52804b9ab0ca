import { ArimaPredictor } from "./predictors/arimaPredictor.ts";
import { KalmanPredictor } from "./predictors/kalmanPredictor.ts";
import { SeasonalPredictor } from "./predictors/seasonalPredictor.ts";

/**
 * Forecasts one load figure (request count, mean ISL or mean OSL) for the next interval from
 * the figures observed so far. The planner keeps three independent predictors.
 */
export interface LoadPredictor {
  /** Records one interval's observed figure. Non-finite figures are recorded as 0, as Dynamo does. */
  addDataPoint(value: number): void;
  /** The forecast for the next interval; never negative, never NaN. */
  predictNext(): number;
  /** Warnings raised since the last call (e.g. a model failed and the last value was used). */
  takeWarnings(): string[];
}

/** Settings every predictor reads; Dynamo's names and defaults. */
export interface PredictorOptions {
  /** Observations the model keeps (Dynamo's load_prediction_window_size). */
  readonly windowSize: number;
  /** Fit in log1p space and return max(0, expm1(forecast)). */
  readonly log1p: boolean;
  /** Seconds between observations (the adjustment interval), for seasonal models. */
  readonly intervalS: number;
  /** Kalman local-linear-trend measurement noise. */
  readonly kalmanR: number;
  /** Kalman process noise of the level. */
  readonly kalmanQLevel: number;
  /** Kalman process noise of the trend. */
  readonly kalmanQTrend: number;
  /** Observations before the Kalman filter forecasts (before that, the last value). */
  readonly kalmanMinPoints: number;
}

export const DEFAULT_PREDICTOR_OPTIONS: PredictorOptions = {
  windowSize: 50,
  log1p: false,
  intervalS: 180,
  kalmanR: 10,
  kalmanQLevel: 1,
  kalmanQTrend: 0.1,
  kalmanMinPoints: 5,
};

/**
 * Dynamo's `constant` predictor: the next interval looks like the last one (0 before any).
 * A negative figure, which no load can be, is forecast as 0.
 */
export class ConstantPredictor implements LoadPredictor {
  private last = 0;

  addDataPoint(value: number): void {
    this.last = Number.isFinite(value) ? value : 0;
  }

  predictNext(): number {
    return Math.max(0, this.last);
  }

  takeWarnings(): string[] {
    return [];
  }
}

/**
 * The predictors this version provides: Dynamo's `constant`, `arima` and `kalman` (its
 * `prophet` is not reimplemented), and `seasonal`, ours, for traffic with a daily rhythm.
 */
export const LOAD_PREDICTOR_NAMES = ["constant", "arima", "kalman", "seasonal"] as const;
export type LoadPredictorName = (typeof LOAD_PREDICTOR_NAMES)[number];

/** A fresh predictor of the named kind; throws a RangeError naming a bad option. */
export function createLoadPredictor(
  name: LoadPredictorName,
  options: PredictorOptions = DEFAULT_PREDICTOR_OPTIONS,
): LoadPredictor {
  checkPredictorOptions(options);
  switch (name) {
    case "constant":
      return new ConstantPredictor();
    case "arima":
      return new ArimaPredictor(options);
    case "kalman":
      return new KalmanPredictor(options);
    case "seasonal":
      return new SeasonalPredictor(options);
  }
}

// Options come from a validated planner configuration or from a caller's code; a bad one here
// is a programming error, reported before a predictor silently misbehaves with it.
function checkPredictorOptions(options: PredictorOptions): void {
  const check = (name: keyof PredictorOptions, isValid: boolean, expected: string) => {
    if (!isValid) {
      throw new RangeError(
        `createLoadPredictor: options.${name} must be ${expected}, got ${String(options[name])}`,
      );
    }
  };
  const { windowSize, intervalS, kalmanR, kalmanQLevel, kalmanQTrend, kalmanMinPoints } = options;
  check("windowSize", Number.isSafeInteger(windowSize) && windowSize >= 1, "a whole number ≥ 1");
  check("intervalS", intervalS > 0 && intervalS < Infinity, "a number of seconds > 0");
  check("kalmanR", kalmanR > 0 && kalmanR < Infinity, "a number > 0");
  check("kalmanQLevel", kalmanQLevel >= 0 && kalmanQLevel < Infinity, "a number ≥ 0");
  check("kalmanQTrend", kalmanQTrend >= 0 && kalmanQTrend < Infinity, "a number ≥ 0");
  check(
    "kalmanMinPoints",
    Number.isSafeInteger(kalmanMinPoints) && kalmanMinPoints >= 1,
    "a whole number ≥ 1",
  );
}
