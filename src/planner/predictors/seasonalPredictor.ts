import type { PredictorOptions } from "../loadPredictor.ts";
import { LocalLinearTrendFilter } from "./localLinearTrend.ts";
import { SeasonalProfile } from "./seasonalProfile.ts";
import { WindowedPredictor } from "./windowedPredictor.ts";

const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;
/** Narrowest bins of the daily and weekly profiles, in seconds: 15 minutes and an hour. */
const MIN_DAILY_BIN_S = 900;
const MIN_WEEKLY_BIN_S = 3_600;
/** Half-life of the weights that estimate the current level against the profile. */
const LEVEL_HALF_LIFE_S = 1_800;
/** Half-life of the recent-error averages that choose between the models. */
const ERROR_HALF_LIFE_S = 3_600;
/** The level ratio is held within these bounds (see below). */
const MIN_LEVEL_RATIO = 0.25;
const MAX_LEVEL_RATIO = 4;

type ModelName = "kalman" | "daily" | "weekly";

/** One of the models the predictor chooses between, with its record on recent points. */
interface Candidate {
  readonly name: ModelName;
  /** Its forecast of the next point (NaN while it cannot forecast). */
  next: number;
  /** Exponentially weighted mean absolute error of its past one-step forecasts. */
  meanAbsoluteError: number;
  numScored: number;
}

/**
 * A predictor for traffic with a daily and weekly rhythm, e.g. a week of production traffic
 * replayed at 60-second intervals. Not in Dynamo.
 *
 * Model: load y_t ≈ ρ_t · S(t). S is a seasonal profile, the mean load by time-of-day bin
 * (15-minute bins, or one per interval if intervals are longer), linear between bin centres,
 * estimated from up to the last week of points; once a full week has been seen, a second
 * profile by time-of-week bin (hourly) is available too, which captures weekday and weekend
 * shapes. ρ_t is the current level relative to the profile, estimated as a ratio of
 * exponentially weighted sums over the last points (half-life 30 minutes):
 * ρ = Σ w_k y_{t−k} / Σ w_k S(t−k). A ratio of sums rather than a mean of ratios stays stable
 * where the profile is near zero (nights); ρ is still held within [1/4, 4], so that a few
 * requests at a quiet hour cannot multiply the next busy hour's forecast without bound. The
 * forecast is ρ_t · S(t + 1).
 *
 * A local-linear-trend Kalman filter (the `kalman` predictor's) runs alongside on every point.
 * Each model's one-step forecasts are scored as the points arrive, and the forecast comes from
 * the model with the lowest recent mean absolute error (half-life one hour), among the Kalman
 * filter, the daily profile once a full day has been seen and scored for an hour, and the
 * weekly profile likewise after a week. So before a day has passed the predictor is the Kalman
 * predictor, and on traffic without a daily rhythm it stays close to it.
 *
 * Time is the point's index times `intervalS` from the first non-zero point: a profile is
 * aligned to the trace, not to the wall clock. Memory: one number per point of the last week
 * (10,080 at 60-second intervals), plus the bins. Intervals longer than 12 hours leave fewer
 * than two bins a day: no seasonality can be seen, and the predictor is the Kalman predictor.
 */
export class SeasonalPredictor extends WindowedPredictor {
  protected readonly name = "seasonal";
  private readonly filter: LocalLinearTrendFilter;
  private readonly daily: SeasonalProfile | undefined;
  private readonly weekly: SeasonalProfile | undefined;
  /** The last week of points (model space), as a ring indexed by point number. */
  private readonly history: Float64Array;
  private readonly candidates: readonly Candidate[];
  private numObserved = 0;

  constructor(options: PredictorOptions) {
    super(options);
    this.filter = new LocalLinearTrendFilter({
      r: options.kalmanR,
      qLevel: options.kalmanQLevel,
      qTrend: options.kalmanQTrend,
    });
    const dailyBins = Math.floor(DAY_S / Math.max(options.intervalS, MIN_DAILY_BIN_S));
    const weeklyBins = Math.floor(WEEK_S / Math.max(options.intervalS, MIN_WEEKLY_BIN_S));
    this.daily = dailyBins >= 2 ? new SeasonalProfile(DAY_S, dailyBins) : undefined;
    this.weekly = this.daily === undefined ? undefined : new SeasonalProfile(WEEK_S, weeklyBins);
    this.history = new Float64Array(this.daily === undefined ? 0 : this.pointsIn(WEEK_S));
    this.candidates = (["kalman", "daily", "weekly"] as const).map((name) => ({
      name,
      next: NaN,
      meanAbsoluteError: 0,
      numScored: 0,
    }));
  }

