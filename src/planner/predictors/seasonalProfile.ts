/**
 * The mean load by phase of a repeating period (a day, a week), in equal-width bins, kept as
 * running sums so that points can be added as they arrive and removed as they age out.
 * Between bin centres the profile is linear, around the period's end as well, so that a
 * smooth cycle is not turned into a staircase.
 */
export class SeasonalProfile {
  /** The period, in seconds (86,400 for a day). */
  readonly periodS: number;
  readonly numBins: number;
  private readonly binWidthS: number;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private means: Float64Array | undefined;

  constructor(periodS: number, numBins: number) {
    this.periodS = periodS;
    this.numBins = numBins;
    this.binWidthS = periodS / numBins;
    this.sums = new Float64Array(numBins);
    this.counts = new Float64Array(numBins);
  }

  /** Counts the figure observed at `timeS` (seconds from any fixed origin). */
  add(timeS: number, value: number): void {
    const bin = this.binOf(timeS);
    this.sums[bin] += value;
    this.counts[bin] += 1;
    this.means = undefined;
  }

  /** Forgets a figure added before at the same `timeS`. */
  remove(timeS: number, value: number): void {
    const bin = this.binOf(timeS);
    this.sums[bin] -= value;
    this.counts[bin] -= 1;
    if (this.counts[bin] === 0) this.sums[bin] = 0;
    this.means = undefined;
  }

  /** The profile at `timeS`; NaN while no figure has been added. */
  valueAt(timeS: number): number {
    this.means ??= this.filledMeans();
    const position = this.phaseOf(timeS) / this.binWidthS - 0.5;
    const below = Math.floor(position);
    const fraction = position - below;
    const left = this.means[(below + this.numBins) % this.numBins];
    const right = this.means[(below + 1) % this.numBins];
    return left + fraction * (right - left);
  }

  private phaseOf(timeS: number): number {
    const phase = timeS % this.periodS;
    return phase < 0 ? phase + this.periodS : phase;
  }

  private binOf(timeS: number): number {
    return Math.min(this.numBins - 1, Math.floor(this.phaseOf(timeS) / this.binWidthS));
  }

  // Bin means; an empty bin takes the value interpolated between the nearest filled bins on
  // either side (around the period's end when need be).
  private filledMeans(): Float64Array {
    const means = new Float64Array(this.numBins).fill(NaN);
    const filled: number[] = [];
    for (let bin = 0; bin < this.numBins; bin++) {
      if (this.counts[bin] > 0) {
        means[bin] = this.sums[bin] / this.counts[bin];
        filled.push(bin);
      }
    }
    if (filled.length === 0 || filled.length === this.numBins) return means;
    for (let k = 0; k < filled.length; k++) {
      const from = filled[k];
      const to = k + 1 < filled.length ? filled[k + 1] : filled[0] + this.numBins;
      for (let bin = from + 1; bin < to; bin++) {
        const fraction = (bin - from) / (to - from);
        const start = means[from];
        means[bin % this.numBins] = start + fraction * (means[to % this.numBins] - start);
      }
    }
    return means;
  }
}
