/**
 * Azure LLM inference traces (2023, CSV): a header naming `TIMESTAMP`, `ContextTokens` and
 * `GeneratedTokens` (found by name, in any order, other columns ignored), then one request
 * per row. Cells are split at every comma: the published files quote nothing, so quoted
 * cells are not supported. Blank lines are skipped and CRLF line ends are fine.
 */
import { InputError, describeValue } from "../../src/errors.ts";
import {
  TICKS_PER_S,
  parseAzureTimestamp,
  ticksBetween,
  type AzureTimestamp,
} from "./azureTimestamp.ts";
import { tokenCountFromCell } from "./tokenCount.ts";
import { traceFieldError, traceLineLocation } from "./traceFieldError.ts";
import type { TraceLineReader } from "./traceLineReader.ts";
import { withoutByteOrderMark } from "./textLines.ts";

/** Where the three columns sit in each row, and how many cells a row must have. */
export interface AzureColumns {
  readonly timestamp: number;
  readonly contextTokens: number;
  readonly generatedTokens: number;
  readonly count: number;
}

/** One Azure row as written: its wall-clock timestamp, also kept as text for messages. */
export interface AzureRow {
  readonly timestamp: AzureTimestamp;
  readonly timestampText: string;
  readonly islTokens: number;
  readonly oslTokens: number;
}

const REQUIRED_COLUMNS = "TIMESTAMP, ContextTokens and GeneratedTokens";

/** Finds the three columns in the header line `line`; `where` names the line in errors. */
export function parseAzureHeader(line: string, where: string): AzureColumns {
  const names = line.split(",").map((name) => name.trim());
  const columns = {
    timestamp: names.indexOf("TIMESTAMP"),
    contextTokens: names.indexOf("ContextTokens"),
    generatedTokens: names.indexOf("GeneratedTokens"),
    count: names.length,
  };
  if (columns.timestamp >= 0 && columns.contextTokens >= 0 && columns.generatedTokens >= 0) {
    return columns;
  }
  throw traceFieldError(where, "the header", `a list naming ${REQUIRED_COLUMNS}`, line.trim());
}

/** Parses one data row of an Azure trace; undefined for a blank line. */
export function parseAzureRow(
  line: string,
  columns: AzureColumns,
  where: string,
): AzureRow | undefined {
  if (line.trim() === "") return undefined;
  const cells = line.split(",");
  if (cells.length !== columns.count) {
    throw new InputError(
      `${where}: the row must have ${columns.count} comma-separated fields, as the header ` +
        `has, got ${cells.length} in ${describeValue(line.trim())}`,
    );
  }
  const timestampText = cells[columns.timestamp].trim();
  const timestamp = parseAzureTimestamp(timestampText);
  if (timestamp === undefined) {
    const expected = 'a UTC time written "YYYY-MM-DD HH:MM:SS.fffffff"';
    throw traceFieldError(where, "TIMESTAMP", expected, timestampText);
  }
  return {
    timestamp,
    timestampText,
    islTokens: tokenCountFromCell(cells[columns.contextTokens], "ContextTokens", 1, where),
    oslTokens: tokenCountFromCell(cells[columns.generatedTokens], "GeneratedTokens", 0, where),
  };
}

/**
 * A line reader for an Azure trace: the first non-blank line is the header; arrivals are the
 * time since the first row's timestamp, computed in whole 100 ns ticks and divided once, so
 * each arrival is the double nearest the exact difference.
 *
 * A row earlier than the one before it is rejected rather than sorted: a streaming reader could
 * only sort by holding the whole trace in memory, and the published Azure traces are in time
 * order anyway, so disorder more likely means a damaged or hand-edited file.
 */
export function createAzureLineReader(fileName: string): TraceLineReader {
  let lineNumber = 0;
  let columns: AzureColumns | undefined;
  let first: AzureRow | undefined;
  let previous: { ticks: number; text: string } | undefined;
  return (line) => {
    lineNumber += 1;
    const where = traceLineLocation(fileName, lineNumber);
    const text = lineNumber === 1 ? withoutByteOrderMark(line) : line;
    if (columns === undefined) {
      if (text.trim() !== "") columns = parseAzureHeader(text, where);
      return undefined;
    }
    const row = parseAzureRow(text, columns, where);
    if (row === undefined) return undefined;
    first ??= row;
    const ticks = ticksBetween(first.timestamp, row.timestamp);
    if (previous !== undefined && ticks < previous.ticks) {
      const expected =
        `at or after the previous row's "${previous.text}" ` + "(rows must be in time order)";
      throw traceFieldError(where, "TIMESTAMP", expected, row.timestampText);
    }
    previous = { ticks, text: row.timestampText };
    return { arrivalS: ticks / TICKS_PER_S, islTokens: row.islTokens, oslTokens: row.oslTokens };
  };
}
