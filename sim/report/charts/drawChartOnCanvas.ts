/**
 * Draws a chart on a 2D canvas, for the workbench, where runs may have 100,000 intervals: each
 * series is reduced to two points per pixel column before drawing, so a frame costs about as
 * many segments as the chart is wide. Same layout, colours and dashes as `chartSvg`.
 */
import {
  chartLayout,
  LABEL_FONT_PX,
  LABEL_HALO_PX,
  TITLE_FONT_PX,
  type ChartLayout,
  type ChartSize,
} from "./chartLayout.ts";
import type { ChartSpec, ReferenceLine } from "./chartSpec.ts";
import { BAND_FILL } from "./palette.ts";
import { dotPixels, pixelLine, seriesPixels } from "./seriesPath.ts";

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const AXIS_COLOUR = "#444444";
const GRID_COLOUR = "#E4E4E4";

/**
 * Draws `spec` in the `size.width` × `size.height` CSS-pixel box at the context's origin and
 * returns the layout, for hover (`intervalAtPixel`). For a sharp picture on a high-density
 * screen, size the canvas by `devicePixelRatio` and scale the context by it before calling.
 */
export function drawChartOnCanvas(
  ctx: CanvasRenderingContext2D,
  spec: ChartSpec,
  size: ChartSize,
): ChartLayout {
  const layout = chartLayout(spec, size);
  const { plot } = layout;
  ctx.save();
  ctx.fillStyle = "#FFFFFF";
  ctx.fillRect(0, 0, layout.width, layout.height);
  drawTitleAndLegend(ctx, spec, layout);

  // Everything data-bound is clipped to the plot area, as in the SVG.
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top, plot.width, plot.height);
  ctx.clip();
  drawBands(ctx, spec, layout);
  drawGrid(ctx, layout);
  drawSeries(ctx, spec, layout);
  drawReferenceLines(ctx, spec, layout);
  ctx.restore();

  drawAxes(ctx, layout);
  ctx.restore();
  return layout;
}

function drawTitleAndLegend(ctx: CanvasRenderingContext2D, spec: ChartSpec, layout: ChartLayout) {
  ctx.fillStyle = "#000000";
  ctx.textAlign = "left";
  ctx.font = `600 ${TITLE_FONT_PX}px ${FONT_FAMILY}`;
  ctx.fillText(spec.title, 10, layout.titleY);
  ctx.font = `${LABEL_FONT_PX}px ${FONT_FAMILY}`;
  for (const item of layout.legend) {
    if (item.kind === "band") {
      ctx.fillStyle = BAND_FILL;
      ctx.fillRect(item.x, item.y - 5, 24, 10);
    } else {
      strokeLine(ctx, item.colour, 2, item.dash, [item.x, item.y], [item.x + 24, item.y]);
    }
    ctx.fillStyle = "#000000";
    ctx.fillText(item.label, item.x + 28, item.y + 4);
  }
}

function drawBands(ctx: CanvasRenderingContext2D, spec: ChartSpec, layout: ChartLayout) {
  ctx.fillStyle = BAND_FILL;
  for (const band of spec.bands) {
    const x = layout.xScale(band.fromX);
    ctx.fillRect(x, layout.plot.top, layout.xScale(band.toX) - x, layout.plot.height);
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, layout: ChartLayout) {
  const { plot } = layout;
  for (const t of layout.yTicks) {
    strokeLine(ctx, GRID_COLOUR, 1, [], [plot.left, t.px], [plot.left + plot.width, t.px]);
  }
}

function drawSeries(ctx: CanvasRenderingContext2D, spec: ChartSpec, layout: ChartLayout) {
  const toPath = pixelLine().context(ctx);
  ctx.lineJoin = "round";
  for (const series of spec.series) {
    if (series.dotRadius !== undefined) {
      ctx.fillStyle = series.colour;
      for (const [x, y] of dotPixels(series, layout)) {
        ctx.beginPath();
        ctx.arc(x, y, series.dotRadius, 0, 2 * Math.PI);
        ctx.fill();
      }
      continue;
    }
    ctx.beginPath();
    toPath(seriesPixels(series, layout));
    ctx.strokeStyle = series.colour;
    ctx.lineWidth = 1.75;
    ctx.setLineDash([...series.dash]);
    ctx.stroke();
  }
}

function drawReferenceLines(ctx: CanvasRenderingContext2D, spec: ChartSpec, layout: ChartLayout) {
  const { plot, xScale, yScale } = layout;
  ctx.font = `${LABEL_FONT_PX}px ${FONT_FAMILY}`;
  const right = plot.left + plot.width;
  for (const line of spec.horizontalLines) {
    const y = yScale(line.value);
    strokeReference(ctx, line, [plot.left, y], [right, y]);
    ctx.textAlign = "right";
    haloText(ctx, line.label, right - 4, y - 4);
  }
  for (const line of spec.verticalLines) {
    const x = xScale(line.value);
    strokeReference(ctx, line, [x, plot.top], [x, plot.top + plot.height]);
    ctx.textAlign = "left";
    haloText(ctx, line.label, x + 4, plot.top + 12);
  }
}

/** A label with a white halo, so it stays readable where a series line runs under it. */
function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number) {
  ctx.save();
  ctx.strokeStyle = "white";
  ctx.lineWidth = LABEL_HALO_PX;
  ctx.lineJoin = "round";
  ctx.setLineDash([]);
  ctx.strokeText(text, x, y);
  ctx.restore();
  ctx.fillText(text, x, y);
}

function strokeReference(
  ctx: CanvasRenderingContext2D,
  line: ReferenceLine,
  from: [number, number],
  to: [number, number],
) {
  strokeLine(ctx, line.colour, 1.25, line.dash, from, to);
  ctx.fillStyle = line.colour;
}

function drawAxes(ctx: CanvasRenderingContext2D, layout: ChartLayout) {
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  strokeLine(ctx, AXIS_COLOUR, 1, [], [plot.left, bottom], [plot.left + plot.width, bottom]);
  strokeLine(ctx, AXIS_COLOUR, 1, [], [plot.left, plot.top], [plot.left, bottom]);
  ctx.fillStyle = AXIS_COLOUR;
  ctx.font = `${LABEL_FONT_PX}px ${FONT_FAMILY}`;
  ctx.textAlign = "center";
  for (const t of layout.xTicks) {
    strokeLine(ctx, AXIS_COLOUR, 1, [], [t.px, bottom], [t.px, bottom + 5]);
    ctx.fillText(t.label, t.px, bottom + 17);
  }
  ctx.fillText(layout.xTitle, plot.left + plot.width / 2, bottom + 34);
  ctx.textAlign = "right";
  for (const t of layout.yTicks) {
    strokeLine(ctx, AXIS_COLOUR, 1, [], [plot.left - 5, t.px], [plot.left, t.px]);
    ctx.fillText(t.label, plot.left - 8, t.px + 4);
  }
  ctx.save();
  ctx.translate(12, plot.top + plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.fillText(layout.yTitle, 0, 0);
  ctx.restore();
}

function strokeLine(
  ctx: CanvasRenderingContext2D,
  colour: string,
  lineWidth: number,
  dash: readonly number[],
  [x1, y1]: [number, number],
  [x2, y2]: [number, number],
) {
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.strokeStyle = colour;
  ctx.lineWidth = lineWidth;
  ctx.setLineDash([...dash]);
  ctx.stroke();
}
