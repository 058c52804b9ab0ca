// The traces API: reading recorded traces, generating synthetic loads, reshaping either.
// readTrace (./readTrace.ts) is left out on purpose: it needs node:fs, and this index is also
// bundled for the browser. Node shells import it from its own file.
export type { TraceRequest } from "./traceRequest.ts";
export { parseTraceFormat, traceFormatOfPath, type TraceFormat } from "./traceFormat.ts";
export { createTraceLineReader, type TraceLineReader } from "./traceLineReader.ts";
export { parseTraceText } from "./parseTraceText.ts";
export {
  EPOCH_TIMESTAMP_THRESHOLD_MS,
  createMooncakeLineReader,
  parseMooncakeLine,
  type MooncakeRow,
} from "./mooncakeTrace.ts";
export {
  createAzureLineReader,
  parseAzureHeader,
  parseAzureRow,
  type AzureColumns,
  type AzureRow,
} from "./azureTrace.ts";
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
