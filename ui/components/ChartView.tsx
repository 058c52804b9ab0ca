/**
 * One chart on a canvas: the shared layout and canvas renderer of sim/report/charts (the same
 * drawing as the HTML report's SVG), sized to its container, with a hover line that follows
 * the pointer or the arrow keys, and SVG and PNG export.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import {
  chartLayout,
  chartSvg,
  drawChartOnCanvas,
  type ChartSize,
  type ChartSpec,
  type ScaleKind,
} from "../../sim/report/charts/index.ts";
import { downloadBlob, downloadText } from "./download.ts";

const HEIGHT_PX = 230;

export interface ChartViewProps {
  readonly spec: ChartSpec;
  /** The x range shown; by default the data's own. */
  readonly xDomain?: readonly [number, number];
  /** The least left margin in pixels, shared by charts on one time axis so that they line up. */
  readonly leftMargin?: number;
  /** The y scale chosen here, in place of the spec's own. */
  readonly yScale?: ScaleKind;
  /** Switches the y scale; offered on charts whose spec names one (latencies). */
  readonly onYScale?: (kind: ScaleKind) => void;
  /** The x scale chosen here, in place of the spec's own. */
  readonly xScale?: ScaleKind;
  /** Switches the x scale; offered on charts whose spec names one (latency distributions). */
  readonly onXScale?: (kind: ScaleKind) => void;
  /** The x value (seconds) of the hover line, or null. */
  readonly hoverX: number | null;
  /** Reports the x value under the pointer (null when it leaves); absent: no hover. */
  readonly onHover?: (x: number | null) => void;
  /** Moves the hover by whole steps (the arrow keys). */
  readonly onStep?: (step: -1 | 1) => void;
  /** The file name the exports start with. */
  readonly fileStem: string;
}

export function ChartView(props: ChartViewProps) {
  const { spec, xDomain, leftMargin, hoverX, onXScale, onYScale } = props;
  const yScale = props.yScale ?? spec.yScale;
  const xScale = props.xScale ?? spec.xScale;
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(host);
  const layout = useMemo(
    () =>
      width > 0
        ? chartLayout(spec, { width, height: HEIGHT_PX, xDomain, leftMargin, xScale, yScale })
        : null,
    [spec, width, xDomain, leftMargin, xScale, yScale],
  );

  useEffect(() => {
    const element = canvas.current;
    if (element === null || layout === null) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(width * ratio);
    element.height = Math.round(HEIGHT_PX * ratio);
    const context = element.getContext("2d");
    if (context === null) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, HEIGHT_PX);
    const size = { width, height: HEIGHT_PX, xDomain, leftMargin, xScale, yScale };
    drawChartOnCanvas(context, spec, size);
  }, [layout, spec, width, xDomain, leftMargin, xScale, yScale]);

  const plot = layout?.plot;
  const hoverPx = layout !== null && hoverX !== null ? layout.xScale(hoverX) : null;
  const inPlot =
    plot !== undefined &&
    hoverPx !== null &&
    hoverPx >= plot.left &&
    hoverPx <= plot.left + plot.width;
  const names = spec.series.map((s) => s.name).join(", ");
  // What the exports draw: the chart as shown, at least 640 px wide.
  const exportSize = {
    width: Math.max(width, 640),
    height: 300,
    xDomain,
    leftMargin,
    xScale,
    yScale,
  };
  return (
    <figure className="chart" data-chart={spec.id}>
      <div className="chart-tools">
        {spec.xScale !== undefined && onXScale !== undefined && (
          <LogToggle
            axis="x"
            title={spec.title}
            scale={xScale}
            onChange={onXScale}
            hint="the target and the fast requests stay readable beside the slowest"
          />
        )}
        {spec.yScale !== undefined && onYScale !== undefined && (
          <LogToggle
            axis="y"
            title={spec.title}
            scale={yScale}
            onChange={onYScale}
            hint="targets stay readable beside a p99 far above them"
          />
        )}
        <button
          type="button"
          aria-label={`Export ${spec.title} as SVG`}
          onClick={() =>
            downloadText(
              `${props.fileStem}-${spec.id}.svg`,
              chartSvg(spec, exportSize),
              "image/svg+xml",
            )
          }
        >
          SVG
        </button>
        <button
          type="button"
          aria-label={`Export ${spec.title} as PNG`}
          onClick={() => exportPng(spec, exportSize, `${props.fileStem}-${spec.id}.png`)}
        >
          PNG
        </button>
      </div>
      <div
        className="chart-body"
        ref={host}
        tabIndex={props.onStep === undefined ? undefined : 0}
        role="img"
        aria-label={`${spec.title}: ${names}`}
        onMouseMove={(event) => {
          if (layout === null || props.onHover === undefined) return;
          const bounds = event.currentTarget.getBoundingClientRect();
          const px = event.clientX - bounds.left;
          if (px < layout.plot.left || px > layout.plot.left + layout.plot.width)
            return props.onHover(null);
          props.onHover(layout.xScale.invert(px));
        }}
        onMouseLeave={() => props.onHover?.(null)}
        onKeyDown={(event) => {
          if (event.key === "ArrowLeft") props.onStep?.(-1);
          else if (event.key === "ArrowRight") props.onStep?.(1);
          else return;
          event.preventDefault();
        }}
      >
        <canvas ref={canvas} style={{ width: "100%", height: HEIGHT_PX }} />
        {inPlot && plot !== undefined && (
          <div
            className="hover-line"
            style={{ left: hoverPx, top: plot.top, height: plot.height }}
          />
        )}
      </div>
    </figure>
  );
}

/** The "log x" or "log y" switch of a chart: pressed while that axis is logarithmic. */
function LogToggle(props: {
  readonly axis: "x" | "y";
  readonly title: string;
  readonly scale: ScaleKind | undefined;
  readonly onChange: (kind: ScaleKind) => void;
  readonly hint: string;
}) {
  const { axis, scale } = props;
  return (
    <button
      type="button"
      aria-pressed={scale === "log"}
      aria-label={`Log ${axis} scale for ${props.title}`}
      title={`Logarithmic ${axis} axis: ${props.hint}`}
      onClick={() => props.onChange(scale === "log" ? "linear" : "log")}
    >
      log {axis}
    </button>
  );
}

/** The width of an element, followed as it resizes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Draws the chart at twice the size on a canvas of its own and saves it as PNG. */
function exportPng(spec: ChartSpec, size: ChartSize, name: string): void {
  const { width, height } = size;
  const element = document.createElement("canvas");
  element.width = width * 2;
  element.height = height * 2;
  const context = element.getContext("2d");
  if (context === null) return;
  context.scale(2, 2);
  context.fillStyle = "white";
  context.fillRect(0, 0, width, height);
  drawChartOnCanvas(context, spec, size);
  element.toBlob((blob) => blob !== null && downloadBlob(name, blob), "image/png");
}
