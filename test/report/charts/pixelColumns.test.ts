import { scaleLinear, scaleLog } from "d3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reduceToPixelColumns } from "../../../sim/report/charts/index.ts";

/** A series with strictly increasing whole-number xs and ys that may be NaN (no traffic). */
const seriesArb = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 1000 }),
      y: fc.oneof(
        { weight: 5, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
        { weight: 1, arbitrary: fc.constant(Number.NaN) },
      ),
    }),
    { minLength: 1, maxLength: 2000, size: "max" },
  )
  .map((points) => {
    let x = 0;
    return { xs: points.map((p) => (x += p.gap)), ys: points.map((p) => p.y) };
  });

/**
 * A plot `width` pixels wide from pixel 40, showing a sub-range of the data (a zoom), on a
 * linear x or on a log x as the layout builds it (clamped: x beyond the range on the edges).
 */
const viewArb = fc.record({
  width: fc.integer({ min: 1, max: 200 }),
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  span: fc.double({ min: 0.01, max: 1, noNaN: true }),
  scale: fc.constantFrom("linear", "log"),
});

const LEFT = 40;

/** The series reduced for `view`, with the view's column of an x and whether x is shown. */
function reduce(
  series: { xs: number[]; ys: number[] },
  view: { width: number; from: number; span: number; scale: "linear" | "log" },
) {
  const first = series.xs[0];
  const last = series.xs[series.xs.length - 1];
  const low = first + (last - first) * view.from;
  const high = low + Math.max(1, (last - first) * view.span);
  // The xs are 1 or more, so a log scale's range is positive.
  const scale = view.scale === "log" ? scaleLog().clamp(true) : scaleLinear();
  const toPixel = scale.domain([low, high]).range([LEFT, LEFT + view.width]);
  const columnOf = (x: number) => Math.min(view.width - 1, Math.floor(toPixel(x) - LEFT));
  // In view is in pixels, as the reduction sees it: an x a hair below `low` can land exactly on
  // the plot's left edge once LEFT is added, and is then in the first column.
  const inView = (x: number) => toPixel(x) >= LEFT && toPixel(x) <= LEFT + view.width;
  return {
    reduced: reduceToPixelColumns(series.xs, series.ys, toPixel, LEFT, view.width),
    columnOf,
    inView,
  };
}

describe("reduceToPixelColumns", () => {
  it("never keeps more than 2 × width + 2 points that draw", () => {
    fc.assert(
      fc.property(seriesArb, viewArb, (series, view) => {
        const { reduced } = reduce(series, view);
        const drawn = reduced.ys.filter(Number.isFinite).length;
        expect(drawn).toBeLessThanOrEqual(2 * view.width + 2);
      }),
    );
  });

  it("keeps every pixel column's smallest and largest value, in that column", () => {
    fc.assert(
      fc.property(seriesArb, viewArb, (series, view) => {
        const { reduced, columnOf, inView } = reduce(series, view);
        const extremes = new Map<number, { min: number; max: number }>();
        series.xs.forEach((x, i) => {
          const y = series.ys[i];
          if (!inView(x) || !Number.isFinite(y)) return;
          const seen = extremes.get(columnOf(x)) ?? { min: Infinity, max: -Infinity };
          extremes.set(columnOf(x), { min: Math.min(seen.min, y), max: Math.max(seen.max, y) });
        });
        for (const [column, { min, max }] of extremes) {
          const kept = reduced.ys.filter(
            (y, k) => inView(reduced.xs[k]) && columnOf(reduced.xs[k]) === column,
          );
          expect(kept).toContain(min);
          expect(kept).toContain(max);
        }
      }),
    );
  });

  it("keeps only input points, in their order, and breaks the line wherever the input did", () => {
    fc.assert(
      fc.property(seriesArb, viewArb, (series, view) => {
        const { reduced } = reduce(series, view);
        const indexOfX = new Map(series.xs.map((x, i) => [x, i]));
        let previous = -1;
        let previousFinite = -1;
        let brokeSince = false;
        reduced.xs.forEach((x, k) => {
          const i = indexOfX.get(x) as number;
          expect(i).toBeGreaterThanOrEqual(previous);
          previous = i;
          if (!Number.isFinite(reduced.ys[k])) {
            brokeSince = true;
            return;
          }
          expect(reduced.ys[k]).toBe(series.ys[i]);
          // A NaN in the input between two kept points must show as a break between them.
          const gapInInput =
            previousFinite >= 0 && series.ys.slice(previousFinite + 1, i).some(Number.isNaN);
          if (gapInInput) expect(brokeSince).toBe(true);
          previousFinite = i;
          brokeSince = false;
        });
      }),
    );
  });

  it("on a log x, reduces by the columns of the log axis: 10 pixels per decade", () => {
    // xs 1..1000 over 30 px: x is in column floor(10 log10 x). Column 0 holds x = 1 alone
    // (10^0.1 = 1.26), columns 1 and 2 hold none, 2 and 3 are in columns 3 and 4; the last
    // column starts at 10^2.9 = 794.3. With y = x, each column keeps its first and last x.
    const xs = Array.from({ length: 1000 }, (_, i) => i + 1);
    const toPixel = scaleLog()
      .domain([1, 1000])
      .range([LEFT, LEFT + 30]);
    const reduced = reduceToPixelColumns(xs, xs, toPixel, LEFT, 30);
    expect(reduced.xs.slice(0, 3)).toEqual([1, 2, 3]);
    expect(reduced.xs.slice(-2)).toEqual([795, 1000]);
    expect(reduced.xs.length).toBeLessThanOrEqual(2 * 30);
  });

  it("reduces 100,000 points on an 800-pixel plot to at most 1,602", () => {
    const xs = Array.from({ length: 100_000 }, (_, i) => i);
    const ys = xs.map((x) => Math.sin(x / 50) * 10 + (x % 7));
    const toPixel = (x: number) => (x / 99_999) * 800;
    const reduced = reduceToPixelColumns(xs, ys, toPixel, 0, 800);
    expect(reduced.xs.length).toBeLessThanOrEqual(1602);
    expect(reduced.xs.length).toBeGreaterThan(800);
  });
});
