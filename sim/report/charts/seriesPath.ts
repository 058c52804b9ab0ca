/**
 * The pixel points of one series as drawn: reduced to two per pixel column, then mapped through
 * the layout's scales. Shared by the SVG and canvas renderers.
 */
import { line, type Line } from "d3";
import type { ChartLayout } from "./chartLayout.ts";
import type { ChartSeries } from "./chartSpec.ts";
import { reduceToPixelColumns } from "./pixelColumns.ts";

/** The series as [x, y] pixel pairs; a NaN y marks a break in the line. */
export function seriesPixels(series: ChartSeries, layout: ChartLayout): [number, number][] {
  const { plot, xScale, yScale } = layout;
  const reduced = reduceToPixelColumns(series.xs, series.ys, xScale, plot.left, plot.width);
  return reduced.xs.map((x, i) => [xScale(x), yScale(reduced.ys[i])]);
}

/** A d3 line generator that breaks on NaN and writes 0.1-pixel precision. */
export function pixelLine(): Line<[number, number]> {
  return line<[number, number]>()
    .defined(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .digits(1);
}

/** A dotted series' points in pixels, every one (a scatter is small), finite ones only. */
export function dotPixels(series: ChartSeries, layout: ChartLayout): [number, number][] {
  const dots: [number, number][] = [];
  series.xs.forEach((x, i) => {
    const point: [number, number] = [layout.xScale(x), layout.yScale(series.ys[i])];
    if (Number.isFinite(point[0]) && Number.isFinite(point[1])) dots.push(point);
  });
  return dots;
}
