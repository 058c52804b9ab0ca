import { createAzureLineReader } from "./azureTrace.ts";
import { createBurstGptLineReader } from "./burstGptTrace.ts";
import { createCsvLineReader } from "./csvTrace.ts";
import { createMooncakeLineReader } from "./mooncakeTrace.ts";
import { parseTraceFormat, type TraceFileFormat } from "./traceFormat.ts";
import type { TraceRequest } from "./traceRequest.ts";

/**
 * Reads a trace one physical line at a time, in file order: each call is the next line (which
 * is how it numbers lines in errors), and gives the request on it or undefined for a line
 * with none (blank, or the CSV header). It carries the state a row alone cannot: the first
 * timestamp that arrivals count from and the previous one that the next must not precede.
 */
export type TraceLineReader = (line: string) => TraceRequest | undefined;

/**
 * A fresh line reader for `format` ("csv": Azure or BurstGPT, as the header says);
 * `fileName` is how its errors name the file.
 */
export function createTraceLineReader(format: TraceFileFormat, fileName: string): TraceLineReader {
  if (format === "csv") return createCsvLineReader(fileName);
  // Checked again at run time: the format may come from an untyped scenario or command line.
  switch (parseTraceFormat(format)) {
    case "mooncake":
      return createMooncakeLineReader(fileName);
    case "azure":
      return createAzureLineReader(fileName);
    case "burstgpt":
      return createBurstGptLineReader(fileName);
  }
}
