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

/** Dynamo's `constant` predictor: the next interval looks like the last one (0 before any). */
export class ConstantPredictor implements LoadPredictor {
  private last = 0;

  addDataPoint(value: number): void {
    this.last = Number.isFinite(value) ? value : 0;
  }

  predictNext(): number {
    return this.last;
  }

  takeWarnings(): string[] {
    return [];
  }
}

/** The predictors this version provides, by their Dynamo names. */
export const LOAD_PREDICTOR_NAMES = ["constant"] as const;
export type LoadPredictorName = (typeof LOAD_PREDICTOR_NAMES)[number];

/** A fresh predictor of the named kind. */
export function createLoadPredictor(
  name: LoadPredictorName,
  options: PredictorOptions = DEFAULT_PREDICTOR_OPTIONS,
): LoadPredictor {
  void options;
  switch (name) {
    case "constant":
      return new ConstantPredictor();
  }
}
