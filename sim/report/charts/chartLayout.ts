/**
 * Where everything of a chart goes in a width × height box: margins, the plot area, the scales,
 * the ticks with their labels and the legend. Both renderers (SVG and canvas) draw from the same
 * layout, so a chart looks the same in the static report and in the workbench.
 */
import { extent, format, scaleLinear, scaleLog, type ScaleContinuousNumeric } from "d3";
import type { ChartSpec, ScaleKind } from "./chartSpec.ts";

/**
 * The size to draw at, in CSS pixels, and optionally the x range to show (zoom), which takes
 * the place of the spec's own.
 */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
  readonly xDomain?: readonly [number, number];
  /**
   * The least left margin, in pixels: charts stacked on one time axis pass the widest margin
   * any of them needs ({@link sharedLeftMargin}), so that their plots start at the same pixel.
   */
  readonly leftMargin?: number;
  /** The y scale to draw with, in place of the spec's own (the workbench's switch). */
  readonly yScale?: ScaleKind;
  /** The x scale to draw with, in place of the spec's own (the workbench's switch). */
  readonly xScale?: ScaleKind;
}

/** A tick: its value, its pixel position along the axis, and its label. */
export interface AxisTick {
  readonly value: number;
  readonly px: number;
  readonly label: string;
}

/** One legend entry; `x`, `y` is the left end of its sample line, in pixels. */
export interface LegendItem {
  readonly kind: "series" | "band";
  readonly label: string;
  readonly colour: string;
  readonly dash: readonly number[];
  readonly x: number;
  readonly y: number;
}

export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly plot: PlotArea;
  readonly xScale: ScaleContinuousNumeric<number, number>;
  readonly yScale: ScaleContinuousNumeric<number, number>;
  readonly xTicks: readonly AxisTick[];
  readonly yTicks: readonly AxisTick[];
  readonly legend: readonly LegendItem[];
  /** Baseline of the title, in pixels from the top. */
  readonly titleY: number;
  /** Axis titles with units, e.g. "TTFT (s)". */
  readonly xTitle: string;
  readonly yTitle: string;
}

/** Font size of tick labels and legend, in pixels; the renderers use the same. */
export const LABEL_FONT_PX = 11;
/** Width of the white halo drawn under reference-line labels, in pixels. */
export const LABEL_HALO_PX = 3;
export const TITLE_FONT_PX = 13;
/** Width of one label character, estimated: no DOM here to measure text with. */
const CHAR_WIDTH_PX = 6.2;
const LEGEND_ROW_PX = 16;
const LEGEND_SAMPLE_PX = 24;
const LEGEND_GAP_PX = 14;
/** Pixels per x tick and per y tick wanted: enough room for a label between ticks. */
const X_TICK_SPACING_PX = 90;
const Y_TICK_SPACING_PX = 36;
/**
 * A log y axis labels whole decades only, short labels with nothing between them, so they may
 * sit closer: six decades still get a label each on a workbench chart's 150 px plot.
 */
const Y_LOG_DECADE_SPACING_PX = 22;
/** A log tick's label: the shortest plain spelling ("0.001", "1000"). */
const PLAIN_NUMBER = format("~g");

/**
 * Lays out `spec` in `size`. A box too small for its labels still gets a plot of at least
 * 20 × 20 px (cramped, not an error: a window may be narrowed at any time); a size that is not
 * a positive number throws.
 */
export function chartLayout(spec: ChartSpec, size: ChartSize): ChartLayout {
  const { width, height } = size;
  if (!(width > 0 && height > 0 && width < Infinity && height < Infinity)) {
    throw new Error(`chartLayout: size must be positive and finite, got ${width} × ${height}`);
  }

  // 1. The title, then the legend rows flowing under it.
  const titleY = TITLE_FONT_PX + 4;
  const legendTop = titleY + 8;
  const { items, rows } = legendItems(spec, width, legendTop);

  // 2. The domains: what the visible data need.
  const xScale = xScaleOf(spec, size.xDomain, size.xScale);
  const yScale = yScaleOf(spec, drawnXRange(xScale), size.yScale);

  // 3. Margins sized to the labels, then the plot area and the scales' ranges.
  const top = legendTop + rows * LEGEND_ROW_PX + 6;
  const left = Math.max(yLabelMargin(yScale), size.leftMargin ?? 0);
  const plot: PlotArea = {
    left,
    top,
    width: Math.max(20, width - left - 16),
    height: Math.max(20, height - top - 42),
  };
  xScale.range([plot.left, plot.left + plot.width]);
  yScale.range([plot.top + plot.height, plot.top]);

  // 4. Ticks, as many as fit.
  return {
    width,
    height,
    plot,
    xScale,
    yScale,
    xTicks: ticksOf(xScale, Math.max(2, Math.floor(plot.width / X_TICK_SPACING_PX))),
    yTicks: ticksOf(yScale, Math.max(2, Math.floor(plot.height / yTickSpacing(yScale)))),
    legend: items,
    titleY,
    xTitle: axisTitle(spec.xAxis),
    yTitle: axisTitle(spec.yAxis),
  };
}

