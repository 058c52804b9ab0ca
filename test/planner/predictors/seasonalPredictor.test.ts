import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLoadPredictor } from "../../../src/planner/loadPredictor.ts";
import { SeasonalPredictor } from "../../../src/planner/predictors/seasonalPredictor.ts";
import { loadFigureArb } from "./predictorArbitraries.ts";
import {
  forecastAfter,
  makeOptions,
  mapePercent,
  normals,
  rollingForecasts,
} from "./seriesFactories.ts";

const DAY_S = 86_400;

/** A day cycle between 20 and 180 requests per interval, with N(0, 2) noise. */
function dayCycle(intervalS: number, numDays: number, shape = (timeS: number) => timeS): number[] {
  const numPoints = (numDays * DAY_S) / intervalS;
  const noise = normals(3, numPoints);
  return noise.map(
    (e, i) => 100 + 80 * Math.sin((2 * Math.PI * shape(i * intervalS)) / DAY_S) + 2 * e,
  );
}

describe("SeasonalPredictor", () => {
  it("forecasts the 4th day of a 3-day sinusoidal cycle far better than constant", () => {
    // 30-minute intervals, 48 a day. One step ahead over day 4, as the planner would:
    // seasonal ≈ 3.3 % MAPE (the N(0, 2) noise alone costs ≈ 2.7 %), constant ≈ 10.3 %.
    const intervalS = 1800;
    const series = dayCycle(intervalS, 4);
    const day4 = 3 * 48;
    const truths = series.slice(day4);
    const options = makeOptions({ intervalS });
    const seasonal = new SeasonalPredictor(options);
    const seasonalMape = mapePercent(rollingForecasts(seasonal, series, day4), truths);
    const constant = createLoadPredictor("constant", options);
    const constantMape = mapePercent(rollingForecasts(constant, series, day4), truths);
    expect(seasonal.modelInUse).toBe("daily");
    expect(seasonalMape).toBeLessThan(5);
    expect(constantMape).toBeGreaterThan(8);
    expect(seasonalMape).toBeLessThan(constantMape / 2);
  });

  it("learns a weekend shaped unlike the weekdays once it has seen a week", () => {
    // Saturdays and Sundays peak six hours earlier; the 13th day is a Saturday.
    const weekendShift = (timeS: number) =>
      Math.floor(timeS / DAY_S) % 7 >= 5 ? timeS + 6 * 3600 : timeS;
    const intervalS = 1800;
    const series = dayCycle(intervalS, 13, weekendShift);
    const lastDay = 12 * 48;
    const seasonal = new SeasonalPredictor(makeOptions({ intervalS }));
    const forecasts = rollingForecasts(seasonal, series, lastDay);
    const constant = createLoadPredictor("constant", makeOptions({ intervalS }));
    const constantForecasts = rollingForecasts(constant, series, lastDay);
    const truths = series.slice(lastDay);
    expect(seasonal.modelInUse).toBe("weekly");
    expect(mapePercent(forecasts, truths)).toBeLessThan(mapePercent(constantForecasts, truths) / 2);
  });

  it("is the Kalman predictor until a full day has been seen", () => {
    fc.assert(
      fc.property(fc.array(loadFigureArb, { maxLength: 23 }), (figures) => {
        const options = makeOptions({ intervalS: 3600 });
        const seasonal = forecastAfter(createLoadPredictor("seasonal", options), figures);
        expect(seasonal).toBe(forecastAfter(createLoadPredictor("kalman", options), figures));
      }),
      { numRuns: 50 },
    );
  });

  it("is the Kalman predictor when intervals are too long to see a day's shape", () => {
    const options = makeOptions({ intervalS: 12 * 3600 + 1 });
    const series = dayCycle(1800, 6).filter((_, i) => i % 24 === 0);
    const seasonal = new SeasonalPredictor(options);
    expect(forecastAfter(seasonal, series)).toBe(
      forecastAfter(createLoadPredictor("kalman", options), series),
    );
    expect(seasonal.modelInUse).toBe("kalman");
  });

  it("keeps up with a day twice as busy as the profile, by its level ratio", () => {
    const intervalS = 1800;
    const series = dayCycle(intervalS, 3);
    const busyDay = dayCycle(intervalS, 1).map((y) => 2 * y);
    const seasonal = new SeasonalPredictor(makeOptions({ intervalS }));
    const forecasts = rollingForecasts(seasonal, [...series, ...busyDay], series.length);
    // After the first few hours of the busy day, forecasts are within 10 % of it.
    expect(mapePercent(forecasts.slice(8), busyDay.slice(8))).toBeLessThan(10);
  });
});
