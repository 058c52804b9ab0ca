// The improved mode on small cases whose right answers are given by the planner issue. Flat
// profiles keep the arithmetic by hand: prefill takes the same time at every ISL, decode the
// same ITL at every batch and context.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildProfileModel,
  DEFAULT_PLANNER_CONFIG,
  type IntervalObservation,
  type PlannerConfig,
  type PlannerDecision,
  SlaPlanner,
} from "../../src/planner/index.ts";
import type { PrefillProfile } from "../../src/profile/engineProfile.ts";
import { observationArb } from "../arbitraries/plannerArbitraries.ts";
import { makeFlatDecode, makeFlatPrefill } from "./makeProfile.ts";

function makePlanner(
  config: Partial<PlannerConfig> = {},
  prefill: PrefillProfile = makeFlatPrefill(0.05, 20_000),
  decodeItlS = 0.005,
): SlaPlanner {
  return new SlaPlanner(
    { ...DEFAULT_PLANNER_CONFIG, adjustmentIntervalS: 60, ...config },
    buildProfileModel({ source: "flat", prefill, decode: makeFlatDecode(decodeItlS, 5_000) }),
  );
}

function makeObservation(overrides: Partial<IntervalObservation> = {}): IntervalObservation {
  return {
    numReq: 600,
    islTokens: 1000,
    oslTokens: 100,
    ttftS: 0.06,
    itlS: 0.005,
    requestDurationS: 0.6,
    numPrefillWorkers: 1,
    numDecodeWorkers: 1,
    ...overrides,
  };
}

const IDLE: Partial<IntervalObservation> = {
  numReq: 0,
  islTokens: Number.NaN,
  oslTokens: Number.NaN,
  ttftS: Number.NaN,
  itlS: Number.NaN,
  requestDurationS: Number.NaN,
};

function messages(decision: PlannerDecision): string[] {
  return decision.log.map((line) => line.message);
}

