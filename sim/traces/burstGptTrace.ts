/**
 * BurstGPT traces (CSV, Wang et al., 2024): a header naming `Timestamp` (seconds since 00:00 of
 * the trace's first day, possibly fractional), `Request tokens` and `Response tokens` (found by
 * name, in any order; `Model`, `Total tokens`, `Log Type` and BurstGPT_3's `Session ID` and
 * `Elapsed time` are ignored), then one request per row. As with Azure, cells are split at
 * every comma, so quoted cells are not supported. Blank lines are skipped, CRLF ends are fine.
 */
import { InputError, describeValue } from "../../src/errors.ts";
import { tokenCountFromCell } from "./tokenCount.ts";
import { traceFieldError, traceLineLocation } from "./traceFieldError.ts";
import type { TraceLineReader } from "./traceLineReader.ts";
import { withoutByteOrderMark } from "./textLines.ts";

/** Where the three columns sit in each row, and how many cells a row must have. */
export interface BurstGptColumns {
  readonly timestamp: number;
  readonly requestTokens: number;
  readonly responseTokens: number;
  readonly count: number;
}

/** One BurstGPT row as written: its timestamp in whole microseconds, also kept as text. */
export interface BurstGptRow {
  readonly timestampUs: number;
  readonly timestampText: string;
  readonly islTokens: number;
  readonly oslTokens: number;
}

/** The header names a BurstGPT file must have, as they are spelled there. */
export const BURSTGPT_COLUMN_NAMES = ["Timestamp", "Request tokens", "Response tokens"] as const;

const US_PER_S = 1_000_000;

// Seconds written in plain decimal; no sign, exponent or blanks inside.
const SECONDS_CELL = /^(\d+)(?:\.(\d+))?$/;

/** Finds the three columns in the header line `line`; `where` names the line in errors. */
export function parseBurstGptHeader(line: string, where: string): BurstGptColumns {
  const names = line.split(",").map((name) => name.trim());
  const [timestamp, requestTokens, responseTokens] = BURSTGPT_COLUMN_NAMES.map((name) =>
    names.indexOf(name),
  );
  if (timestamp >= 0 && requestTokens >= 0 && responseTokens >= 0) {
    return { timestamp, requestTokens, responseTokens, count: names.length };
  }
  const expected = "a list naming Timestamp, Request tokens and Response tokens";
  throw traceFieldError(where, "the header", expected, line.trim());
}

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

/** Parses one data row of a BurstGPT trace; undefined for a blank line. */
export function parseBurstGptRow(
  line: string,
  columns: BurstGptColumns,
  where: string,
): BurstGptRow | undefined {
  if (line.trim() === "") return undefined;
  const cells = line.split(",");
  if (cells.length !== columns.count) {
    throw new InputError(
      `${where}: the row must have ${columns.count} comma-separated fields, as the header ` +
        `has, got ${cells.length} in ${describeValue(line.trim())}`,
    );
  }
  const timestampText = cells[columns.timestamp].trim();
  const timestampUs = parseSecondsToMicros(timestampText);
  if (timestampUs === undefined) {
    throw traceFieldError(where, "Timestamp", "a number of seconds ≥ 0", timestampText);
  }
  return {
    timestampUs,
    timestampText,
    islTokens: tokenCountFromCell(cells[columns.requestTokens], "Request tokens", 1, where),
    oslTokens: tokenCountFromCell(cells[columns.responseTokens], "Response tokens", 0, where),
  };
}

/**
 * A line reader for a BurstGPT trace: the first non-blank line is the header; arrivals are the
 * time since the first row's timestamp, taken in whole microseconds and divided once, so each
 * is the double nearest the exact difference. A response of 0 tokens is kept (BurstGPT logs
 * failed requests that way); a request of 0 tokens is not, as nothing could have been served.
 *
 * A row earlier than the one before it is rejected rather than sorted, as in the other
 * readers: sorting would hold the whole trace in memory, and disorder suggests a damaged file.
 */
export function createBurstGptLineReader(fileName: string): TraceLineReader {
  let lineNumber = 0;
  let columns: BurstGptColumns | undefined;
  let firstUs: number | undefined;
  let previous: BurstGptRow | undefined;
  return (line) => {
    lineNumber += 1;
    const where = traceLineLocation(fileName, lineNumber);
    const text = lineNumber === 1 ? withoutByteOrderMark(line) : line;
    if (columns === undefined) {
      if (text.trim() !== "") columns = parseBurstGptHeader(text, where);
      return undefined;
    }
    const row = parseBurstGptRow(text, columns, where);
    if (row === undefined) return undefined;
    firstUs ??= row.timestampUs;
    if (previous !== undefined && row.timestampUs < previous.timestampUs) {
      const expected = `≥ ${previous.timestampText}, the previous row's (rows must be in time order)`;
      throw traceFieldError(where, "Timestamp", expected, row.timestampText);
    }
    previous = row;
    const arrivalS = (row.timestampUs - firstUs) / US_PER_S;
    return { arrivalS, islTokens: row.islTokens, oslTokens: row.oslTokens };
  };
}
