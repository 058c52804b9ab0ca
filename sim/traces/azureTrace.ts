/**
 * Azure LLM inference traces (2023, CSV): a header naming `TIMESTAMP`, `ContextTokens` and
 * `GeneratedTokens`, then one request per row (the shared CSV rules are in csvTraceRows.ts).
 * Timestamps are UTC wall-clock times with 100 ns resolution, read exactly by azureTimestamp.ts.
 */
import {
  TICKS_PER_S,
  parseAzureTimestamp,
  ticksBetween,
  type AzureTimestamp,
} from "./azureTimestamp.ts";
import { createCsvTraceLineReader, type CsvTraceLayout } from "./csvTraceRows.ts";
import type { TraceLineReader } from "./traceLineReader.ts";

export const AZURE_LAYOUT: CsvTraceLayout<AzureTimestamp> = {
  columnNames: ["TIMESTAMP", "ContextTokens", "GeneratedTokens"],
  timeExpected: 'a UTC time written "YYYY-MM-DD HH:MM:SS.fffffff"',
  parseTime: parseAzureTimestamp,
  ticksBetween,
  ticksPerS: TICKS_PER_S,
};

/** A line reader for an Azure trace; arrivals count from the first row in whole 100 ns ticks. */
export function createAzureLineReader(fileName: string): TraceLineReader {
  return createCsvTraceLineReader(fileName, AZURE_LAYOUT);
}
