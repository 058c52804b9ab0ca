import { createAzureLineReader } from "./azureTrace.ts";
import { createMooncakeLineReader } from "./mooncakeTrace.ts";
import { parseTraceFormat, type TraceFormat } from "./traceFormat.ts";
import type { TraceRequest } from "./traceRequest.ts";

/**
 * Reads a trace one physical line at a time, in file order: each call is the next line (which
 * is how it numbers lines in errors), and gives the request on it or undefined for a line
 * with none (blank, or the CSV header). It carries the state a row alone cannot: the first
 * timestamp that arrivals count from and the previous one that the next must not precede.
 */
export type TraceLineReader = (line: string) => TraceRequest | undefined;

/** A fresh line reader for `format`; `fileName` is how its errors name the file. */
export function createTraceLineReader(format: TraceFormat, fileName: string): TraceLineReader {
  // Checked again at run time: the format may come from an untyped scenario or command line.
  switch (parseTraceFormat(format)) {
    case "mooncake":
      return createMooncakeLineReader(fileName);
    case "azure":
      return createAzureLineReader(fileName);
  }
}
