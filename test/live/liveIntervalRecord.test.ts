import { describe, expect, it } from "vitest";
import { liveIntervalRecord } from "../../src/live/liveIntervalRecord.ts";
import type { LiveInterval } from "../../src/live/liveScaler.ts";
import type { PlannerDecision } from "../../src/planner/index.ts";

const nan = Number.NaN;

/** A decision with only the fields the record reads, for a window without traffic. */
function quietDecision(): PlannerDecision {
  return {
    intervalIndex: 3,
    outcome: "skipped",
    reason: "no traffic",
    observed: {
      numReq: 0,
      islTokens: nan,
      oslTokens: nan,
      ttftS: nan,
      itlS: nan,
      requestDurationS: nan,
      numPrefillWorkers: 2,
      numDecodeWorkers: 1,
    },
    correction: {
      prefill: nan,
      decode: 1.5,
      expectedTtftS: null,
      expectedItlS: null,
      decodeConcurrency: null,
    },
    predicted: null,
    replicas: null,
    sizing: null,
    clamps: [],
    target: null,
    log: [],
  };
}

describe("liveIntervalRecord", () => {
  it("writes NaN figures as null, since JSON has no NaN", () => {
    const interval: LiveInterval = { decision: quietDecision(), outcome: "held", written: {} };
    const record = liveIntervalRecord(interval, 3, 40.5, 10);
    expect(JSON.parse(JSON.stringify(record))).toEqual({
      index: 3,
      atS: 40.5,
      adjustmentIntervalS: 10,
      outcome: "held",
      plannerOutcome: "skipped",
      reason: "no traffic",
      observed: {
        numReq: 0,
        islTokens: null,
        oslTokens: null,
        ttftS: null,
        itlS: null,
        requestDurationS: null,
        numPrefillWorkers: 2,
        numDecodeWorkers: 1,
        numPrefillStarting: 0,
        numDecodeStarting: 0,
        metrics: "ok",
      },
      correction: { prefill: null, decode: 1.5 },
      predicted: null,
      target: null,
      written: {},
    });
  });

  it("records an interval whose deployment could not be read with nothing observed", () => {
    const record = liveIntervalRecord({ decision: null, outcome: "held", written: {} }, 0, 5, 5);
    expect(record).toMatchObject({ plannerOutcome: null, observed: null, target: null });
  });
});
