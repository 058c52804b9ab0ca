import { textLines } from "./textLines.ts";
import type { TraceFileFormat } from "./traceFormat.ts";
import { createTraceLineReader } from "./traceLineReader.ts";
import type { TraceRequest } from "./traceRequest.ts";

/**
 * The requests of a whole trace held as text (a file the workbench was given), produced one
 * at a time; `fileName` is how errors name it. `format` may be "csv" (Azure or BurstGPT, told
 * apart by the header), as for a .csv file. Runs anywhere: no Node modules.
 */
export function* parseTraceText(
  text: string,
  format: TraceFileFormat,
  fileName: string,
): Generator<TraceRequest> {
  const readLine = createTraceLineReader(format, fileName);
  for (const line of textLines(text)) {
    const request = readLine(line);
    if (request !== undefined) yield request;
  }
}
