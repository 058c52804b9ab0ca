import type { MetricsAvailability } from "../../src/planner/index.ts";
import { InputError, jsonSyntaxReason } from "../../src/errors.ts";
import { textLines, withoutByteOrderMark } from "../traces/textLines.ts";
import { traceFieldError } from "../traces/traceFieldError.ts";
import type { LiveRecording, LiveRecordingPoint } from "./liveRecording.ts";
import {
  isJsonObject,
  numberField,
  numberOrNullField,
  objectField,
  objectOrNullField,
  withoutUndefined,
  type JsonObject,
} from "./recordingFields.ts";

const METRICS_AVAILABILITY: readonly MetricsAvailability[] = [
  "ok",
  "empty",
  "error",
  "unreachable",
];

/**
 * The recording in the JSON log of `slaplan live --log-format json`: one point per line with an
 * `interval` field (a LiveIntervalRecord), every other line skipped. Times count from the
 * planner's start, which is the first interval line's time less its `atS` (the line is written
 * when the interval ends, so the start is late by the interval's queries, milliseconds).
 */
export function liveLogRecording(text: string, fileName: string): LiveRecording {
  const points: LiveRecordingPoint[] = [];
  let startTime = Number.NaN;
  let lineNumber = 0;
  for (const rawLine of textLines(text)) {
    lineNumber += 1;
    const line = lineNumber === 1 ? withoutByteOrderMark(rawLine) : rawLine;
    if (line.trim() === "") continue;
    const where = `${fileName} line ${lineNumber}`;
    const entry = parseLine(line, where);
    if (!("interval" in entry)) continue;
    const timeS = timeField(entry.time, where);
    const point = intervalPoint(objectField(entry.interval, where, "interval"), where);
    const previous = points.at(-1);
    if (previous !== undefined && point.tS <= previous.tS) {
      const expected = `later than the line before (${previous.tS}): one run of the planner`;
      throw traceFieldError(where, "interval.atS", expected, point.tS);
    }
    if (previous === undefined) startTime = timeS - point.tS;
    points.push(point);
  }
  if (points.length === 0) {
    throw new InputError(
      `${fileName}: expected lines with an "interval" field (slaplan ` +
        `live --log-format json), got none in ${lineNumber} lines`,
    );
  }
  return { source: "live-log", startTime, points };
}

function parseLine(line: string, where: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputError(`${where}: not valid JSON (${jsonSyntaxReason(error)})`);
  }
  if (isJsonObject(value)) return value;
  throw traceFieldError(where, "the line", "a JSON object", value);
}

/** An ISO 8601 time, in seconds since the Unix epoch. */
function timeField(value: unknown, where: string): number {
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isFinite(ms)) return ms / 1000;
  throw traceFieldError(where, "time", "an ISO 8601 time", value);
}

/** One interval record as a point; figures the planner could not read are left out. */
function intervalPoint(record: JsonObject, where: string): LiveRecordingPoint {
  const tS = numberField(record.atS, where, "interval.atS", 0);
  const intervalS = numberField(record.adjustmentIntervalS, where, "interval.adjustmentIntervalS");
  if (intervalS <= 0) {
    throw traceFieldError(where, "interval.adjustmentIntervalS", "a number > 0", intervalS);
  }
  const observed = observedFigures(record.observed, where, intervalS);
  const predicted = objectOrNullField(record.predicted, where, "interval.predicted");
  const target = objectOrNullField(record.target, where, "interval.target");
  const count = (object: JsonObject, field: string, path: string) =>
    numberField(object[field], where, `interval.${path}.${field}`, 0);
  return withoutUndefined({
    tS,
    ...observed,
    prefillTarget: target === null ? undefined : count(target, "numPrefill", "target"),
    decodeTarget: target === null ? undefined : count(target, "numDecode", "target"),
    predictedRequestRate:
      predicted === null
        ? undefined
        : numberOrNullField(predicted.numReq, where, "interval.predicted.numReq") / intervalS,
  });
}

/** Worker counts, and the window's figures when the planner could read them. */
function observedFigures(value: unknown, where: string, intervalS: number) {
  const observed = objectOrNullField(value, where, "interval.observed");
  if (observed === null) return {};
  const path = (field: string) => `interval.observed.${field}`;
  const metrics = observed.metrics;
  if (!METRICS_AVAILABILITY.includes(metrics as MetricsAvailability)) {
    const expected = `one of ${METRICS_AVAILABILITY.join(", ")}`;
    throw traceFieldError(where, path("metrics"), expected, metrics);
  }
  const workers = {
    prefillWorkers: numberField(observed.numPrefillWorkers, where, path("numPrefillWorkers"), 0),
    decodeWorkers: numberField(observed.numDecodeWorkers, where, path("numDecodeWorkers"), 0),
  };
  // Unread metrics are absent figures, not a window without traffic.
  if (metrics !== "ok") return workers;
  const figure = (field: string) => numberOrNullField(observed[field], where, path(field));
  return {
    requestRate: figure("numReq") / intervalS,
    islTokens: figure("islTokens"),
    oslTokens: figure("oslTokens"),
    ttftS: figure("ttftS"),
    itlS: figure("itlS"),
    ...workers,
  };
}
