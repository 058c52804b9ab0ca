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
 * (15-minute bins, or one per interval if intervals are longer), linear between bins,
 * estimated from the complete days among the last seven; once seven complete days have been
 * seen, a second profile by time-of-week bin (hourly) is available too, which captures
 * weekday and weekend shapes. The current, incomplete day stays out of both profiles: if it
 * were in, the bins already passed today would lean towards today's level and the bins still
 * ahead would not, and the level ratio would mix the two.
 *
 * ρ_t is the current level relative to the profile, a ratio of exponentially weighted sums over
 * the last points (half-life 30 minutes): ρ = Σ w_k y_{t−k} / Σ w_k S(t−k). A ratio of sums
 * rather than a mean of ratios stays stable where the profile is near zero (nights); ρ is
 * still held within [1/4, 4], so that a few requests at a quiet hour cannot multiply the next
 * busy hour's forecast without bound. The forecast is ρ_t · S(t + 1).
 *
 * A local-linear-trend Kalman filter (the `kalman` predictor's) runs alongside on every point.
 * Each model's one-step forecasts are scored as the points arrive, and the forecast comes from
 * the model with the lowest recent mean absolute error (half-life one hour), among the Kalman
 * filter, the daily profile once a complete day has been seen and scored for an hour, and the
 * weekly profile likewise after seven days. So before a day has passed the predictor is the
 * Kalman predictor, and on traffic without a daily rhythm it stays close to it.
 *
 * Time is the point's index times `intervalS` from the first non-zero point: days are counted
 * from the trace's start, not the wall clock. Memory: one number per point of the last eight
 * days (11,521 at 60-second intervals), plus the bins. Intervals longer than 12 hours leave
 * fewer than two bins a day: no seasonality can be seen, and the predictor is the Kalman
 * predictor.
 */
export class SeasonalPredictor extends WindowedPredictor {
  protected readonly name = "seasonal";
  private readonly filter: LocalLinearTrendFilter;
  private readonly daily: SeasonalProfile | undefined;
  private readonly weekly: SeasonalProfile | undefined;
  /** The points of the last eight days (model space), as a ring indexed by point number. */
  private readonly history: Float64Array;
  private readonly candidates: readonly Candidate[];
  private numObserved = 0;
  /** The points in the profiles: those numbered from `profiledFrom` up to `profiledTo`. */
  private profiledFrom = 0;
  private profiledTo = 0;

  constructor(options: PredictorOptions) {
    super(options);
    this.filter = LocalLinearTrendFilter.fromOptions(options);
    const dailyBins = Math.floor(DAY_S / Math.max(options.intervalS, MIN_DAILY_BIN_S));
    const weeklyBins = Math.floor(WEEK_S / Math.max(options.intervalS, MIN_WEEKLY_BIN_S));
    this.daily = dailyBins >= 2 ? new SeasonalProfile(DAY_S, dailyBins) : undefined;
    this.weekly = this.daily === undefined ? undefined : new SeasonalProfile(WEEK_S, weeklyBins);
    const capacity = this.daily === undefined ? 0 : this.pointsIn(WEEK_S + DAY_S) + 1;
    this.history = new Float64Array(capacity);
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

  // The point joins the history; when it starts a new day, the day before joins the profiles
  // and the day now eight days back leaves them.
  private remember(value: number): void {
    const index = this.numObserved;
    this.numObserved += 1;
    if (this.history.length === 0) return;
    this.history[index % this.history.length] = value;
    const today = this.dayOf(index);
    if (index === 0 || today === this.dayOf(index - 1)) return;
    for (; this.profiledTo < index; this.profiledTo++) this.changeProfiles(this.profiledTo, 1);
    for (; this.dayOf(this.profiledFrom) < today - 7; this.profiledFrom++) {
      this.changeProfiles(this.profiledFrom, -1);
    }
  }

  private changeProfiles(index: number, sign: 1 | -1): void {
    const timeS = index * this.options.intervalS;
    const value = this.history[index % this.history.length];
    for (const profile of [this.daily, this.weekly]) {
      if (sign === 1) profile?.add(timeS, value);
      else profile?.remove(timeS, value);
    }
  }

  private forecastBy(name: ModelName): number {
    const numDaysProfiled = this.dayOf(this.profiledTo) - this.dayOf(this.profiledFrom);
    if (name === "kalman") return this.filter.forecast();
    if (name === "daily" && this.daily !== undefined && numDaysProfiled >= 1) {
      return this.profileForecast(this.daily);
    }
    if (name === "weekly" && this.weekly !== undefined && numDaysProfiled >= 7) {
      return this.profileForecast(this.weekly);
    }
    return NaN;
  }

  private dayOf(index: number): number {
    return Math.floor((index * this.options.intervalS) / DAY_S);
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
