/** From a pointer position on a run chart back to the adjustment interval under it (hover). */
import type { ChartLayout } from "./chartLayout.ts";

/** An adjustment interval's span, as a report holds it. */
type IntervalSpan = { readonly startS: number; readonly endS: number };

/**
 * The index of the interval whose [startS, endS) holds the time at pixel `pixelX` of `layout`'s
 * x axis, or -1 outside the plot or between intervals.
 */
export function intervalAtPixel(
  intervals: readonly IntervalSpan[],
  layout: ChartLayout,
  pixelX: number,
): number {
  const { plot, xScale } = layout;
  if (!(pixelX >= plot.left && pixelX <= plot.left + plot.width)) return -1;
  return intervalAtTime(intervals, xScale.invert(pixelX));
}

/**
 * The index of the interval whose [startS, endS) holds `atS`, or -1 when none does. The end of
 * the last interval belongs to it (a pointer on the plot's last pixel). `intervals` must be in
 * time order, as a report holds them; a binary search keeps hover cheap on 100,000 intervals.
 */
export function intervalAtTime(intervals: readonly IntervalSpan[], atS: number): number {
  let low = 0;
  let high = intervals.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const interval = intervals[middle];
    if (atS < interval.startS) high = middle - 1;
    else if (atS >= interval.endS) low = middle + 1;
    else return middle;
  }
  const last = intervals[intervals.length - 1];
  return last !== undefined && atS === last.endS ? intervals.length - 1 : -1;
}