/**
 * The widest left margin that any of `specs` needs for its y labels when showing `xDomain`
 * (each its own x range when absent): pass it as every chart's `leftMargin` and their plots
 * line up.
 */
export function sharedLeftMargin(
  specs: readonly ChartSpec[],
  xDomain?: readonly [number, number],
  yScales?: ReadonlyMap<string, ScaleKind>,
): number {
  let widest = 0;
  for (const spec of specs) {
    const xScale = xScaleOf(spec, xDomain, undefined);
    const yScale = yScaleOf(spec, drawnXRange(xScale), yScales?.get(spec.id));
    widest = Math.max(widest, yLabelMargin(yScale));
  }
  return widest;
}

/**
 * The x scale over `given` (a zoom), else the spec's range, else the data's: linear, or
 * logarithmic. Only the data's own log range is widened to whole ticks (a zoom shows what was
 * asked for). A log scale clamps, so an x at or below its floor (a latency of 0 s) is drawn on
 * the left edge rather than lost.
 */
function xScaleOf(
  spec: ChartSpec,
  given: readonly [number, number] | undefined,
  override: ScaleKind | undefined,
): ScaleContinuousNumeric<number, number> {
  const range = given ?? spec.xDomain;
  if ((override ?? spec.xScale) !== "log") return scaleLinear().domain(range ?? dataXDomain(spec));
  if (range !== undefined) return scaleLog().domain(range).clamp(true);
  return scaleLog().domain(positiveXDomain(spec)).nice().clamp(true);
}

/**
 * The x values drawn on the plot: the scale's domain, or every x on a clamped (log) scale,
 * which draws those outside its domain on the edge.
 */
function drawnXRange(xScale: ScaleContinuousNumeric<number, number>): [number, number] {
  if ("base" in xScale) return [-Infinity, Infinity];
  const [low, high] = xScale.domain();
  return [low, high];
}

/**
 * The y scale over what is drawn within `xDomain`: linear from 0 (or the lowest value), or
 * logarithmic from the lowest positive value, both widened to round ticks. A log scale clamps,
 * so a value at or below its floor (a p50 of 0 s) is drawn on the floor, not lost.
 */
function yScaleOf(
  spec: ChartSpec,
  xDomain: readonly [number, number],
  override: ScaleKind | undefined,
): ScaleContinuousNumeric<number, number> {
  if ((override ?? spec.yScale) !== "log") {
    return scaleLinear().domain(dataYDomain(spec, xDomain)).nice();
  }
  return scaleLog().domain(positiveYDomain(spec, xDomain)).nice().clamp(true);
}

/** Room for the y axis title and tick labels, measured on more ticks than will fit. */
function yLabelMargin(yScale: ScaleContinuousNumeric<number, number>): number {
  const labels = ticksOf(yScale, 8).map((tick) => tick.label);
  const yLabelChars = Math.max(1, ...labels.map((label) => label.length));
  return Math.round(22 + yLabelChars * CHAR_WIDTH_PX + 8);
}

function axisTitle(axis: ChartSpec["xAxis"]): string {
  return axis.unit === "" ? axis.label : `${axis.label} (${axis.unit})`;
}

function yTickSpacing(scale: ScaleContinuousNumeric<number, number>): number {
  return "base" in scale ? Y_LOG_DECADE_SPACING_PX : Y_TICK_SPACING_PX;
}

/**
 * About `count` ticks with their labels. A log scale is ticked at whole decades only (every
 * other one, or sparser, when more would not fit), labelled as plain numbers ("0.05", not d3's
 * "50m", which would read as minutes); d3's own log ticks add 2, 3 … 9 within each decade.
 */
function ticksOf(scale: ScaleContinuousNumeric<number, number>, count: number): AxisTick[] {
  if (!("base" in scale)) {
    const format = scale.tickFormat(count);
    return scale.ticks(count).map((value) => ({ value, px: scale(value), label: format(value) }));
  }
  const [low, high] = scale.domain();
  const first = Math.ceil(Math.log10(low) - 1e-9);
  const last = Math.floor(Math.log10(high) + 1e-9);
  const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(1, count)));
  const ticks: AxisTick[] = [];
  for (let power = first; power <= last; power += step) {
    const value = Number(`1e${power}`);
    ticks.push({ value, px: scale(value), label: PLAIN_NUMBER(value) });
  }
  return ticks;
}

