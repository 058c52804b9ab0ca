// Recordings of a live cluster, as the workbench reads them: the live scaler's JSON log and
// Prometheus range-query exports. Hand-computed cases first, then every fault the reader names,
// then real input: fixtures captured from real runs and a real Prometheus queried here.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { parseLiveRecording, type LiveRecording } from "../../sim/report/liveRecording.ts";
import { startPrometheus, waitForScrapes } from "../../sim/live/localPrometheus.ts";
import { frontendFamily, serveMetricsText } from "../support/fakeFrontend.ts";
import { thrownBy } from "../support/thrownBy.ts";

type Labels = Record<string, string>;

/** A /api/v1/query_range reply holding `series`, each [labels, [[time, value], ...]]. */
function rangeReply(...series: [Labels, [number, string][]][]) {
  const result = series.map(([metric, values]) => ({ metric, values }));
  return { status: "success", data: { resultType: "matrix", result } };
}

/** Samples at 1000, 1015, 1030, ... (15 s steps) of the values given. */
function every15s(...values: number[]): [number, string][] {
  return values.map((value, i) => [1000 + 15 * i, String(value)]);
}

const ttftSum = { __name__: "dynamo_frontend_time_to_first_token_seconds_sum", model: "m" };
const ttftCount = { __name__: "dynamo_frontend_time_to_first_token_seconds_count", model: "m" };

/** A `slaplan live --log-format json` interval line, with `interval` fields overridden. */
function intervalLine(interval: Record<string, unknown> = {}, time = "2025-01-01T00:01:00.000Z") {
  const record = {
    index: 0,
    atS: 60,
    adjustmentIntervalS: 60,
    outcome: "scaled",
    plannerOutcome: "scaled",
    reason: null,
    observed: {
      numReq: 600,
      islTokens: 1000,
      oslTokens: 200,
      ttftS: 0.25,
      itlS: 0.01,
      requestDurationS: 2,
      numPrefillWorkers: 1,
      numDecodeWorkers: 2,
      numPrefillStarting: 0,
      numDecodeStarting: 0,
      metrics: "ok",
    },
    correction: { prefill: 1, decode: 1 },
    predicted: { numReq: 900, islTokens: 1000, oslTokens: 200 },
    target: { numPrefill: 3, numDecode: 4 },
    written: { prefill: 3, decode: 4 },
    ...interval,
  };
  const message = `interval ${record.index}: ${record.outcome}`;
  return JSON.stringify({ time, level: "info", message, interval: record });
}

const startedLine = JSON.stringify({
  time: "2025-01-01T00:00:00.010Z",
  level: "info",
  message: "Planner started: improved mode",
});

function parsed(value: unknown, fileName = "export.json"): LiveRecording {
  return parseLiveRecording(JSON.stringify(value), fileName);
}

