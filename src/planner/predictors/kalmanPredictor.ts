import type { PredictorOptions } from "../loadPredictor.ts";
import { LocalLinearTrendFilter } from "./localLinearTrend.ts";
import { WindowedPredictor } from "./windowedPredictor.ts";

/**
 * Dynamo's `kalman` predictor (added in its PR 5554): a local-linear-trend Kalman filter fed
 * every figure, forecasting level + trend. Unlike Dynamo's raw mode (its issue #14493), the
 * forecast is clamped at 0: a falling trend must not forecast negative load.
 */
export class KalmanPredictor extends WindowedPredictor {
  protected readonly name = "kalman";
  private readonly filter: LocalLinearTrendFilter;

  constructor(options: PredictorOptions) {
    super(options);
    this.filter = LocalLinearTrendFilter.fromOptions(options);
  }

  protected override get minPoints(): number {
    return this.options.kalmanMinPoints;
  }

  protected observe(modelValue: number): void {
    this.filter.observe(modelValue);
  }

  protected forecast(): number {
    return this.filter.forecast();
  }
}
