/**
 * What the two CSV trace formats (Azure, BurstGPT) share: a header that names the arrival-time,
 * input-token and output-token columns (found by name, in any order, other columns ignored),
 * then one request per row. Cells are split at every comma: the published files quote nothing,
 * so quoted cells are not supported. Blank lines are skipped and CRLF line ends are fine.
 * The formats differ only in their column names and how a timestamp is written.
 */
import { InputError, describeValue } from "../../src/errors.ts";
import { tokenCountFromCell } from "./tokenCount.ts";
import { traceFieldError, traceLineLocation } from "./traceFieldError.ts";
import type { TraceLineReader } from "./traceLineReader.ts";
import { withoutByteOrderMark } from "./textLines.ts";

/** One CSV trace format; `Time` is a timestamp as its parser returns it. */
export interface CsvTraceLayout<Time> {
  /** The header names of the arrival time, ISL and OSL columns, as the files spell them. */
  readonly columnNames: readonly [time: string, inputTokens: string, outputTokens: string];
  /** What a timestamp cell must hold, for messages: "a number of seconds ≥ 0". */
  readonly timeExpected: string;
  /** The time a cell holds, or undefined when it is not one. */
  parseTime(text: string): Time | undefined;
  /** Whole ticks from `earlier` to `later` (negative when `later` comes first). */
  ticksBetween(earlier: Time, later: Time): number;
  readonly ticksPerS: number;
}

/**
 * A line reader for a CSV trace in `layout`: the first non-blank line is the header; arrivals
 * are the time since the first row's timestamp, counted in whole ticks and divided once, so
 * each arrival is the double nearest the exact difference. A request of 0 tokens is rejected
 * (nothing could have been served); a response of 0 tokens is kept (BurstGPT logs failed
 * requests that way).
 *
 * A row earlier than the one before it is rejected rather than sorted: a streaming reader could
 * only sort by holding the whole trace in memory, and the published traces are in time order
 * anyway, so disorder more likely means a damaged or hand-edited file.
 */
export function createCsvTraceLineReader<Time>(
  fileName: string,
  layout: CsvTraceLayout<Time>,
): TraceLineReader {
  const [timeName, inputName, outputName] = layout.columnNames;
  let lineNumber = 0;
  let columns: CsvColumns | undefined;
  let first: Time | undefined;
  let previous: { ticks: number; text: string } | undefined;
  return (line) => {
    lineNumber += 1;
    const where = traceLineLocation(fileName, lineNumber);
    const text = lineNumber === 1 ? withoutByteOrderMark(line) : line;
    if (columns === undefined) {
      if (text.trim() !== "") columns = findColumns(text, layout.columnNames, where);
      return undefined;
    }
    if (text.trim() === "") return undefined;

    const cells = splitRow(text, columns.count, where);
    const timeText = cells[columns.time].trim();
    const time = layout.parseTime(timeText);
    if (time === undefined) throw traceFieldError(where, timeName, layout.timeExpected, timeText);
    first ??= time;
    const ticks = layout.ticksBetween(first, time);
    if (previous !== undefined && ticks < previous.ticks) {
      const expected = `≥ ${previous.text}, the previous row's (rows must be in time order)`;
      throw traceFieldError(where, timeName, expected, timeText);
    }
    previous = { ticks, text: timeText };
    return {
      arrivalS: ticks / layout.ticksPerS,
      islTokens: tokenCountFromCell(cells[columns.inputTokens], inputName, 1, where),
      oslTokens: tokenCountFromCell(cells[columns.outputTokens], outputName, 0, where),
    };
  };
}

/** Where the three columns sit in each row, and how many cells a row must have. */
interface CsvColumns {
  readonly time: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly count: number;
}

function findColumns(
  header: string,
  columnNames: CsvTraceLayout<unknown>["columnNames"],
  where: string,
): CsvColumns {
  const names = header.split(",").map((name) => name.trim());
  const [time, inputTokens, outputTokens] = columnNames.map((name) => names.indexOf(name));
  if (time >= 0 && inputTokens >= 0 && outputTokens >= 0) {
    return { time, inputTokens, outputTokens, count: names.length };
  }
  const expected = `a list naming ${columnNames[0]}, ${columnNames[1]} and ${columnNames[2]}`;
  throw traceFieldError(where, "the header", expected, header.trim());
}

function splitRow(line: string, count: number, where: string): string[] {
  const cells = line.split(",");
  if (cells.length !== count) {
    throw new InputError(
      `${where}: the row must have ${count} comma-separated fields, as the header ` +
        `has, got ${cells.length} in ${describeValue(line.trim())}`,
    );
  }
  return cells;
}
