/**
 * BurstGPT traces (CSV, Wang et al., 2024): a header naming `Timestamp` (seconds since 00:00 of
 * the trace's first day, possibly fractional), `Request tokens` and `Response tokens`, then one
 * request per row (the shared CSV rules are in csvTraceRows.ts). `Model`, `Total tokens`,
 * `Log Type` and BurstGPT_3's `Session ID` and `Elapsed time` are ignored. A response of 0
 * tokens is kept: BurstGPT logs failed requests that way.
 */
import { createCsvTraceLineReader, type CsvTraceLayout } from "./csvTraceRows.ts";
import type { TraceLineReader } from "./traceLineReader.ts";

const US_PER_S = 1_000_000;

// Seconds written in plain decimal; no sign, exponent or blanks inside.
const SECONDS_CELL = /^(\d+)(?:\.(\d+))?$/;

/**
 * `text` (seconds) in whole microseconds, the finest step kept: further decimals are rounded
 * away. Undefined unless it is a plain decimal ≥ 0 small enough (under about 285 years) for
 * the microseconds to be exact.
 */
export function parseSecondsToMicros(text: string): number | undefined {
  const match = SECONDS_CELL.exec(text);
  if (match === null) return undefined;
  // Whole seconds and the fraction are converted apart, so "0.3" is exactly 300,000 µs
  // rather than whatever 0.3 × 10^6 rounds to in binary.
  const fractionUs = match[2] === undefined ? 0 : Math.round(Number(`0.${match[2]}`) * US_PER_S);
  const timestampUs = Number(match[1]) * US_PER_S + fractionUs;
  return Number.isSafeInteger(timestampUs) ? timestampUs : undefined;
}

export const BURSTGPT_LAYOUT: CsvTraceLayout<number> = {
  columnNames: ["Timestamp", "Request tokens", "Response tokens"],
  timeExpected: "a number of seconds ≥ 0",
  parseTime: parseSecondsToMicros,
  ticksBetween: (earlierUs, laterUs) => laterUs - earlierUs,
  ticksPerS: US_PER_S,
};

/** A line reader for a BurstGPT trace; arrivals count from the first row in whole µs. */
export function createBurstGptLineReader(fileName: string): TraceLineReader {
  return createCsvTraceLineReader(fileName, BURSTGPT_LAYOUT);
}