/** The message of the InputError parsing `text` throws (anything else fails the test). */
function inputErrorOf(text: string, fileName: string): string {
  const error = thrownBy(() => parseLiveRecording(text, fileName));
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe("parseLiveRecording on a Prometheus range-query export", () => {
  it("turns a counter going 0, 10, 25, then reset to 3, at 15 s steps into rates", () => {
    const requests = { __name__: "dynamo_frontend_requests_total", model: "m" };
    const recording = parsed(rangeReply([requests, every15s(0, 10, 25, 3)]));
    expect(recording.source).toBe("prometheus");
    expect(recording.startTime).toBe(1000);
    // Increases 10, 15 and 3 (a reset counts from zero) over 15 s each.
    expect(recording.points).toEqual([
      { tS: 0 },
      { tS: 15, requestRate: 10 / 15 },
      { tS: 30, requestRate: 1 },
      { tS: 45, requestRate: 0.2 },
    ]);
  });

  it("makes each mean the step's increase of _sum over that of _count, NaN without traffic", () => {
    // Sum 0, 2, 2, 0.5 (reset), count 0, 10, 10, 3 (reset).
    const recording = parsed(
      rangeReply([ttftSum, every15s(0, 2, 2, 0.5)], [ttftCount, every15s(0, 10, 10, 3)]),
    );
    expect(recording.points.map((p) => p.ttftS)).toEqual([undefined, 0.2, Number.NaN, 0.5 / 3]);
  });

  it("sums the request rate over every series and every reply of an array", () => {
    const name = "dynamo_frontend_requests_total";
    const recording = parsed([
      rangeReply([{ __name__: name, model: "a" }, every15s(0, 30)]),
      rangeReply([{ __name__: name, model: "b" }, every15s(100, 115)]),
    ]);
    expect(recording.points).toEqual([{ tS: 0 }, { tS: 15, requestRate: 3 }]);
  });

  it("reads the older nv_llm_http_service_ names as the frontend's", () => {
    const isl = (suffix: string) => ({
      __name__: `nv_llm_http_service_input_sequence_tokens_${suffix}`,
    });
    const recording = parsed(
      rangeReply([isl("sum"), every15s(0, 30_000)], [isl("count"), every15s(0, 10)]),
    );
    expect(recording.points[1]).toEqual({ tS: 15, islTokens: 3000 });
  });

  it("reads the planner's gauges; the predicted count per interval becomes a rate", () => {
    const recording = parsed(
      rangeReply(
        [{ __name__: "slaplan_workers", role: "prefill" }, every15s(1, 2)],
        [{ __name__: "slaplan_workers", role: "decode" }, every15s(1, 1)],
        [{ __name__: "slaplan_replica_target", role: "prefill" }, every15s(2, 3)],
        [{ __name__: "slaplan_replica_target", role: "decode" }, every15s(1, 2)],
        [{ __name__: "slaplan_predicted", figure: "num_req" }, every15s(300, 600)],
        [{ __name__: "slaplan_predicted", figure: "isl" }, every15s(3000, 3000)],
        [{ __name__: "slaplan_adjustment_interval_seconds" }, every15s(60, 60)],
        [{ __name__: "slaplan_gpu_hours" }, every15s(0.5, 0.55)],
        [{ __name__: "up", job: "frontend" }, every15s(1, 1)],
      ),
    );
    expect(recording.points).toEqual([
      {
        tS: 0,
        prefillWorkers: 1,
        decodeWorkers: 1,
        prefillTarget: 2,
        decodeTarget: 1,
        predictedRequestRate: 5,
        gpuHours: 0.5,
      },
      {
        tS: 15,
        prefillWorkers: 2,
        decodeWorkers: 1,
        prefillTarget: 3,
        decodeTarget: 2,
        predictedRequestRate: 10,
        gpuHours: 0.55,
      },
    ]);
  });

  it("puts every sample time found on the time line, figures absent where a series has none", () => {
    const recording = parsed([
      rangeReply([
        { __name__: "slaplan_workers", role: "prefill" },
        [
          [1000, "1"],
          [1010, "2"],
        ],
      ]),
      rangeReply([
        { __name__: "dynamo_frontend_requests_total" },
        [
          [1005, "0"],
          [1010, "20"],
        ],
      ]),
    ]);
    expect(recording.points).toEqual([
      { tS: 0, prefillWorkers: 1 },
      { tS: 5 },
      { tS: 10, prefillWorkers: 2, requestRate: 4 },
    ]);
  });

  it("reads a reply written over many lines, as a browser saves it", () => {
    const reply = rangeReply([{ __name__: "slaplan_workers", role: "decode" }, every15s(4)]);
    const recording = parseLiveRecording(JSON.stringify(reply, null, 2), "saved.json");
    expect(recording.points).toEqual([{ tS: 0, decodeWorkers: 4 }]);
  });
});

describe("parseLiveRecording on the live scaler's JSON log", () => {
  it("makes one point per interval line, counting from the planner's start", () => {
    const text = [startedLine, intervalLine(), ""].join("\n");
    const recording = parseLiveRecording(text, "planner.jsonl");
    expect(recording.source).toBe("live-log");
    // Written at 00:01:00 for an interval begun 60 s after the start.
    expect(recording.startTime).toBe(Date.UTC(2025, 0, 1) / 1000);
    expect(recording.points).toEqual([
      {
        tS: 60,
        requestRate: 10,
        islTokens: 1000,
        oslTokens: 200,
        ttftS: 0.25,
        itlS: 0.01,
        prefillWorkers: 1,
        decodeWorkers: 2,
        prefillTarget: 3,
        decodeTarget: 4,
        predictedRequestRate: 15,
      },
    ]);
  });

  it("reads null as a window without traffic, and unread metrics as absent figures", () => {
    const quiet = {
      numReq: 0,
      islTokens: null,
      oslTokens: null,
      ttftS: null,
      itlS: null,
      requestDurationS: null,
      numPrefillWorkers: 1,
      numDecodeWorkers: 1,
      metrics: "ok",
    };
    const unread = { ...quiet, numReq: null, metrics: "unreachable" };
    const text = [
      intervalLine({ atS: 10, adjustmentIntervalS: 10, observed: quiet, predicted: null }),
      intervalLine({ atS: 20, adjustmentIntervalS: 10, observed: unread, target: null }),
      intervalLine({ atS: 30, adjustmentIntervalS: 10, observed: null, target: null }),
    ].join("\r\n");
    const recording = parseLiveRecording(text, "planner.jsonl");
    const nan = Number.NaN;
    expect(recording.points).toEqual([
      {
        tS: 10,
        requestRate: 0,
        islTokens: nan,
        oslTokens: nan,
        ttftS: nan,
        itlS: nan,
        prefillWorkers: 1,
        decodeWorkers: 1,
        prefillTarget: 3,
        decodeTarget: 4,
      },
      { tS: 20, prefillWorkers: 1, decodeWorkers: 1, predictedRequestRate: 90 },
      { tS: 30, predictedRequestRate: 90 },
    ]);
  });

  it("reads a log of a single interval line", () => {
    expect(parseLiveRecording(intervalLine(), "one.jsonl").points).toHaveLength(1);
  });
});

describe("parseLiveRecording names the file, the place, what was expected and what was found", () => {
  const log = (...lines: string[]) => lines.join("\n");
  const series = (values: unknown) => ({
    status: "success",
    data: { resultType: "matrix", result: [{ metric: { __name__: "slaplan_gpu_hours" }, values }] },
  });
  it.each([
    [
      "",
      "run.jsonl: expected the JSON log of slaplan live --log-format json, or a Prometheus " +
        "/api/v1/query_range reply (or a JSON array of them), got an empty file",
    ],
    [
      "time,rate\n0,1",
      "run.jsonl: expected the JSON log of slaplan live --log-format json, or a Prometheus " +
        '/api/v1/query_range reply (or a JSON array of them), got "time,rate\\n0,1"',
    ],
    [log(startedLine, intervalLine(), "{oops"), "run.jsonl line 3: not valid JSON ("],
    [log(startedLine, "42"), "run.jsonl line 2: the line must be a JSON object, got 42"],
    [
      log(startedLine),
      'run.jsonl: expected lines with an "interval" field (slaplan live --log-format json), got ' +
        "none in 1 lines",
    ],
    [
      log(
        startedLine,
        intervalLine().replace('"time":"2025-01-01T00:01:00.000Z"', '"time":"noon"'),
      ),
      'run.jsonl line 2: time must be an ISO 8601 time, got "noon"',
    ],
    [
      log(JSON.stringify({ time: "2025-01-01T00:00:00Z", interval: 7 })),
      "run.jsonl line 1: interval must be an object, got 7",
    ],
    [
      log(intervalLine({ atS: undefined })),
      "run.jsonl line 1: interval.atS must be a number ≥ 0, got nothing",
    ],
    [
      log(intervalLine({ adjustmentIntervalS: 0 })),
      "run.jsonl line 1: interval.adjustmentIntervalS must be a number > 0, got 0",
    ],
    [
      log(intervalLine({ atS: 60 }), intervalLine({ atS: 5 })),
      "run.jsonl line 2: interval.atS must be later than the line before (60): one run of the planner, got 5",
    ],
    [
      log(intervalLine({ observed: "none" })),
      'run.jsonl line 1: interval.observed must be an object or null, got "none"',
    ],
    [
      log(
        intervalLine({
          observed: { metrics: "ok", numPrefillWorkers: 1, numDecodeWorkers: 1, ttftS: "0.2" },
        }),
      ),
      "run.jsonl line 1: interval.observed.numReq must be a number or null, got nothing",
    ],
    [
      log(intervalLine({ observed: { metrics: "fine" } })),
      'run.jsonl line 1: interval.observed.metrics must be one of ok, empty, error, unreachable, got "fine"',
    ],
    [
      log(intervalLine({ observed: { metrics: "ok", numPrefillWorkers: -1 } })),
      "run.jsonl line 1: interval.observed.numPrefillWorkers must be a number ≥ 0, got -1",
    ],
    [
      log(intervalLine({ target: { numPrefill: 2 } })),
      "run.jsonl line 1: interval.target.numDecode must be a number ≥ 0, got nothing",
    ],
    [
      log(intervalLine({ predicted: { numReq: "many" } })),
      'run.jsonl line 1: interval.predicted.numReq must be a number or null, got "many"',
    ],
  ])("%j", (text, message) => {
    expect(inputErrorOf(text, "run.jsonl")).toContain(message);
  });

  it.each([
    ["[{", "export.json: not valid JSON ("],
    ["[]", "export.json: expected an array of query_range replies, got []"],
    ["[1]", "export.json: $[0] (a query_range reply) must be an object, got 1"],
    [
      JSON.stringify({ status: "error", errorType: "bad_data", error: "parse error" }),
      'export.json: $.status must be "success" (bad_data: parse error), got "error"',
    ],
    [JSON.stringify({ status: "success" }), "export.json: $.data must be an object, got nothing"],
    [
      JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }),
      'export.json: $.data.resultType must be "matrix" (the reply of a range query, ' +
        '/api/v1/query_range), got "vector"',
    ],
    [
      JSON.stringify({ status: "success", data: { resultType: "matrix", result: {} } }),
      "export.json: $.data.result must be an array of series, got {}",
    ],
    [
      JSON.stringify([
        rangeReply(),
        { status: "success", data: { resultType: "matrix", result: [{ metric: {} }] } },
      ]),
      "export.json: $[1].data.result[0].values must be an array of [time, value] samples, got nothing",
    ],
    [
      JSON.stringify({
        status: "success",
        data: { resultType: "matrix", result: [{ values: [] }] },
      }),
      "export.json: $.data.result[0].metric must be an object, got nothing",
    ],
    [
      JSON.stringify({
        status: "success",
        data: { resultType: "matrix", result: [{ metric: { role: 1 }, values: [] }] },
      }),
      "export.json: $.data.result[0].metric.role must be a string, got 1",
    ],
    [
      JSON.stringify(series([[1000, "1", 2]])),
      'export.json: $.data.result[0].values[0] must be a [time, "value"] pair, got [1000,"1",2]',
    ],
    [
      JSON.stringify(series([["1000", "1"]])),
      "export.json: $.data.result[0].values[0][0] must be a Unix time in seconds after the sample " +
        'before (-Infinity), got "1000"',
    ],
    [
      JSON.stringify(
        series([
          [1000, "1"],
          [1000, "2"],
        ]),
      ),
      "export.json: $.data.result[0].values[1][0] must be a Unix time in seconds after the sample " +
        "before (1000), got 1000",
    ],
    [
      JSON.stringify(series([[1000, 1]])),
      'export.json: $.data.result[0].values[0][1] must be a number in a string ("12.5", "NaN", ' +
        '"+Inf"), got 1',
    ],
    [
      JSON.stringify(series([[1000, "lots"]])),
      'export.json: $.data.result[0].values[0][1] must be a number in a string ("12.5", "NaN", ' +
        '"+Inf"), got "lots"',
    ],
    [
      JSON.stringify(
        rangeReply([{ __name__: "dynamo_frontend_requests_total" }, every15s(1, Number.NaN)]),
      ),
      "export.json: $.data.result[0].values[1][1] must be a counter's value, a finite number ≥ 0, got NaN",
    ],
    [
      JSON.stringify([rangeReply([ttftSum, every15s(1)]), rangeReply([ttftSum, every15s(2)])]),
      "export.json: $[1].data.result[0].metric must be a series not already at $[0].data.result[0], " +
        'got {"__name__":"dynamo_frontend_time_to_first_token_seconds_sum","model":"m"}',
    ],
    [
      JSON.stringify(rangeReply([{ __name__: "up" }, every15s(1)], [{}, every15s(2)])),
      "export.json: expected series of the frontend's counters (dynamo_frontend_* or " +
        "nv_llm_http_service_*, with __name__) or the planner's slaplan_* gauges, got only up, (no __name__)",
    ],
    [
      JSON.stringify(rangeReply()),
      "export.json: expected series of the frontend's counters (dynamo_frontend_* or " +
        "nv_llm_http_service_*, with __name__) or the planner's slaplan_* gauges, got no series",
    ],
  ])("%s", (text, message) => {
    expect(inputErrorOf(text, "export.json")).toContain(message);
  });
});

