/**
 * Thins a long series to what a screen can show: within one pixel column a line can only show
 * the lowest and highest value it passes through, so those two points per column draw the same
 * picture as every point. 100,000 intervals then cost about two segments per pixel column.
 */

/** A series after reduction; a NaN in `ys` marks a break in the line. */
export interface ReducedSeries {
  readonly xs: number[];
  readonly ys: number[];
}

/**
 * Keeps, for each of the `plotWidth` pixel columns starting at `plotLeft`, the points holding
 * the column's smallest and largest finite y (in their original order), and a NaN break where a
 * NaN lies before, between or after them, so a gap in the data stays a gap on screen. Of the
 * points outside the columns only the nearest on each side is kept, so the line runs on to the
 * edge of the plot. `xs` must be ascending; `toPixel` maps an x value to a pixel position.
 * At most 2 × plotWidth + 2 finite points come out.
 */
export function reduceToPixelColumns(
  xs: readonly number[],
  ys: readonly number[],
  toPixel: (x: number) => number,
  plotLeft: number,
  plotWidth: number,
): ReducedSeries {
  const out: ReducedSeries = { xs: [], ys: [] };
  const columns = Math.max(1, Math.floor(plotWidth));
  const columnOf = (i: number) => Math.min(columns - 1, Math.floor(toPixel(xs[i]) - plotLeft));

  // Skip to the first point inside, keeping the last one before it.
  let start = 0;
  while (start < xs.length && columnOf(start) < 0) start += 1;
  if (start > 0) push(out, xs[start - 1], ys[start - 1]);

  // Each column is a run of consecutive indices, the xs being ascending.
  while (start < xs.length && toPixel(xs[start]) <= plotLeft + plotWidth) {
    const column = columnOf(start);
    let end = start + 1;
    while (
      end < xs.length &&
      columnOf(end) === column &&
      toPixel(xs[end]) <= plotLeft + plotWidth
    ) {
      end += 1;
    }
    reduceColumn(xs, ys, start, end, out);
    start = end;
  }

  // The first point past the right edge, if any.
  if (start < xs.length) push(out, xs[start], ys[start]);
  return out;
}

/** Appends the reduction of points `start..end-1`, all in one pixel column. */
function reduceColumn(
  xs: readonly number[],
  ys: readonly number[],
  start: number,
  end: number,
  out: ReducedSeries,
): void {
  let lowest = -1;
  let highest = -1;
  for (let i = start; i < end; i += 1) {
    if (!Number.isFinite(ys[i])) continue;
    if (lowest < 0 || ys[i] < ys[lowest]) lowest = i;
    if (highest < 0 || ys[i] > ys[highest]) highest = i;
  }
  if (lowest < 0) {
    push(out, xs[start], Number.NaN);
    return;
  }
  const first = Math.min(lowest, highest);
  const last = Math.max(lowest, highest);
  breakIfGap(xs, ys, start, first, out);
  push(out, xs[first], ys[first]);
  if (last !== first) {
    breakIfGap(xs, ys, first + 1, last, out);
    push(out, xs[last], ys[last]);
  }
  breakIfGap(xs, ys, last + 1, end, out);
}

/** Appends a break if any y in `from..to-1` is not finite. */
function breakIfGap(
  xs: readonly number[],
  ys: readonly number[],
  from: number,
  to: number,
  out: ReducedSeries,
): void {
  for (let i = from; i < to; i += 1) {
    if (!Number.isFinite(ys[i])) {
      push(out, xs[i], Number.NaN);
      return;
    }
  }
}

/** Appends a point; a break right after a break (or first of all) adds nothing. */
function push(out: ReducedSeries, x: number, y: number): void {
  if (!Number.isFinite(y)) {
    const n = out.ys.length;
    if (n === 0 || !Number.isFinite(out.ys[n - 1])) return;
    y = Number.NaN;
  }
  out.xs.push(x);
  out.ys.push(y);
}
