/** One scraped value of a counter. */
export interface CounterSample {
  readonly atS: number;
  readonly value: number;
}

/**
 * Prometheus's `increase(counter[range])` evaluated at `endS` over (endS − rangeS, endS]: the
 * difference between the last and first samples in the range, extrapolated toward the range's
 * edges as Prometheus does. An edge within 1.1 average sample gaps of the nearest sample is
 * extrapolated to fully; a farther edge only half a gap; and a counter is never extrapolated
 * back past the time it would have been zero. Undefined with fewer than two samples in range,
 * where Prometheus returns nothing. Counter resets do not happen in a simulation.
 */
export function extrapolatedIncrease(
  samples: readonly CounterSample[],
  endS: number,
  rangeS: number,
): number | undefined {
  const startS = endS - rangeS;
  const inRange = samples.filter((s) => s.atS > startS && s.atS <= endS);
  if (inRange.length < 2) return undefined;
  const first = inRange[0];
  const last = inRange[inRange.length - 1];
  const delta = last.value - first.value;
  const sampledS = last.atS - first.atS;
  const averageGapS = sampledS / (inRange.length - 1);
  const threshold = averageGapS * 1.1;

  let toStartS = first.atS - startS;
  const toEndS = endS - last.atS;
  if (delta > 0 && first.value >= 0) {
    const toZeroS = sampledS * (first.value / delta);
    if (toZeroS < toStartS) toStartS = toZeroS;
  }
  let extrapolatedS = sampledS;
  extrapolatedS += toStartS < threshold ? toStartS : averageGapS / 2;
  extrapolatedS += toEndS < threshold ? toEndS : averageGapS / 2;
  return delta * (extrapolatedS / sampledS);
}
