/**
 * Charts of a simulation report, shared by the browser workbench (canvas) and the static HTML
 * report (SVG). Nothing here touches the DOM except `drawChartOnCanvas`, which draws on the
 * context it is given.
 */
export type {
  ChartAxis,
  ChartSeries,
  ChartSpec,
  ReferenceLine,
  ScaleKind,
  ShadedBand,
} from "./chartSpec.ts";
export { BAND_FILL, DASHES, OKABE_ITO, REFERENCE_COLOUR } from "./palette.ts";
export {
  attainmentChart,
  gpuHoursChart,
  itlChart,
  replicaChart,
  requestRateChart,
  runCharts,
  latencyScale,
  outageLines,
  runTimeSpan,
  sequenceLengthChart,
  ttftChart,
} from "./runCharts.ts";
export { distributionCharts } from "./distributionCharts.ts";
export { cumulativeGpuHours, startupBands } from "./intervalTimeline.ts";
export {
  chartLayout,
  type AxisTick,
  type ChartLayout,
  type ChartSize,
  type LegendItem,
  type PlotArea,
  sharedLeftMargin,
} from "./chartLayout.ts";
export { reduceToPixelColumns, type ReducedSeries } from "./pixelColumns.ts";
export { chartSvg } from "./chartSvg.ts";
export { drawChartOnCanvas } from "./drawChartOnCanvas.ts";
export { intervalAtPixel, intervalAtTime } from "./intervalAtPixel.ts";
