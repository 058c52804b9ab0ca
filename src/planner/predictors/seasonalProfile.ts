/**
 * The mean load by phase of a repeating period (a day, a week), in equal-width bins, kept as
 * running sums so that points can be added as they arrive and removed as they age out.
 *
 * Each bin's mean stands at the mean phase of the points in it, not at the bin's middle: when
 * a bin holds one point per period, at its start, its mean is the load at its start. Between
 * these points the profile is linear, around the period's end as well, so that a smooth cycle
 * is not turned into a staircase; empty bins are passed over.
 */
export class SeasonalProfile {
  /** The period, in seconds (86,400 for a day). */
  readonly periodS: number;
  readonly numBins: number;
  private readonly binWidthS: number;
  private readonly sums: Float64Array;
  private readonly phaseSums: Float64Array;
  private readonly counts: Float64Array;
  private knots: { readonly phasesS: Float64Array; readonly means: Float64Array } | undefined;

  constructor(periodS: number, numBins: number) {
    this.periodS = periodS;
    this.numBins = numBins;
    this.binWidthS = periodS / numBins;
    this.sums = new Float64Array(numBins);
    this.phaseSums = new Float64Array(numBins);
    this.counts = new Float64Array(numBins);
  }

  /** Counts the figure observed at `timeS` (seconds from any fixed origin). */
  add(timeS: number, value: number): void {
    this.change(timeS, value, 1);
  }

  /** Forgets a figure added before at the same `timeS`. */
  remove(timeS: number, value: number): void {
    this.change(timeS, value, -1);
  }

  /** The profile at `timeS`; NaN while no figure has been added. */
  valueAt(timeS: number): number {
    this.knots ??= this.buildKnots();
    const { phasesS, means } = this.knots;
    const n = phasesS.length;
    if (n === 0) return NaN;
    if (n === 1) return means[0];
    // The first knot after the phase, and the one before it, around the period's end.
    const phaseS = this.phaseOf(timeS);
    let after = 0;
    while (after < n && phasesS[after] <= phaseS) after += 1;
    const before = after - 1;
    const leftPhaseS = before >= 0 ? phasesS[before] : phasesS[n - 1] - this.periodS;
    const rightPhaseS = after < n ? phasesS[after] : phasesS[0] + this.periodS;
    const left = means[(before + n) % n];
    const right = means[after % n];
    const fraction = (phaseS - leftPhaseS) / (rightPhaseS - leftPhaseS);
    return left + fraction * (right - left);
  }

  private change(timeS: number, value: number, sign: 1 | -1): void {
    const phaseS = this.phaseOf(timeS);
    const bin = Math.min(this.numBins - 1, Math.floor(phaseS / this.binWidthS));
    this.counts[bin] += sign;
    this.sums[bin] += sign * value;
    this.phaseSums[bin] += sign * phaseS;
    // Running sums drift by rounding; an emptied bin is reset to exact zeros.
    if (this.counts[bin] === 0) {
      this.sums[bin] = 0;
      this.phaseSums[bin] = 0;
    }
    this.knots = undefined;
  }

  private phaseOf(timeS: number): number {
    const phase = timeS % this.periodS;
    return phase < 0 ? phase + this.periodS : phase;
  }

  // The filled bins as (mean phase, mean value) knots, in phase order.
  private buildKnots() {
    const phasesS: number[] = [];
    const means: number[] = [];
    for (let bin = 0; bin < this.numBins; bin++) {
      const count = this.counts[bin];
      if (count <= 0) continue;
      phasesS.push(this.phaseSums[bin] / count);
      means.push(this.sums[bin] / count);
    }
    return { phasesS: Float64Array.from(phasesS), means: Float64Array.from(means) };
  }
}