  /** The model the latest forecast came from. */
  get modelInUse(): ModelName {
    return this.bestCandidate().name;
  }

  /** The Kalman filter's patience applies: before a day has passed, this is that predictor. */
  protected override get minPoints(): number {
    return this.options.kalmanMinPoints;
  }

  protected observe(modelValue: number): void {
    this.score(modelValue);
    this.filter.observe(modelValue);
    this.remember(modelValue);
    for (const candidate of this.candidates) candidate.next = this.forecastBy(candidate.name);
  }

  protected forecast(): number {
    return this.bestCandidate().next;
  }

  // Each model's forecast for this point joins its recent-error average.
  private score(value: number): void {
    const weight = 1 - Math.pow(0.5, 1 / this.pointsIn(ERROR_HALF_LIFE_S));
    for (const candidate of this.candidates) {
      if (!Number.isFinite(candidate.next)) continue;
      const error = Math.abs(value - candidate.next);
      candidate.meanAbsoluteError =
        candidate.numScored === 0
          ? error
          : candidate.meanAbsoluteError + weight * (error - candidate.meanAbsoluteError);
      candidate.numScored += 1;
    }
  }

  // The point enters the week's history and the profiles; the one a week older leaves them.
  private remember(value: number): void {
    const index = this.numObserved;
    this.numObserved += 1;
    const capacity = this.history.length;
    if (capacity === 0) return;
    if (index >= capacity) {
      const oldTimeS = (index - capacity) * this.options.intervalS;
      const old = this.history[index % capacity];
      this.daily?.remove(oldTimeS, old);
      this.weekly?.remove(oldTimeS, old);
    }
    const timeS = index * this.options.intervalS;
    this.history[index % capacity] = value;
    this.daily?.add(timeS, value);
    this.weekly?.add(timeS, value);
  }

  private forecastBy(name: ModelName): number {
    const seenS = this.numObserved * this.options.intervalS;
    if (name === "kalman") return this.filter.forecast();
    if (name === "daily" && this.daily !== undefined && seenS >= DAY_S) {
      return this.profileForecast(this.daily);
    }
    if (name === "weekly" && this.weekly !== undefined && seenS >= WEEK_S) {
      return this.profileForecast(this.weekly);
    }
    return NaN;
  }

  // ρ · S(next), with ρ the weighted ratio of recent load to the profile at the same times.
  private profileForecast(profile: SeasonalProfile): number {
    const intervalS = this.options.intervalS;
    const halfLifePoints = Math.max(2, LEVEL_HALF_LIFE_S / intervalS);
    const decay = Math.pow(0.5, 1 / halfLifePoints);
    const numRecent = Math.min(
      this.numObserved,
      this.history.length,
      Math.ceil(4 * halfLifePoints),
    );
    let load = 0;
    let expected = 0;
    let weight = 1;
    for (let k = 0; k < numRecent; k++) {
      const index = this.numObserved - 1 - k;
      load += weight * this.history[index % this.history.length];
      expected += weight * profile.valueAt(index * intervalS);
      weight *= decay;
    }
    const ratio = expected > 0 ? load / expected : 1;
    const level = Math.min(MAX_LEVEL_RATIO, Math.max(MIN_LEVEL_RATIO, ratio));
    return level * profile.valueAt(this.numObserved * intervalS);
  }

  private bestCandidate(): Candidate {
    const minScored = Math.max(3, Math.ceil(this.pointsIn(ERROR_HALF_LIFE_S)));
    let best = this.candidates[0];
    for (const candidate of this.candidates.slice(1)) {
      const isReady = Number.isFinite(candidate.next) && candidate.numScored >= minScored;
      if (isReady && candidate.meanAbsoluteError < best.meanAbsoluteError) best = candidate;
    }
    return best;
  }

  private pointsIn(durationS: number): number {
    return Math.ceil(durationS / this.options.intervalS);
  }
}
