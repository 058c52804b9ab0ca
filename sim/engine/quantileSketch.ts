/** Bucket accuracy used unless the caller asks for another: quantiles within 0.5 %. */
export const DEFAULT_RELATIVE_ACCURACY = 0.005;

/**
 * The smallest double that keeps full precision (2^-1022 ≈ 2.2e-308 s). Smaller values are
 * subnormal, where logarithms and powers lose their relative precision, so they are counted with
 * the zeros; no clock measures a latency that short.
 */
const SMALLEST_NORMAL = 2 ** -1022;

/** Buckets the first value allocates: a factor of about 3.6 around it at the default accuracy. */
const INITIAL_BUCKETS = 128;

/**
 * A streaming summary of non-negative latencies in seconds, answering quantiles within a fixed
 * relative error in memory that does not grow with the number of values (DDSketch's idea).
 *
 * Each positive value x falls in the logarithmic bucket i = ⌈log_γ x⌉, which holds (γ^(i−1), γ^i]
 * with γ = (1 + a) / (1 − a) for the relative accuracy a; a bucket is answered by the point
 * 2γ^i / (γ + 1), which is within a·x of every x in it. Zeros (and subnormal values) get their
 * own exact count; count, sum, smallest and largest are kept exactly, so `mean()` is exact.
 *
 * Guarantee. Sort the n ≥ 1 values as x_0 ≤ … ≤ x_(n−1), let h = q·(n − 1) and
 * exact(q) = x_⌊h⌋ + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_⌊h⌋), the linearly interpolated quantile NumPy
 * computes by default. Then for every q in [0, 1], |quantiles([q])[0] − exact(q)| ≤ a·exact(q).
 * It holds because each rank's estimate is within a of that rank's value and, the values being
 * non-negative, a blend of such estimates with non-negative weights is within a of the same
 * blend of the values. The buckets are cut for 0.999999·a so that floating-point rounding (below
 * 1e-12 relative) cannot push an answer past a.
 * Ranks 0 and n − 1 answer the exact smallest and largest value, zeros answer exactly 0, every
 * answer is clamped to [smallest, largest], and answers never decrease as q grows.
 * The one exception is below 2.2e-308 s, where doubles are subnormal and cannot hold relative
 * precision: such values count as zero, and such answers (possible only between a zero and the
 * next value, at a q within about 1e-300 of a rank) are as close as the format allows.
 *
 * Memory. Counts are doubles in one typed array spanning the bucket indices seen, so its length
 * is about log(largest / smallest positive) / log(γ) + 1, whatever n is, times at most 2 for
 * growth slack: at a = 0.005, 1 µs..1 h spans 2,201 buckets (17.6 KB; at most 35 KB allocated),
 * and the whole positive double range about 142,000 (1.1 MB). The array grows only when a value
 * lands outside it, so `push` is one logarithm, one rounding and one increment.
 */
export class QuantileSketch {
  /** Largest relative error of a quantile, as a fraction (0.005 is 0.5 %). */
  readonly relativeAccuracy: number;
  /** 1 / ln γ, to turn a natural logarithm into a bucket index with one multiplication. */
  private readonly bucketsPerLogUnit: number;
  private readonly logGamma: number;
  /** ln(2 / (γ + 1)): from a bucket's upper bound to its answer, in log space. */
  private readonly logAnswerShift: number;
  /** `counts[slot]` is the number of values in bucket `firstIndex + slot`. */
  private counts = new Float64Array(0);
  private firstIndex = 0;
  private zeroCount = 0;
  private count = 0;
  private total = 0;
  private smallest = Infinity;
  private largest = -Infinity;

  /**
   * `relativeAccuracy` is a fraction from 1e-6 (finer would need millions of buckets for
   * 1 µs..1 h) up to, but not including, 1.
   */
  constructor(relativeAccuracy = DEFAULT_RELATIVE_ACCURACY) {
    if (!(relativeAccuracy >= 1e-6 && relativeAccuracy < 1)) {
      const expected = "at least 1e-6 and below 1";
      throw new Error(
        `QuantileSketch: relativeAccuracy must be ${expected}, got ${relativeAccuracy}`,
      );
    }
    this.relativeAccuracy = relativeAccuracy;
    // Cut slightly finer than promised: the margin absorbs rounding in log, exp and the blend.
    const bucketAccuracy = relativeAccuracy * (1 - 1e-6);
    const gamma = (1 + bucketAccuracy) / (1 - bucketAccuracy);
    this.logGamma = Math.log(gamma);
    this.bucketsPerLogUnit = 1 / this.logGamma;
    this.logAnswerShift = Math.log(2 / (gamma + 1));
  }

  /** Number of values pushed. */
  get size(): number {
    return this.count;
  }

  /** Exact sum of the values, in seconds (0 when empty). */
  get sum(): number {
    return this.total;
  }

  /** Exact smallest value, in seconds; NaN when empty. */
  get min(): number {
    return this.count === 0 ? Number.NaN : this.smallest;
  }

