/**
 * Renders a chart as a standalone SVG document (no script, no external font or stylesheet),
 * for the static HTML report. Long series are reduced to two points per pixel column first, so
 * a 100,000-interval run stays a small file.
 */
import {
  chartLayout,
  LABEL_FONT_PX,
  TITLE_FONT_PX,
  type ChartLayout,
  type ChartSize,
} from "./chartLayout.ts";
import type { ChartSpec, ReferenceLine } from "./chartSpec.ts";
import { BAND_FILL } from "./palette.ts";
import { dotPixels, pixelLine, seriesPixels } from "./seriesPath.ts";

const FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"";
const AXIS_COLOUR = "#444444";
const GRID_COLOUR = "#E4E4E4";

/** The chart as an `<svg>` element string, `size.width` × `size.height` pixels. */
export function chartSvg(spec: ChartSpec, size: ChartSize): string {
  const layout = chartLayout(spec, size);
  const { width, height, plot } = layout;
  const clipId = `plot-${spec.id}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(spec.title)}" ${FONT}>`,
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<defs><clipPath id="${escapeXml(clipId)}"><rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}"/></clipPath></defs>`,
    `<text x="10" y="${layout.titleY}" font-size="${TITLE_FONT_PX}" font-weight="600">${escapeXml(spec.title)}</text>`,
    legendSvg(layout),
    `<g clip-path="url(#${escapeXml(clipId)})">`,
    bandsSvg(spec, layout),
    gridSvg(layout),
    seriesSvg(spec, layout),
    referenceLinesSvg(spec, layout),
    `</g>`,
    axesSvg(layout),
    `</svg>`,
  ].join("\n");
}

function legendSvg(layout: ChartLayout): string {
  const parts = layout.legend.map((item) => {
    const sample =
      item.kind === "band"
        ? `<rect x="${item.x}" y="${item.y - 5}" width="24" height="10" fill="${BAND_FILL}" stroke="#BBBBBB"/>`
        : `<line x1="${item.x}" y1="${item.y}" x2="${item.x + 24}" y2="${item.y}" stroke="${item.colour}" stroke-width="2"${dashAttribute(item.dash)}/>`;
    const text = `<text x="${item.x + 28}" y="${item.y + 4}" font-size="${LABEL_FONT_PX}">${escapeXml(item.label)}</text>`;
    return sample + text;
  });
  return `<g class="legend">${parts.join("")}</g>`;
}

function bandsSvg(spec: ChartSpec, layout: ChartLayout): string {
  const { plot, xScale } = layout;
  const rects = spec.bands.map((band) => {
    const x = clampToPlot(xScale(band.fromX), layout);
    const right = clampToPlot(xScale(band.toX), layout);
    return `<rect x="${round(x)}" y="${plot.top}" width="${round(right - x)}" height="${plot.height}" fill="${BAND_FILL}"/>`;
  });
  return `<g class="bands">${rects.join("")}</g>`;
}

function gridSvg(layout: ChartLayout): string {
  const { plot } = layout;
  const lines = layout.yTicks.map(
    (t) =>
      `<line x1="${plot.left}" y1="${round(t.px)}" x2="${plot.left + plot.width}" y2="${round(t.px)}" stroke="${GRID_COLOUR}"/>`,
  );
  return `<g class="grid">${lines.join("")}</g>`;
}

function seriesSvg(spec: ChartSpec, layout: ChartLayout): string {
  const toPath = pixelLine();
  const paths = spec.series.map((series) => {
    if (series.dotRadius !== undefined) {
      const radius = series.dotRadius;
      return dotPixels(series, layout)
        .map(
          ([x, y]) =>
            `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${radius}" fill="${series.colour}"/>`,
        )
        .join("");
    }
    const d = toPath(seriesPixels(series, layout)) ?? "";
    return `<path d="${d}" fill="none" stroke="${series.colour}" stroke-width="1.75" stroke-linejoin="round"${dashAttribute(series.dash)}/>`;
  });
  return `<g class="series">${paths.join("")}</g>`;
}

function referenceLinesSvg(spec: ChartSpec, layout: ChartLayout): string {
  const { plot, xScale, yScale } = layout;
  const horizontal = spec.horizontalLines.map((line) => {
    const y = round(yScale(line.value));
    const label = `<text x="${plot.left + plot.width - 4}" y="${y - 4}" font-size="${LABEL_FONT_PX}" text-anchor="end" fill="${line.colour}">${escapeXml(line.label)}</text>`;
    return `<line x1="${plot.left}" y1="${y}" x2="${plot.left + plot.width}" y2="${y}"${referenceStroke(line)}/>${label}`;
  });
  const vertical = spec.verticalLines.map((line) => {
    const x = round(xScale(line.value));
    const label = `<text x="${x + 4}" y="${plot.top + 12}" font-size="${LABEL_FONT_PX}" fill="${line.colour}">${escapeXml(line.label)}</text>`;
    return `<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.top + plot.height}"${referenceStroke(line)}/>${label}`;
  });
  return `<g class="reference-lines">${[...horizontal, ...vertical].join("")}</g>`;
}

function referenceStroke(line: ReferenceLine): string {
  return ` stroke="${line.colour}" stroke-width="1.25"${dashAttribute(line.dash)}`;
}

function axesSvg(layout: ChartLayout): string {
  const { plot } = layout;
  const bottom = plot.top + plot.height;
  const xTicks = layout.xTicks.map(
    (t) =>
      `<line x1="${round(t.px)}" y1="${bottom}" x2="${round(t.px)}" y2="${bottom + 5}" stroke="${AXIS_COLOUR}"/>` +
      `<text x="${round(t.px)}" y="${bottom + 17}" font-size="${LABEL_FONT_PX}" text-anchor="middle">${escapeXml(t.label)}</text>`,
  );
  const yTicks = layout.yTicks.map(
    (t) =>
      `<line x1="${plot.left - 5}" y1="${round(t.px)}" x2="${plot.left}" y2="${round(t.px)}" stroke="${AXIS_COLOUR}"/>` +
      `<text x="${plot.left - 8}" y="${round(t.px) + 4}" font-size="${LABEL_FONT_PX}" text-anchor="end">${escapeXml(t.label)}</text>`,
  );
  const middleY = plot.top + plot.height / 2;
  return [
    `<g class="axes" fill="${AXIS_COLOUR}">`,
    `<line x1="${plot.left}" y1="${bottom}" x2="${plot.left + plot.width}" y2="${bottom}" stroke="${AXIS_COLOUR}"/>`,
    `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${bottom}" stroke="${AXIS_COLOUR}"/>`,
    ...xTicks,
    ...yTicks,
    `<text x="${plot.left + plot.width / 2}" y="${bottom + 34}" font-size="${LABEL_FONT_PX}" text-anchor="middle">${escapeXml(layout.xTitle)}</text>`,
    `<text transform="translate(12 ${middleY}) rotate(-90)" font-size="${LABEL_FONT_PX}" text-anchor="middle">${escapeXml(layout.yTitle)}</text>`,
    `</g>`,
  ].join("");
}

function dashAttribute(dash: readonly number[]): string {
  return dash.length === 0 ? "" : ` stroke-dasharray="${dash.join(" ")}"`;
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
