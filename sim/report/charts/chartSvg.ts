/**
 * Renders a chart as a standalone SVG document (no script, no external font or stylesheet),
 * for the static HTML report. Long series are reduced to two points per pixel column first, so
 * a 100,000-interval run stays a small file.
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

/** The chart as an `<svg>` element string, `size.width` × `size.height` pixels. */
export function chartSvg(spec: ChartSpec, size: ChartSize): string {
  const layout = chartLayout(spec, size);
  const { width, height, plot } = layout;
  const clipId = `plot-${spec.id}`;
  const plotRect = { x: plot.left, y: plot.top, width: plot.width, height: plot.height };
  const svg = {
    xmlns: "http://www.w3.org/2000/svg",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": spec.title,
    "font-family": FONT_FAMILY,
  };
  const title = { x: 10, y: layout.titleY, "font-size": TITLE_FONT_PX, "font-weight": 600 };
  const plotted = [
    bandsSvg(spec, layout),
    gridSvg(layout),
    seriesSvg(spec, layout),
    referenceLinesSvg(spec, layout),
  ];
  const body = [
    tag("rect", { width, height, fill: "#FFFFFF" }),
    tag("defs", {}, tag("clipPath", { id: clipId }, tag("rect", plotRect))),
    tag("text", title, escapeXml(spec.title)),
    legendSvg(layout),
    tag("g", { "clip-path": `url(#${clipId})` }, `\n${plotted.join("\n")}\n`),
    axesSvg(layout),
  ];
  return tag("svg", svg, `\n${body.join("\n")}\n`);
}

function legendSvg(layout: ChartLayout): string {
  const parts = layout.legend.map((item) => {
    const { x, y } = item;
    const sample =
      item.kind === "band"
        ? tag("rect", { x, y: y - 5, width: 24, height: 10, fill: BAND_FILL, stroke: "#BBBBBB" })
        : tag("line", {
            x1: x,
            y1: y,
            x2: x + 24,
            y2: y,
            stroke: item.colour,
            "stroke-width": 2,
            "stroke-dasharray": dashes(item.dash),
          });
    const text = tag(
      "text",
      { x: x + 28, y: y + 4, "font-size": LABEL_FONT_PX },
      escapeXml(item.label),
    );
    return sample + text;
  });
  return tag("g", { class: "legend" }, parts.join(""));
}

function bandsSvg(spec: ChartSpec, layout: ChartLayout): string {
  const { plot, xScale } = layout;
  const rects = spec.bands.map((band) => {
    const x = clampToPlot(xScale(band.fromX), layout);
    const right = clampToPlot(xScale(band.toX), layout);
    const area = { x: round(x), y: plot.top, width: round(right - x), height: plot.height };
    return tag("rect", { ...area, fill: BAND_FILL });
  });
  return tag("g", { class: "bands" }, rects.join(""));
}

function gridSvg(layout: ChartLayout): string {
  const { plot } = layout;
  const lines = layout.yTicks.map((t) => {
    const y = round(t.px);
    return tag("line", {
      x1: plot.left,
      y1: y,
      x2: plot.left + plot.width,
      y2: y,
      stroke: GRID_COLOUR,
    });
  });
  return tag("g", { class: "grid" }, lines.join(""));
}

