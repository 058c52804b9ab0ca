import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createLoadPredictor,
  LOAD_PREDICTOR_NAMES,
  type LoadPredictorName,
} from "../../../src/planner/loadPredictor.ts";
import { anyFigureArb, loadFigureArb, predictorNameArb } from "./predictorArbitraries.ts";
import { forecastAfter, makeOptions } from "./seriesFactories.ts";

const MODEL_PREDICTORS: readonly LoadPredictorName[] = ["arima", "kalman", "seasonal"];

describe("every load predictor", () => {
  it("LOAD_PREDICTOR_NAMES lists constant, arima, kalman and seasonal", () => {
    expect(LOAD_PREDICTOR_NAMES).toEqual(["constant", "arima", "kalman", "seasonal"]);
  });

  it.each(LOAD_PREDICTOR_NAMES)("%s forecasts 5 after ten intervals of 5 requests", (name) => {
    const forecast = forecastAfter(createLoadPredictor(name), new Array(10).fill(5));
    expect(forecast).toBeCloseTo(5, 2);
  });

  it.each(LOAD_PREDICTOR_NAMES)(
    "%s forecasts within [5.0, 5.1] after nine 5s and a 5.1",
    (name) => {
      const forecast = forecastAfter(createLoadPredictor(name), [...new Array(9).fill(5), 5.1]);
      expect(forecast).toBeGreaterThanOrEqual(5);
      expect(forecast).toBeLessThanOrEqual(5.1);
    },
  );

  it.each(LOAD_PREDICTOR_NAMES)("%s forecasts the last value, 6, after only 5 and 6", (name) => {
    expect(forecastAfter(createLoadPredictor(name), [5, 6])).toBe(6);
  });

  it.each(LOAD_PREDICTOR_NAMES)("%s forecasts 0 before any figure", (name) => {
    expect(createLoadPredictor(name).predictNext()).toBe(0);
  });

  it("never forecasts a negative number or NaN, whatever figures it is fed", () => {
    fc.assert(
      fc.property(predictorNameArb, fc.array(anyFigureArb, { maxLength: 30 }), (name, figures) => {
        const predictor = createLoadPredictor(name);
        for (const figure of figures) {
          predictor.addDataPoint(figure);
          const forecast = predictor.predictNext();
          if (!(forecast >= 0 && forecast < Infinity)) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it("asking twice for a forecast gives the same number", () => {
    fc.assert(
      fc.property(predictorNameArb, fc.array(loadFigureArb, { maxLength: 25 }), (name, figures) => {
        const predictor = createLoadPredictor(name);
        figures.forEach((figure) => predictor.addDataPoint(figure));
        expect(predictor.predictNext()).toBe(predictor.predictNext());
      }),
      { numRuns: 40 },
    );
  });

  it("rejects options no predictor can work with, naming the option", () => {
    expect(() => createLoadPredictor("kalman", makeOptions({ windowSize: 0 }))).toThrow(
      "createLoadPredictor: options.windowSize must be a whole number ≥ 1, got 0",
    );
    expect(() => createLoadPredictor("seasonal", makeOptions({ intervalS: NaN }))).toThrow(
      "options.intervalS must be a number of seconds > 0, got NaN",
    );
  });
});

describe("the model-based predictors (arima, kalman, seasonal)", () => {
  it("skip leading zeros: idle intervals before the first request change nothing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODEL_PREDICTORS),
        fc.integer({ min: 1, max: 8 }),
        fc.array(loadFigureArb, { minLength: 1, maxLength: 20 }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (name, numZeros, rest, first) => {
          const figures = [first, ...rest];
          const withZeros = forecastAfter(createLoadPredictor(name), [
            ...new Array(numZeros).fill(0),
            ...figures,
          ]);
          expect(withZeros).toBe(forecastAfter(createLoadPredictor(name), figures));
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each(MODEL_PREDICTORS)("%s records NaN as 0, once traffic has started", (name) => {
    const series = [8, 9, 7, 8, 10, 9];
    const withNaN = forecastAfter(createLoadPredictor(name), [...series, NaN, 6]);
    expect(withNaN).toBe(forecastAfter(createLoadPredictor(name), [...series, 0, 6]));
  });

  it.each(MODEL_PREDICTORS)("%s forgets figures older than the window", (name) => {
    // With a window of 5, the last five figures are all 7: a constant series, forecast 7.
    const options = makeOptions({ windowSize: 5 });
    expect(forecastAfter(createLoadPredictor(name, options), [1, 50, 3, 7, 7, 7, 7, 7])).toBe(7);
  });

  it.each(["kalman", "seasonal"] as const)(
    "%s with log1p forecasts expm1 of its raw-space forecast on log1p of the load",
    (name) => {
      fc.assert(
        fc.property(fc.array(loadFigureArb, { maxLength: 25 }), (figures) => {
          const inLogSpace = forecastAfter(
            createLoadPredictor(name, makeOptions({ log1p: true })),
            figures,
          );
          const logFigures = figures.map((y) => Math.log1p(Number.isFinite(y) ? y : 0));
          const rawOnLogs = forecastAfter(createLoadPredictor(name), logFigures);
          expect(inLogSpace).toBeCloseTo(Math.expm1(rawOnLogs), 6);
        }),
        { numRuns: 40 },
      );
    },
  );

  it.each(MODEL_PREDICTORS)("%s with log1p follows exponential growth", (name) => {
    // log1p(y_t) = 1 + 0.1 t is a straight line, which every model here extrapolates.
    const series = Array.from({ length: 30 }, (_, t) => Math.expm1(1 + 0.1 * t));
    const forecast = forecastAfter(createLoadPredictor(name, makeOptions({ log1p: true })), series);
    expect(forecast).toBeCloseTo(Math.expm1(1 + 0.1 * 30), 0);
  });
});
