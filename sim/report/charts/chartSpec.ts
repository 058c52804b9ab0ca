/**
 * What a chart shows, independent of how it is drawn: the SVG renderer (static HTML report) and
 * the canvas renderer (browser workbench) both take a `ChartSpec`. Plain data, so a spec can
 * cross a worker boundary or be written as JSON.
 */

/** An axis's scale: linear, or logarithmic for values that span several decades. */
export type ScaleKind = "linear" | "log";

/** One axis: what it measures and in which unit ("s", "req/s", "%", "tokens", "GPU-h"). */
export interface ChartAxis {
  readonly label: string;
  readonly unit: string;
}

/**
 * One line. `xs` and `ys` have the same length and `xs` never decreases; a NaN in `ys` (an
 * interval without traffic) breaks the line there instead of drawing it at 0.
 */
export interface ChartSeries {
  readonly name: string;
  /** A CSS colour, one of `OKABE_ITO`. */
  readonly colour: string;
  /** Dash pattern in pixels, as for SVG `stroke-dasharray`; empty for a solid line. */
  readonly dash: readonly number[];
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /**
   * How the points are drawn: joined by a line (the default), or each as a dot of this radius
   * in pixels with no line, for a scatter of configurations (a sweep's cost against attainment).
   */
  readonly dotRadius?: number;
}

/** A horizontal (at a y value) or vertical (at an x value) reference line, such as a target. */
export interface ReferenceLine {
  readonly value: number;
  readonly label: string;
  readonly colour: string;
  readonly dash: readonly number[];
}

/** A shaded stretch of the x axis, such as a period when replicas were starting. */
export interface ShadedBand {
  readonly fromX: number;
  readonly toX: number;
}

export interface ChartSpec {
  /** Stable identifier, usable as an HTML id ("request-rate", "ttft-cdf"). */
  readonly id: string;
  readonly title: string;
  readonly xAxis: ChartAxis;
  readonly yAxis: ChartAxis;
  readonly series: readonly ChartSeries[];
  readonly horizontalLines: readonly ReferenceLine[];
  readonly verticalLines: readonly ReferenceLine[];
  readonly bands: readonly ShadedBand[];
  /** What the bands mean, for the legend; absent when the chart has no bands. */
  readonly bandLabel?: string;
  /**
   * The x range to show unless the renderer is given one (zoom); by default it spans the data.
   * The run charts all set the run's time span, so they line up one above the other.
   */
  readonly xDomain?: readonly [number, number];
  /** Fixed y range; by default it spans 0 (or the lowest value) to the highest value shown. */
  readonly yDomain?: readonly [number, number];
  /**
   * How y is scaled. Charts that set it are the ones where both scales make sense (latencies,
   * whose p99 may be a thousand times the target) and the workbench offers a switch; absent,
   * the scale is linear. On a log scale, values at or below the lowest tick sit on the floor.
   */
  readonly yScale?: ScaleKind;
  /**
   * How x is scaled, on the same terms as `yScale` (a latency distribution whose slowest
   * request took a thousand times the target). On a log scale, an x at or below the lowest
   * tick (a latency of 0 s) sits on the left edge; a given `xDomain` must then be positive.
   */
  readonly xScale?: ScaleKind;
}