describe("parseLiveRecording on recordings captured from real runs (test/fixtures/live)", () => {
  const fixture = (name: string) =>
    parseLiveRecording(readFileSync(`test/fixtures/live/${name}`, "utf8"), name);
  const log = fixture("live-log.jsonl");
  const prometheus = fixture("prometheus-range.json");
  const defined = (values: (number | undefined)[]) =>
    values.filter((v): v is number => v !== undefined && !Number.isNaN(v));

  it("reads the planner's JSON log: an interval every 5 s, the busy third seen and served", () => {
    expect(log.source).toBe("live-log");
    expect(log.points.length).toBeGreaterThanOrEqual(10);
    log.points.slice(1).forEach((point, i) => {
      expect(point.tS - log.points[i].tS).toBeCloseTo(5, 0);
    });
    const rates = defined(log.points.map((p) => p.requestRate));
    // The load runs at 4 requests a second, then 60, then 4 again.
    expect(Math.max(...rates)).toBeGreaterThan(30);
    expect(Math.min(...rates)).toBeLessThan(10);
    for (const isl of defined(log.points.map((p) => p.islTokens)))
      expect(isl).toBeCloseTo(3000, -2);
    expect(Math.max(...defined(log.points.map((p) => p.prefillTarget)))).toBeGreaterThan(1);
  });

  it("reads Prometheus's export of the same run: 2 s steps, the same load and fleet", () => {
    expect(prometheus.source).toBe("prometheus");
    prometheus.points.slice(1).forEach((point, i) => {
      expect(point.tS - prometheus.points[i].tS).toBe(2);
    });
    const rates = defined(prometheus.points.map((p) => p.requestRate));
    expect(Math.max(...rates)).toBeGreaterThan(30);
    for (const isl of defined(prometheus.points.map((p) => p.islTokens))) {
      expect(isl).toBeCloseTo(3000, -2);
    }
    expect(defined(prometheus.points.map((p) => p.predictedRequestRate)).length).toBeGreaterThan(0);
    // The planner's gauges hold each interval's worker counts, which its log also records.
    const most = (r: LiveRecording) => Math.max(...defined(r.points.map((p) => p.prefillWorkers)));
    expect(most(prometheus)).toBe(most(log));
  });
});

