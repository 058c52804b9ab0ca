import { describe, expect, it } from "vitest";
import { RunStatistics } from "../../sim/engine/runStatistics.ts";
import { buildReport, reportToJson, summarize } from "../../sim/report/simulationReport.ts";
import {
  makeFleetOptions,
  makeIdlePlanner,
  makeIntervalRecord,
  makeRequest,
  makeRoleCounts,
  makeScenario,
  makeSimulationResult,
  simulate,
} from "../support/simulationFactories.ts";

/** Statistics of three requests: TTFT 0.2 s and 0.6 s, ITL 10 and 30 ms; one rejected. */
function makeStatistics(): RunStatistics {
  const s = new RunStatistics(0.5, 0.05);
  s.arrived = 3;
  s.recordCompletion(0.2, 0.01, 1);
  s.recordCompletion(0.6, 0.03, 3);
  s.recordRejection("exceeds-kv-capacity");
  return s;
}

describe("summarize", () => {
  it("summarize(scenario, result) counts requests and gives p50, p90, p99 and mean", () => {
    const result = makeSimulationResult({ statistics: makeStatistics(), endS: 1800 });
    const summary = summarize(makeScenario(), result);
    expect(summary.requests).toEqual({
      arrived: 3,
      completed: 2,
      rejected: 1,
      rejectedExceedingContext: 0,
      rejectedExceedingKvCapacity: 1,
      failedPreemptionLimit: 0,
      failedMigrationLimit: 0,
      unfinished: 0,
      noOutput: 0,
      nonStreaming: 0,
    });
    expect(summary.ttftS).toEqual({
      p50: expect.closeTo(0.4, 12),
      p90: expect.closeTo(0.56, 12),
      p99: expect.closeTo(0.596, 12),
      mean: expect.closeTo(0.4, 12),
    });
    expect(summary.requestDurationS.mean).toBe(2);
    expect(summary.simulatedS).toBe(1800);
    expect(summary.gpuHours).toBe(2);
  });

  it("counts rejected and unfinished requests as SLA misses, and leaves no-output ones out", async () => {
    // A at 0 s: TTFT 0.11 s, met. B at 0 s: queued behind A, TTFT 0.21 s > 0.15 s, missed.
    // C: no output, not judged. D: longer than the context, rejected: a miss.
    const requests = [
      makeRequest(),
      makeRequest(),
      makeRequest({ arrivalS: 5, oslTokens: 0 }),
      makeRequest({ arrivalS: 6, islTokens: 9000 }),
    ];
    const planner = makeIdlePlanner({ ttftTargetS: 0.15 });
    const { result } = await simulate(requests, { planner });
    const summary = summarize(makeScenario({ planner }), result);
    expect(summary.requests.noOutput).toBe(1);
    expect(summary.slaAttainment).toBeCloseTo(1 / 3, 12);
  });

  it("gives NaN attainment and percentiles when nothing could be judged", () => {
    const summary = summarize(makeScenario(), makeSimulationResult());
    expect(summary.slaAttainment).toBeNaN();
    expect(summary.ttftS.p50).toBeNaN();
  });

  it("counts scaling actions and dropped decisions, and peaks over the initial fleet too", () => {
    const intervals = [
      makeIntervalRecord({
        index: 0,
        action: "scaled",
        prefillAfter: makeRoleCounts({ starting: 2 }),
      }),
      makeIntervalRecord({
        index: 1,
        action: "not-ready",
        decodeAfter: makeRoleCounts({ pending: 1 }),
      }),
      makeIntervalRecord({ index: 2, action: "unchanged" }),
      makeIntervalRecord({
        index: 3,
        action: "scaled",
        prefillAfter: makeRoleCounts({ draining: 5 }),
      }),
    ];
    const scenario = makeScenario({ fleet: makeFleetOptions({ initialDecode: 4 }) });
    const summary = summarize(scenario, makeSimulationResult({ intervals }));
    expect(summary.scalingActions).toBe(2);
    expect(summary.decisionsDroppedNotReady).toBe(1);
    // Prefill: 1 ready + 2 starting; draining replicas are on their way out and do not count.
    expect(summary.peakPrefillReplicas).toBe(3);
    // Decode: the initial 4 beat the 1 ready + 1 pending seen later.
    expect(summary.peakDecodeReplicas).toBe(4);
  });
});

describe("reportToJson", () => {
  it('writes NaN as null and an unlimited duration as "unlimited"', () => {
    const report = buildReport(makeScenario(), makeSimulationResult());
    const parsed = JSON.parse(reportToJson(report));
    expect(parsed.scenario.trace.durationS).toBe("unlimited");
    expect(parsed.summary.slaAttainment).toBeNull();
    expect(parsed.summary.ttftS).toEqual({ p50: null, p90: null, p99: null, mean: null });
  });

  it("writes -Infinity as null", () => {
    const report = buildReport(makeScenario(), makeSimulationResult({ gpuHours: -Infinity }));
    expect(JSON.parse(reportToJson(report)).summary.gpuHours).toBeNull();
  });

  it("indents by two spaces and ends with a newline", () => {
    const text = reportToJson(buildReport(makeScenario(), makeSimulationResult()));
    expect(text.startsWith('{\n  "generator": "slaplan sim",\n  "scenario": {\n    "name"')).toBe(
      true,
    );
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("carries every interval record, NaN observations as null", () => {
    const intervals = [makeIntervalRecord({ index: 0 }), makeIntervalRecord({ index: 1 })];
    const text = reportToJson(buildReport(makeScenario(), makeSimulationResult({ intervals })));
    const parsed = JSON.parse(text);
    expect(parsed.intervals).toHaveLength(2);
    expect(parsed.intervals[1]).toMatchObject({
      index: 1,
      startS: 60,
      endS: 120,
      action: "held",
      observed: { numReq: 0, ttftS: null, numPrefillWorkers: 1 },
    });
  });
});
