/**
 * Forecasts one load figure (request count, mean ISL or mean OSL) for the next interval from
 * the figures observed so far. The planner keeps three independent predictors.
 */
export interface LoadPredictor {
  /** Records one interval's observed figure. Non-finite figures are recorded as 0, as Dynamo does. */
  addDataPoint(value: number): void;
  /** The forecast for the next interval. */
  predictNext(): number;
}

/** Dynamo's `constant` predictor: the next interval looks like the last one (0 before any). */
export class ConstantPredictor implements LoadPredictor {
  private last = 0;

  addDataPoint(value: number): void {
    this.last = Number.isFinite(value) ? value : 0;
  }

  predictNext(): number {
    return this.last;
  }
}

/** The predictors this version provides, by their Dynamo names. */
export const LOAD_PREDICTOR_NAMES = ["constant"] as const;
export type LoadPredictorName = (typeof LOAD_PREDICTOR_NAMES)[number];

/** A fresh predictor of the named kind. */
export function createLoadPredictor(name: LoadPredictorName): LoadPredictor {
  switch (name) {
    case "constant":
      return new ConstantPredictor();
  }
}
