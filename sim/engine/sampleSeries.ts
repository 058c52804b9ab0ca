/** A growable list of numbers, kept as doubles, for per-request figures and their quantiles. */
export class SampleSeries {
  private values = new Float64Array(1024);
  private length = 0;

  get size(): number {
    return this.length;
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /**
   * Quantiles by linear interpolation between closest ranks (NumPy's default), for each `q` in
   * 0..1; NaN for an empty series.
   */
  quantiles(qs: readonly number[]): number[] {
    if (this.length === 0) return qs.map(() => Number.NaN);
    const sorted = this.values.slice(0, this.length).sort();
    return qs.map((q) => {
      const position = q * (sorted.length - 1);
      const lower = Math.floor(position);
      const fraction = position - lower;
      if (fraction === 0) return sorted[lower];
      return sorted[lower] + (sorted[lower + 1] - sorted[lower]) * fraction;
    });
  }

  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.length; i += 1) sum += this.values[i];
    return this.length === 0 ? Number.NaN : sum / this.length;
  }
}