describe("the improved planner", () => {
  describe("sizes decode for the ITL it can reach", () => {
    // Decode takes 5 ms a token at every batch; 600 requests a minute of 100 output tokens are
    // 1,000 tokens/s; at ISL 1,000 the largest batch the KV cache holds is 95 (19,000 tokens/s).
    const sized = (itlTargetS: number) => {
      const planner = makePlanner({ itlTargetS, latencyHeadroom: 0.85, noCorrection: true });
      const decision = planner.adjust(makeObservation());
      return { sizing: decision.sizing, log: messages(decision) };
    };

    it("at the aim (85 % of the target) when a batch meets it", () => {
      const { sizing } = sized(0.008);
      expect(sizing?.decodeSizing).toBe("aim");
      expect(sizing?.decodeSizedAtItlS).toBeCloseTo(0.0068, 12);
      expect(sizing?.decodeBatchSize).toBe(95);
      expect(sizing?.rawDecode).toBe(1);
    });

    it("within the target itself when one request alone misses the aim, saying so", () => {
      // Aim 4.675 ms < 5 ms. Sized at batch 1 for the aim it would ask for 1,000 / 200 = 5
      // replicas, none of which could meet the aim.
      const { sizing, log } = sized(0.0055);
      expect(sizing?.decodeSizing).toBe("target");
      expect(sizing?.decodeSizedAtItlS).toBe(0.0055);
      expect(sizing?.decodeBatchSize).toBe(95);
      expect(sizing?.rawDecode).toBe(1);
      expect(log).toContain(
        "ITL aim 0.0047s (85 % of the ITL target 0.0055s, over the decode correction 1.000) is " +
          "out of reach even for one request alone: decode is sized within the corrected target itself",
      );
    });

    it("to keep up, warning that no fleet meets ITL, when one request alone misses the target", () => {
      const { sizing, log } = sized(0.004);
      expect(sizing?.decodeSizing).toBe("keep-up");
      expect(sizing?.decodeSizedAtItlS).toBe(0.004);
      expect(log.some((m) => m.startsWith("ITL target 0.0040s is out of reach"))).toBe(true);
    });
  });

  it("keeps a factor with a warning when expected TTFT is 0 or there is no decode worker", () => {
    // Prefill measured 0 s at the profile's longest ISL (a table edge); no decode worker yet.
    const edge = { ...makeFlatPrefill(0.05, 20_000), ttftS: [0.05, 0.05, 0.05, 0.05, 0] };
    const planner = makePlanner({}, edge);
    const decision = planner.adjust(makeObservation({ islTokens: 16_000, numDecodeWorkers: 0 }));
    expect(decision.correction).toMatchObject({ prefill: 1, decode: 1 });
    const warnings = decision.log.filter((l) => l.level === "warning").map((l) => l.message);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^prefill correction factor not updated/),
    );
    expect(warnings).toContainEqual(expect.stringMatching(/^decode correction factor not updated/));
    expect(decision.target?.numPrefill).toBeGreaterThanOrEqual(1);
    expect(decision.target?.numDecode).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(decision)).not.toMatch(/NaN|Infinity/);
  });

  it("does not pin prefill up when one long prompt alone misses the TTFT target", () => {
    // ISL 8,192 takes 230 ms alone against a 200 ms target: no count of replicas fixes that.
    const planner = makePlanner({ ttftTargetS: 0.2 }, makeFlatPrefill(0.23, 35_000));
    const busy = planner.adjust(
      makeObservation({ numReq: 60, islTokens: 8192, ttftS: 0.24, numPrefillWorkers: 3 }),
    );
    expect(busy.sizing?.ttftTargetReachable).toBe(false);
    expect(busy.target?.numPrefill).toBe(1);
    for (let i = 0; i < 5; i += 1) {
      const idle = planner.adjust(makeObservation({ ...IDLE, numPrefillWorkers: 1 }));
      expect(idle.target === null || idle.target.numPrefill === 1).toBe(true);
    }
  });

  it("reads 100 requests at context 1,024 on a 204,800-token KV cache at KV usage 0.5", () => {
    // ITL rises with KV usage: 10 ms + 20 ms × usage, so usage 0.5 reads about 20 ms.
    const decode = makeFlatDecode(0.01, 5_000, 204_800);
    const model = buildProfileModel({
      source: "kv",
      prefill: makeFlatPrefill(0.05, 20_000),
      decode: { ...decode, itlS: decode.kvUsage.map((kv) => 0.01 + 0.02 * kv) },
    });
    // 100 × 1,024 / 204,800 = 0.5 lies halfway between grid columns 49 and 50 (0.495 and
    // 0.505): either is the nearest cell, within half a step (0.0001 s of ITL) of usage 0.5.
    expect(Math.abs(model.decode.itlS(100, 1024) - 0.02)).toBeLessThanOrEqual(0.0102 / 99);
  });

  it("never gives three replicas of two GPUs under a budget of five", () => {
    const planner = makePlanner({
      prefillEngineNumGpu: 2,
      decodeEngineNumGpu: 2,
      maxGpuBudget: 5,
      minEndpoint: 1,
    });
    fc.assert(
      fc.property(fc.array(observationArb, { minLength: 1, maxLength: 6 }), (observations) => {
        for (const observed of observations) {
          const target = planner.adjust(observed).target;
          if (target !== null) expect(target.numPrefill + target.numDecode).toBeLessThanOrEqual(2);
        }
      }),
    );
  });

  it("keeps the prefill factor while new prefill replicas start, then measures it", () => {
    // 2 → 4 prefill replicas ordered; while they start TTFT is 900 ms against 150 ms
    // expected (prefill 140 ms, decode step 10 ms, almost no queueing at 0.1 req/s).
    const config = { ttftTargetS: 1 };
    const prefill = makeFlatPrefill(0.14, 7_000);
    const starting = makePlanner(config, prefill);
    const steady = makePlanner(config, prefill);
    const load = { numReq: 6, islTokens: 1000, itlS: 0.01, requestDurationS: 1.2 };
    const whileStarting = starting.adjust(
      makeObservation({ ...load, ttftS: 0.9, numPrefillWorkers: 2, numPrefillStarting: 2 }),
    );
    const asExpected = steady.adjust(
      makeObservation({ ...load, ttftS: 0.15, numPrefillWorkers: 2, numPrefillStarting: 2 }),
    );
    expect(whileStarting.correction?.prefill).toBe(1);
    expect(whileStarting.target?.numPrefill).toBe(asExpected.target?.numPrefill);
    expect(messages(whileStarting)).toContain(
      "2 prefill replica(s) starting: keeping the prefill correction factor at 1.000",
    );
    const ready = starting.adjust(makeObservation({ ...load, ttftS: 0.16, numPrefillWorkers: 4 }));
    expect(ready.correction?.prefill).toBeCloseTo(0.16 / 0.15, 2);
  });

  it("keeps a decode target of 10 while 7 of the 10 ordered replicas start", () => {
    // Decode runs at 5 ms at any batch; 100 requests of context 1,000 fill 100,000 tokens of
    // KV, so one engine yields 100 / 0.005 = 20,000 tokens/s. 120,000 requests of 100 tokens
    // in 60 s is 200,000 tokens/s: 10 engines.
    // Prefill takes 1 ms a prompt, so it needs few of the 64 GPUs.
    const planner = makePlanner(
      { itlTargetS: 0.01, maxGpuBudget: 64 },
      makeFlatPrefill(0.001, 1e6),
    );
    const load = { numReq: 120_000, islTokens: 950, oslTokens: 100, requestDurationS: 0.6 };
    const decision = planner.adjust(
      makeObservation({
        ...load,
        numPrefillWorkers: 12,
        numDecodeWorkers: 3,
        numDecodeStarting: 7,
      }),
    );
    expect(decision.sizing?.decodeBatchSize).toBe(100);
    expect(decision.target?.numDecode).toBe(10);
  });

  it("takes no scaling from an interval with no traffic, and writes no NaN anywhere", () => {
    const decision = makePlanner().adjust(makeObservation({ ...IDLE, numPrefillWorkers: 2 }));
    expect(decision.outcome).toBe("skipped");
    expect(decision.target).toBeNull();
    const { observed: _observed, ...rest } = decision;
    expect(JSON.stringify(rest)).not.toMatch(/NaN|nan|Infinity/);
    expect(JSON.stringify(decision)).not.toMatch(/NaN|Infinity/);
  });

  it("scales to the minimum after the configured number of idle intervals", () => {
    const planner = makePlanner({ idleScaleDownAfterIntervals: 2, minEndpoint: 1 });
    const busy = { numPrefillWorkers: 3, numDecodeWorkers: 4 };
    expect(planner.adjust(makeObservation({ ...IDLE, ...busy })).target).toBeNull();
    const second = planner.adjust(makeObservation({ ...IDLE, ...busy }));
    expect(second.target).toEqual({ numPrefill: 1, numDecode: 1 });
    expect(second.reason).toBe(
      "no traffic for 2 interval(s): scaling to the minimum of 1 per role",
    );
  });

  it("holds 3 and 5 replicas while Prometheus is unreachable", () => {
    const planner = makePlanner({ minEndpoint: 1 });
    const down = {
      ...IDLE,
      metrics: "unreachable" as const,
      numPrefillWorkers: 3,
      numDecodeWorkers: 5,
    };
    for (let i = 0; i < 4; i += 1) {
      const decision = planner.adjust(makeObservation(down));
      expect(decision.outcome).toBe("held");
      expect(decision.target).toBeNull();
    }
  });

  it("falls back once to 2 and 4 after three intervals without metrics", () => {
    const planner = makePlanner({
      minEndpoint: 1,
      missingMetricsFallbackAfter: 3,
      missingMetricsFallbackPrefill: 2,
      missingMetricsFallbackDecode: 4,
    });
    const down = {
      ...IDLE,
      metrics: "unreachable" as const,
      numPrefillWorkers: 3,
      numDecodeWorkers: 5,
    };
    const targets = [0, 1, 2, 3].map(() => planner.adjust(makeObservation(down)).target);
    expect(targets).toEqual([
      null,
      null,
      { numPrefill: 2, numDecode: 4 },
      { numPrefill: 2, numDecode: 4 },
    ]);
  });

  it("does not scale down within the stabilization window after a change", () => {
    const planner = makePlanner({ scaleDownStabilizationS: 180, consolidationUtilization: 1 });
    // 12,000 requests of 1,000 tokens in 60 s on prefill of 50 ms each: 10 engines busy.
    const heavy = planner.adjust(makeObservation({ numReq: 12_000, atS: 60 }));
    const needed = heavy.target?.numPrefill ?? 0;
    expect(needed).toBeGreaterThan(1);
    const decode = heavy.target?.numDecode ?? 1;
    const light = planner.adjust(
      makeObservation({
        numReq: 60,
        atS: 120,
        numPrefillWorkers: needed,
        numDecodeWorkers: decode,
      }),
    );
    expect(light.target?.numPrefill).toBe(needed);
    expect(light.clamps).toContainEqual(
      expect.objectContaining({ role: "prefill", rule: "stabilization" }),
    );
  });
});
