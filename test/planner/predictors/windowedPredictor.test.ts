import { describe, expect, it } from "vitest";
import type { PredictorOptions } from "../../../src/planner/loadPredictor.ts";
import { WindowedPredictor } from "../../../src/planner/predictors/windowedPredictor.ts";
import { forecastAfter, makeOptions } from "./seriesFactories.ts";

/** A model whose forecast is whatever the test says, recording what it was shown. */
class ScriptedPredictor extends WindowedPredictor {
  protected readonly name = "scripted";
  readonly observed: number[] = [];
  numForecasts = 0;
  private readonly script: () => number;

  constructor(script: () => number, options: PredictorOptions = makeOptions()) {
    super(options);
    this.script = script;
  }

  protected observe(modelValue: number): void {
    this.observed.push(modelValue);
  }

  protected forecast(): number {
    this.numForecasts += 1;
    return this.script();
  }
}

const RISING = [1, 2, 3, 4, 5, 7];

describe("WindowedPredictor", () => {
  it("a model that throws gives the last value and one warning", () => {
    const predictor = new ScriptedPredictor(() => {
      throw new Error("singular matrix");
    });
    expect(forecastAfter(predictor, RISING)).toBe(7);
    expect(predictor.takeWarnings()).toEqual([
      "scripted predictor failed (singular matrix); using the last value 7.00",
    ]);
    expect(predictor.takeWarnings()).toEqual([]);
  });

  it("a non-finite forecast gives the last value and a warning", () => {
    const predictor = new ScriptedPredictor(() => NaN);
    expect(forecastAfter(predictor, RISING)).toBe(7);
    expect(predictor.takeWarnings()).toEqual([
      "scripted predictor failed (the forecast was NaN); using the last value 7.00",
    ]);
  });

  it("clamps a negative forecast at 0", () => {
    expect(forecastAfter(new ScriptedPredictor(() => -3), RISING)).toBe(0);
  });

  it("asks the model once per new figure, however often the forecast is read", () => {
    const predictor = new ScriptedPredictor(() => 9);
    forecastAfter(predictor, RISING);
    predictor.predictNext();
    predictor.predictNext();
    expect(predictor.numForecasts).toBe(1);
    predictor.addDataPoint(8);
    predictor.predictNext();
    expect(predictor.numForecasts).toBe(2);
  });

  it("shows the model log1p of the figures and returns expm1 of its forecast", () => {
    const predictor = new ScriptedPredictor(() => Math.log1p(10), makeOptions({ log1p: true }));
    expect(forecastAfter(predictor, [0, 3, NaN, 1, 2, 4])).toBeCloseTo(10, 12);
    // The leading 0 was skipped; NaN was recorded as 0.
    expect(predictor.observed).toEqual([3, 0, 1, 2, 4].map(Math.log1p));
  });

  it("holds at most 20 warnings until they are taken", () => {
    const predictor = new ScriptedPredictor(() => Infinity);
    for (let i = 1; i <= 30; i++) forecastAfter(predictor, [i, i + 1, i + 2, i + 3, i + 5]);
    const warnings = predictor.takeWarnings();
    expect(warnings).toHaveLength(20);
    expect(warnings[19]).toBe(
      "scripted predictor failed (the forecast was Infinity); using the last value 35.00",
    );
  });
});
