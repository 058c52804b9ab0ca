/** From a pointer position on a run chart back to the adjustment interval under it (hover). */
import type { ChartLayout } from "./chartLayout.ts";

/**
 * The index of the interval whose [startS, endS) holds the time at pixel `pixelX` of `layout`'s
 * x axis, or -1 outside the plot or between intervals. `intervals` must be in time order, as a
 * report holds them; a binary search keeps hover cheap on 100,000 intervals.
 */
export function intervalAtPixel(
  intervals: readonly { readonly startS: number; readonly endS: number }[],
  layout: ChartLayout,
  pixelX: number,
): number {
  const { plot, xScale } = layout;
  if (!(pixelX >= plot.left && pixelX <= plot.left + plot.width)) return -1;
  const atS = xScale.invert(pixelX);
  let low = 0;
  let high = intervals.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const interval = intervals[middle];
    if (atS < interval.startS) high = middle - 1;
    else if (atS >= interval.endS) low = middle + 1;
    else return middle;
  }
  // The right edge of the last interval belongs to it (a pointer on the plot's last pixel).
  const last = intervals[intervals.length - 1];
  return last !== undefined && atS === last.endS ? intervals.length - 1 : -1;
}