describe("parseLiveRecording on an export from a real Prometheus", () => {
  let stop: () => Promise<void>;
  let reply: string;
  const stepS = 2;

  beforeAll(async () => {
    // The test frontend: 10 requests/s of ISL 1,000, OSL 200, TTFT 0.2 s, ITL 10 ms.
    const startedAt = Date.now();
    const frontend = await serveMetricsText(() =>
      frontendFamily("dynamo_frontend_", 'model="m"', (Date.now() - startedAt) / 1000),
    );
    const prometheus = await startPrometheus([`127.0.0.1:${frontend.port}`]).catch(
      async (error) => {
        await frontend.stop();
        throw error;
      },
    );
    stop = async () => {
      await prometheus.stop();
      await frontend.stop();
    };
    await waitForScrapes(prometheus.endpoint, "dynamo_frontend_requests_total", 9);
    const endS = Date.now() / 1000;
    const params = new URLSearchParams({
      query: '{__name__=~"dynamo_frontend_.*_(total|sum|count)"}',
      start: String(endS - 8),
      end: String(endS),
      step: `${stepS}s`,
    });
    reply = await (await fetch(`${prometheus.endpoint}/api/v1/query_range?${params}`)).text();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  it("recovers the frontend's rates and means", () => {
    const recording = parseLiveRecording(reply, "query_range.json");
    expect(recording.points).toHaveLength(5);
    for (const point of recording.points.slice(1)) {
      // Scrapes land within a second of each step: 20 ± 10 requests per 2 s step.
      expect(point.requestRate).toBeGreaterThan(5);
      expect(point.requestRate).toBeLessThan(15);
      expect(point.islTokens).toBeCloseTo(1000, 6);
      expect(point.oslTokens).toBeCloseTo(200, 6);
      expect(point.ttftS).toBeCloseTo(0.2, 9);
      expect(point.itlS).toBeCloseTo(0.01, 9);
    }
  });
});