function seriesSvg(spec: ChartSpec, layout: ChartLayout): string {
  const toPath = pixelLine();
  const paths = spec.series.map((series) => {
    if (series.dotRadius !== undefined) {
      const r = series.dotRadius;
      return dotPixels(series, layout)
        .map(([x, y]) =>
          tag("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r, fill: series.colour }),
        )
        .join("");
    }
    return tag("path", {
      d: toPath(seriesPixels(series, layout)) ?? "",
      fill: "none",
      stroke: series.colour,
      "stroke-width": 1.75,
      "stroke-linejoin": "round",
      "stroke-dasharray": dashes(series.dash),
    });
  });
  return tag("g", { class: "series" }, paths.join(""));
}

function referenceLinesSvg(spec: ChartSpec, layout: ChartLayout): string {
  const { plot, xScale, yScale } = layout;
  const right = plot.left + plot.width;
  const bottom = plot.top + plot.height;
  const horizontal = spec.horizontalLines.map((line) => {
    const y = round(yScale(line.value));
    const at = { x: right - 4, y: y - 4, "text-anchor": "end" };
    return referenceSvg(line, { x1: plot.left, y1: y, x2: right, y2: y }, at);
  });
  const vertical = spec.verticalLines.map((line) => {
    const x = round(xScale(line.value));
    return referenceSvg(
      line,
      { x1: x, y1: plot.top, x2: x, y2: bottom },
      { x: x + 4, y: plot.top + 12 },
    );
  });
  return tag("g", { class: "reference-lines" }, [...horizontal, ...vertical].join(""));
}

/** A target or budget line from `ends`, with its label at `labelAt`. */
function referenceSvg(line: ReferenceLine, ends: Attributes, labelAt: Attributes): string {
  const stroke = {
    stroke: line.colour,
    "stroke-width": 1.25,
    "stroke-dasharray": dashes(line.dash),
  };
  // A white halo under the text (painted first), so a series line under it does not hide it.
  const label = {
    ...labelAt,
    "font-size": LABEL_FONT_PX,
    fill: line.colour,
    stroke: "white",
    "stroke-width": LABEL_HALO_PX,
    "stroke-linejoin": "round",
    "paint-order": "stroke",
  };
  return tag("line", { ...ends, ...stroke }) + tag("text", label, escapeXml(line.label));
}

function axesSvg(layout: ChartLayout): string {
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  const font = { "font-size": LABEL_FONT_PX };
  const axisLine = (ends: Attributes) => tag("line", { ...ends, stroke: AXIS_COLOUR });
  const xTicks = layout.xTicks.map((t) => {
    const x = round(t.px);
    return (
      axisLine({ x1: x, y1: bottom, x2: x, y2: bottom + 5 }) +
      tag("text", { x, y: bottom + 17, ...font, "text-anchor": "middle" }, escapeXml(t.label))
    );
  });
  const yTicks = layout.yTicks.map((t) => {
    const y = round(t.px);
    return (
      axisLine({ x1: plot.left - 5, y1: y, x2: plot.left, y2: y }) +
      tag("text", { x: plot.left - 8, y: y + 4, ...font, "text-anchor": "end" }, escapeXml(t.label))
    );
  });
  const xTitle = {
    x: plot.left + plot.width / 2,
    y: bottom + 34,
    ...font,
    "text-anchor": "middle",
  };
  const middleY = plot.top + plot.height / 2;
  const yTitle = {
    transform: `translate(12 ${middleY}) rotate(-90)`,
    ...font,
    "text-anchor": "middle",
  };
  return tag(
    "g",
    { class: "axes", fill: AXIS_COLOUR },
    [
      axisLine({ x1: plot.left, y1: bottom, x2: plot.left + plot.width, y2: bottom }),
      axisLine({ x1: plot.left, y1: plot.top, x2: plot.left, y2: bottom }),
      ...xTicks,
      ...yTicks,
      tag("text", xTitle, escapeXml(layout.xTitle)),
      tag("text", yTitle, escapeXml(layout.yTitle)),
    ].join(""),
  );
}

/** An element's attributes; an undefined value leaves the attribute out. */
type Attributes = Readonly<Record<string, string | number | undefined>>;

/** `<name a="…"/>`, or `<name a="…">content</name>` when given content (already escaped). */
function tag(name: string, attributes: Attributes, content?: string): string {
  const written = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join("");
  return content === undefined ? `<${name}${written}/>` : `<${name}${written}>${content}</${name}>`;
}

/** A dash pattern as `stroke-dasharray` takes it; undefined (no attribute) for a solid line. */
function dashes(dash: readonly number[]): string | undefined {
  return dash.length === 0 ? undefined : dash.join(" ");
}

function clampToPlot(px: number, layout: ChartLayout): number {
  return Math.min(layout.plot.left + layout.plot.width, Math.max(layout.plot.left, px));
}

function round(px: number): number {
  return Math.round(px * 10) / 10;
}

/** Text made safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