  /** Exact largest value, in seconds; NaN when empty. */
  get max(): number {
    return this.count === 0 ? Number.NaN : this.largest;
  }

  /** Bytes held by the bucket counts: the part of the sketch that depends on the values. */
  get bucketBytes(): number {
    return this.counts.byteLength;
  }

  /** Adds one latency in seconds; throws on a negative, NaN or infinite value, a caller's bug. */
  push(value: number): void {
    if (!(value >= 0 && value < Infinity)) {
      throw new Error(`QuantileSketch.push: value must be a finite number ≥ 0, got ${value}`);
    }
    this.count += 1;
    this.total += value;
    if (value < this.smallest) this.smallest = value;
    if (value > this.largest) this.largest = value;
    if (value < SMALLEST_NORMAL) {
      this.zeroCount += 1;
      return;
    }
    const index = Math.ceil(Math.log(value) * this.bucketsPerLogUnit);
    if (index < this.firstIndex || index >= this.firstIndex + this.counts.length) {
      this.cover(index, index);
    }
    this.counts[index - this.firstIndex] += 1;
  }

  /** Adds every value of `other` (built with the same accuracy), as if pushed here one by one. */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new Error(
        `QuantileSketch.merge: relativeAccuracy must match, got ${other.relativeAccuracy} ` +
          `into ${this.relativeAccuracy}`,
      );
    }
    if (other.count === 0) return;
    // Copy first: `other` may be this very sketch, whose array `cover` may replace.
    const otherCounts = other.counts.slice();
    const otherFirst = other.firstIndex;
    if (otherCounts.length > 0) this.cover(otherFirst, otherFirst + otherCounts.length - 1);
    for (let slot = 0; slot < otherCounts.length; slot += 1) {
      this.counts[otherFirst + slot - this.firstIndex] += otherCounts[slot];
    }
    this.zeroCount += other.zeroCount;
    this.count += other.count;
    this.total += other.total;
    this.smallest = Math.min(this.smallest, other.smallest);
    this.largest = Math.max(this.largest, other.largest);
  }

  /**
   * The interpolated quantile (NumPy's default) for each `q` in 0..1, within the relative accuracy
   * stated on the class; NaN for each when empty. Throws on a `q` outside 0..1.
   */
  quantiles(qs: readonly number[]): number[] {
    for (const q of qs) {
      if (!(q >= 0 && q <= 1)) {
        throw new Error(`QuantileSketch.quantiles: each q must be in 0..1, got ${q}`);
      }
    }
    if (this.count === 0) return qs.map(() => Number.NaN);
    return qs.map((q) => {
      const position = q * (this.count - 1);
      const lower = Math.floor(position);
      const fraction = position - lower;
      const atLower = this.valueAtRank(lower);
      if (fraction === 0) return atLower;
      return atLower + (this.valueAtRank(lower + 1) - atLower) * fraction;
    });
  }

  /** Exact arithmetic mean, in seconds; NaN when empty. */
  mean(): number {
    return this.count === 0 ? Number.NaN : this.total / this.count;
  }

  /** Estimate of the value at 0-based `rank` in sorted order, within the relative accuracy. */
  private valueAtRank(rank: number): number {
    if (rank === 0) return this.smallest;
    if (rank >= this.count - 1) return this.largest;
    if (rank < this.zeroCount) return this.clamp(0);
    let seen = this.zeroCount;
    for (let slot = 0; slot < this.counts.length; slot += 1) {
      seen += this.counts[slot];
      if (seen > rank) {
        const logAnswer = (this.firstIndex + slot) * this.logGamma + this.logAnswerShift;
        return this.clamp(Math.exp(logAnswer));
      }
    }
    return this.largest; // Unreachable: the counts add up to more than any rank below n − 1.
  }

  /** `value` moved into [smallest, largest]; it never moves away from the true quantile. */
  private clamp(value: number): number {
    return Math.min(Math.max(value, this.smallest), this.largest);
  }

  /**
   * Makes bucket indices `low..high` addressable, at least doubling the array when it grows so
   * a run of growing values costs amortized constant time per push. The slack goes on the side
   * that grew, since latencies that reached a new extreme tend to reach further.
   */
  private cover(low: number, high: number): void {
    const length = this.counts.length;
    if (length === 0) {
      const capacity = Math.max(INITIAL_BUCKETS, high - low + 1);
      this.counts = new Float64Array(capacity);
      this.firstIndex = low - Math.floor((capacity - (high - low + 1)) / 2);
      return;
    }
    const last = this.firstIndex + length - 1;
    if (low >= this.firstIndex && high <= last) return;
    const newLow = Math.min(low, this.firstIndex);
    const newHigh = Math.max(high, last);
    const capacity = Math.max(newHigh - newLow + 1, 2 * length);
    const newFirst = low < this.firstIndex ? newHigh - capacity + 1 : newLow;
    const grown = new Float64Array(capacity);
    grown.set(this.counts, this.firstIndex - newFirst);
    this.counts = grown;
    this.firstIndex = newFirst;
  }
}
