/**
 * Mooncake traces (JSONL): one JSON object per line with `timestamp` (ms from trace start),
 * `input_length` and `output_length` (tokens) and optionally `hash_ids` (prefix-block ids).
 * Blank lines are skipped and fields other than these four are ignored.
 */
import { tokenCountFromJson } from "./tokenCount.ts";
import { traceFieldError, traceLineLocation } from "./traceFieldError.ts";
import type { TraceLineReader } from "./traceLineReader.ts";
import type { TraceRequest } from "./traceRequest.ts";
import { withoutByteOrderMark } from "./textLines.ts";

/** One Mooncake row as written: the timestamp not yet rebased, in milliseconds. */
export interface MooncakeRow {
  readonly timestampMs: number;
  readonly islTokens: number;
  readonly oslTokens: number;
  readonly hashIds?: readonly number[];
}

/**
 * A first timestamp above this many milliseconds (1e11 ms ≈ 3.2 years, i.e. March 1973 as
 * an epoch time) is taken to be Unix-epoch time: no trace lasts years, so a relative trace
 * never starts this late, and every real epoch time is far past it.
 */
export const EPOCH_TIMESTAMP_THRESHOLD_MS = 1e11;

/** Parses one line of a Mooncake trace; undefined for a blank line. `where` names the line. */
export function parseMooncakeLine(line: string, where: string): MooncakeRow | undefined {
  if (line.trim() === "") return undefined;
  const record = parseJsonObject(line, where);
  const timestampMs = record.timestamp;
  if (typeof timestampMs !== "number" || !Number.isFinite(timestampMs) || timestampMs < 0) {
    throw traceFieldError(where, "timestamp", "a number of milliseconds ≥ 0", timestampMs);
  }
  const islTokens = tokenCountFromJson(record.input_length, "input_length", 1, where);
  const oslTokens = tokenCountFromJson(record.output_length, "output_length", 0, where);
  if (record.hash_ids === undefined) return { timestampMs, islTokens, oslTokens };
  const hashIds = parseHashIds(record.hash_ids, where);
  // One id per block of MOONCAKE_BLOCK_TOKENS prompt tokens, the last block possibly partial.
  const blocks = Math.ceil(islTokens / MOONCAKE_BLOCK_TOKENS);
  if (hashIds.length !== blocks) {
    throw traceFieldError(
      where,
      "hash_ids",
      `${blocks} id${blocks === 1 ? "" : "s"}, one per ${MOONCAKE_BLOCK_TOKENS}-token block of the ${islTokens} input tokens`,
      hashIds.length,
    );
  }
  return { timestampMs, islTokens, oslTokens, hashIds };
}

/** Tokens per prefix block in Mooncake traces: each hash id names one block of the prompt. */
export const MOONCAKE_BLOCK_TOKENS = 512;

/**
 * A line reader for a Mooncake trace. Arrivals count from 0 ms, unless the first timestamp is
 * an epoch time (see EPOCH_TIMESTAMP_THRESHOLD_MS): then they count from the first row.
 *
 * A row earlier than the one before it is rejected rather than sorted: a streaming reader could
 * only sort by holding the whole trace in memory, and the published Mooncake traces are in
 * time order anyway, so disorder more likely means a damaged or hand-edited file.
 */
export function createMooncakeLineReader(fileName: string): TraceLineReader {
  let lineNumber = 0;
  let originMs: number | undefined;
  let previousMs = 0;
  return (line) => {
    lineNumber += 1;
    const where = traceLineLocation(fileName, lineNumber);
    const row = parseMooncakeLine(lineNumber === 1 ? withoutByteOrderMark(line) : line, where);
    if (row === undefined) return undefined;
    if (originMs === undefined) {
      originMs = row.timestampMs > EPOCH_TIMESTAMP_THRESHOLD_MS ? row.timestampMs : 0;
    } else if (row.timestampMs < previousMs) {
      const expected = `≥ ${previousMs}, the previous row's (rows must be in time order)`;
      throw traceFieldError(where, "timestamp", expected, row.timestampMs);
    }
    previousMs = row.timestampMs;
    return toTraceRequest(row, originMs);
  };
}

function toTraceRequest(row: MooncakeRow, originMs: number): TraceRequest {
  const arrivalS = (row.timestampMs - originMs) / 1000;
  const { islTokens, oslTokens, hashIds } = row;
  return hashIds === undefined
    ? { arrivalS, islTokens, oslTokens }
    : { arrivalS, islTokens, oslTokens, hashIds };
}

function parseJsonObject(line: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw traceFieldError(where, "the row", "one JSON object", line.trim());
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw traceFieldError(where, "the row", "one JSON object", value);
}

function parseHashIds(value: unknown, where: string): readonly number[] {
  if (!Array.isArray(value)) {
    throw traceFieldError(where, "hash_ids", "an array of whole numbers ≥ 0", value);
  }
  value.forEach((id: unknown, index) => {
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
      throw traceFieldError(where, `hash_ids[${index}]`, "a whole number ≥ 0", id);
    }
  });
  return value as number[];
}
