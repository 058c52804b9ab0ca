/**
 * What a live cluster recorded over a period, in one shape whatever it was read from, for the
 * workbench to lay over a simulated run of the same period. Pure: no DOM, no Node modules.
 */
import { describeValue, InputError, jsonSyntaxReason } from "../../src/errors.ts";
import { withoutByteOrderMark } from "../traces/textLines.ts";
import { liveLogRecording } from "./liveLogRecording.ts";
import { prometheusRangeRecording } from "./prometheusRangeRecording.ts";

/**
 * A recording of a live deployment: per time step, the frontend's load and latency and the
 * planner's worker counts, targets and prediction. A figure the recording does not hold is
 * undefined; a latency or length whose window had no traffic (nothing finished) is NaN.
 */
export interface LiveRecording {
  /** `live-log`: the JSON log of `slaplan live`; `prometheus`: a query_range export. */
  readonly source: "live-log" | "prometheus";
  /**
   * The recording's start, in seconds since the Unix epoch: the planner's start for a live
   * log, the first sample for a Prometheus export.
   */
  readonly startTime: number;
  /** One point per time step, in time order. */
  readonly points: readonly LiveRecordingPoint[];
}

/**
 * One time step. Load and latency figures cover the window that ends at `tS`: the adjustment
 * interval for a live log, the step since the sample before for a Prometheus export.
 */
export interface LiveRecordingPoint {
  /** Seconds since the recording's start. */
  readonly tS: number;
  /** Requests the frontend ended in the window, per second (0 without traffic). */
  readonly requestRate?: number;
  /** Mean input sequence length, in tokens. */
  readonly islTokens?: number;
  /** Mean output sequence length, in tokens. */
  readonly oslTokens?: number;
  /** Mean time to first token, in seconds. */
  readonly ttftS?: number;
  /** Mean inter-token latency, in seconds. */
  readonly itlS?: number;
  /** Prefill workers serving. */
  readonly prefillWorkers?: number;
  /** Decode workers serving. */
  readonly decodeWorkers?: number;
  /** Prefill replicas the planner asked for. */
  readonly prefillTarget?: number;
  /** Decode replicas the planner asked for. */
  readonly decodeTarget?: number;
  /** Requests per second the planner predicted for its next interval. */
  readonly predictedRequestRate?: number;
  /** GPU-hours of the workers since the planner started (Prometheus exports only). */
  readonly gpuHours?: number;
}

const EXPECTED =
  "the JSON log of slaplan live --log-format json, or a Prometheus /api/v1/query_range reply " +
  "(or a JSON array of them)";

/**
 * Reads `text`, the content of `fileName`, as either kind of recording, told apart by content:
 * a whole-file JSON array, or an object with Prometheus's `status` or `data`, is a range-query
 * export; anything else starting with `{` is read as a JSON log, one object a line. Throws an
 * InputError naming the file and the line or JSON path at the first fault, never returning
 * part of a recording.
 */
export function parseLiveRecording(text: string, fileName: string): LiveRecording {
  const content = withoutByteOrderMark(text).trim();
  if (content === "") throw new InputError(`${fileName}: expected ${EXPECTED}, got an empty file`);
  if (content.startsWith("[")) {
    return prometheusRangeRecording(parseWholeJson(content, fileName), fileName);
  }
  if (!content.startsWith("{")) {
    const start = content.slice(0, 40);
    throw new InputError(`${fileName}: expected ${EXPECTED}, got ${describeValue(start)}`);
  }
  // A log of one line parses whole too; only Prometheus's replies carry status or data.
  const whole = parseJsonOrUndefined(content);
  if (isPrometheusReply(whole)) return prometheusRangeRecording(whole, fileName);
  return liveLogRecording(text, fileName);
}

function isPrometheusReply(value: unknown): boolean {
  return typeof value === "object" && value !== null && ("status" in value || "data" in value);
}

function parseWholeJson(content: string, fileName: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new InputError(`${fileName}: not valid JSON (${jsonSyntaxReason(error, content)})`);
  }
}

function parseJsonOrUndefined(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}
