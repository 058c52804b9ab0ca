// The traces API: reading recorded traces, generating synthetic loads, reshaping either.
// readTrace (./readTrace.ts) is left out on purpose: it needs node:fs, and this index is also
// bundled for the browser. Node shells import it from its own file.
export type { TraceRequest } from "./traceRequest.ts";
export {
  parseTraceFormat,
  traceFormatOfPath,
  type TraceFileFormat,
  type TraceFormat,
} from "./traceFormat.ts";
export { createTraceLineReader, type TraceLineReader } from "./traceLineReader.ts";
export { parseTraceText } from "./parseTraceText.ts";
export {
  EPOCH_TIMESTAMP_THRESHOLD_MS,
  createMooncakeLineReader,
  parseMooncakeLine,
  type MooncakeRow,
} from "./mooncakeTrace.ts";
export { AZURE_LAYOUT, createAzureLineReader } from "./azureTrace.ts";
export {
  BURSTGPT_LAYOUT,
  createBurstGptLineReader,
  parseSecondsToMicros,
} from "./burstGptTrace.ts";
export { createCsvTraceLineReader, type CsvTraceLayout } from "./csvTraceRows.ts";
export { createCsvLineReader, csvTraceFormatOfHeader } from "./csvTrace.ts";
export {
  TICKS_PER_S,
  daysFromCivil,
  parseAzureTimestamp,
  ticksBetween,
  type AzureTimestamp,
} from "./azureTimestamp.ts";
export {
  DEFAULT_SINUSOIDAL_LOAD,
  sinusoidAt,
  sinusoidalLoad,
  type SinusoidalLoadOptions,
} from "./sinusoidalLoad.ts";
export { DEFAULT_REQUEST_SHAPES, type RequestShapeOptions } from "./requestShapes.ts";
export { DEFAULT_POISSON_LOAD, poissonLoad, type PoissonLoadOptions } from "./poissonLoad.ts";
export { stepLoad, type LoadStep, type StepLoadOptions } from "./stepLoad.ts";
export { DEFAULT_BURST_LOAD, burstLoad, type BurstLoadOptions } from "./burstLoad.ts";
export {
  DAY_S,
  DEFAULT_DIURNAL_LOAD,
  diurnalLoad,
  diurnalRateAt,
  type DiurnalLoadOptions,
} from "./diurnalLoad.ts";
export {
  STOP_READING,
  traceTransform,
  type TraceStream,
  type TraceTransform,
  type TransformStep,
} from "./traceTransform.ts";
export {
  limitDuration,
  MAX_TRACE_SPAN_S,
  offset,
  replicate,
  speedUp,
  withinAYear,
} from "./traceTransforms.ts";