/** Legend entries (series, then the band meaning), wrapped into rows that fit `width`. */
function legendItems(spec: ChartSpec, width: number, top: number) {
  const entries: Omit<LegendItem, "x" | "y">[] = spec.series.map((s) => ({
    kind: "series" as const,
    label: s.name,
    colour: s.colour,
    dash: s.dash,
  }));
  if (spec.bandLabel !== undefined && spec.bands.length > 0) {
    entries.push({ kind: "band", label: spec.bandLabel, colour: "", dash: [] });
  }
  const items: LegendItem[] = [];
  let x = 10;
  let row = 0;
  for (const entry of entries) {
    const itemWidth = LEGEND_SAMPLE_PX + 4 + entry.label.length * CHAR_WIDTH_PX;
    if (x > 10 && x + itemWidth > width - 10) {
      row += 1;
      x = 10;
    }
    items.push({ ...entry, x, y: top + row * LEGEND_ROW_PX + LEGEND_ROW_PX / 2 });
    x += itemWidth + LEGEND_GAP_PX;
  }
  return { items, rows: entries.length === 0 ? 0 : row + 1 };
}

/** The x range covering every series, band and vertical line; [0, 1] when there is none. */
export function dataXDomain(spec: ChartSpec): [number, number] {
  const values: number[] = [];
  for (const s of spec.series) values.push(s.xs[0], s.xs[s.xs.length - 1]);
  for (const b of spec.bands) values.push(b.fromX, b.toX);
  for (const line of spec.verticalLines) values.push(line.value);
  return spread(extent(values.filter(Number.isFinite)));
}

/**
 * The y range: the spec's own, else 0 (or the lowest value, if negative) up to the highest
 * value drawn within `xDomain`, horizontal lines included so a target is always in view.
 */
function dataYDomain(spec: ChartSpec, xDomain: readonly [number, number]): [number, number] {
  if (spec.yDomain !== undefined) return [spec.yDomain[0], spec.yDomain[1]];
  let low = 0;
  let high = -Infinity;
  for (const s of spec.series) {
    for (let i = 0; i < s.xs.length; i += 1) {
      const y = s.ys[i];
      if (!Number.isFinite(y) || s.xs[i] < xDomain[0] || s.xs[i] > xDomain[1]) continue;
      if (y < low) low = y;
      if (y > high) high = y;
    }
  }
  for (const line of spec.horizontalLines) {
    if (Number.isFinite(line.value)) {
      low = Math.min(low, line.value);
      high = Math.max(high, line.value);
    }
  }
  return spread([low, high === -Infinity ? undefined : high]);
}

/**
 * The y range of a log scale: the lowest to the highest positive value drawn within `xDomain`
 * (horizontal lines included), from half to twice a single value, [1, 10] when
 * there is none (a run without traffic).
 */
function positiveYDomain(spec: ChartSpec, xDomain: readonly [number, number]): [number, number] {
  const span = new PositiveSpan();
  for (const s of spec.series) {
    for (let i = 0; i < s.xs.length; i += 1) {
      if (s.xs[i] >= xDomain[0] && s.xs[i] <= xDomain[1]) span.take(s.ys[i]);
    }
  }
  for (const line of spec.horizontalLines) span.take(line.value);
  return span.domain();
}

/**
 * The x range of a log scale: the lowest to the highest positive x of every series, band and
 * vertical line, on the same terms as {@link positiveYDomain}.
 */
function positiveXDomain(spec: ChartSpec): [number, number] {
  const span = new PositiveSpan();
  for (const s of spec.series) for (const x of s.xs) span.take(x);
  for (const band of spec.bands) {
    span.take(band.fromX);
    span.take(band.toX);
  }
  for (const line of spec.verticalLines) span.take(line.value);
  return span.domain();
}

/** The lowest and highest of the positive, finite values taken: what a log scale can show. */
class PositiveSpan {
  private low = Infinity;
  private high = -Infinity;

  take(value: number): void {
    if (!(value > 0 && value < Infinity)) return;
    this.low = Math.min(this.low, value);
    this.high = Math.max(this.high, value);
  }

  /** [low, high]; from half to twice a single value; [1, 10] when nothing was positive. */
  domain(): [number, number] {
    if (this.high === -Infinity) return [1, 10];
    return this.low === this.high ? [this.low / 2, this.high * 2] : [this.low, this.high];
  }
}

/** A range a scale can use: [0, 1] when undefined, widened when it is a single value. */
function spread([low, high]: readonly [number | undefined, number | undefined]): [number, number] {
  if (low === undefined || high === undefined) return [0, 1];
  if (low === high)
    return low === 0 ? [0, 1] : [low - Math.abs(low) / 2, high + Math.abs(high) / 2];
  return [low, high];
}
