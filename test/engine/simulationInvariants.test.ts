// Laws every run keeps, whatever the trace, planner and fleet: checked over random small runs
// on five performance models — the flat synthetic one; a tight one whose context (1,500 tokens)
// and KV cache (1,000 tokens) turn many requests away; a slow one (1 s prefill, 0.05 s decode
// iterations) that builds queues; one whose profile claims a tiny throughput, so the planner
// asks for more replicas than the budget (pending replicas, dropped decisions, drains); and the
// bundled H200 profile.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleCounts } from "../../sim/engine/fleet.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import type { SimulationResult } from "../../sim/engine/runSimulation.ts";
import { buildReport, reportToJson } from "../../sim/report/simulationReport.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import {
  simulationSettingsArb,
  smallTraceArb,
  type SimulationSettings,
} from "../arbitraries/simulationArb.ts";
import { makeFlatProfile } from "../support/makeEngineProfile.ts";
import { makeScenario, simulate } from "../support/simulationFactories.ts";

const BUNDLED_PROFILE = "profiles/h200-llama3.1-8b-fp8";
const models: PerformanceModel[] = [
  new PerformanceModel(makeFlatProfile()),
  new PerformanceModel(makeFlatProfile({ maxIslTokens: 1500, maxKvTokens: 1000 })),
  new PerformanceModel(makeFlatProfile({ prefillS: 1, decodeStepS: 0.05 })),
  new PerformanceModel(
    makeFlatProfile({ prefillTokensPerSPerGpu: 200, decodeTokensPerSPerGpu: 20 }),
  ),
];

beforeAll(async () => {
  models.push(new PerformanceModel(await readProfileDir(BUNDLED_PROFILE)));
});

const modelIndexArb = fc.integer({ min: 0, max: 4 });
// A run takes about a millisecond; more runs than fast-check's default 100 are cheap.
const RUNS = { numRuns: 250 };
const runArb = fc.tuple(smallTraceArb, simulationSettingsArb, modelIndexArb);

async function run(
  requests: TraceRequest[],
  settings: SimulationSettings,
  modelIndex: number,
): Promise<SimulationResult> {
  const { result } = await simulate(requests, { ...settings, model: models[modelIndex] });
  return result;
}

function reportJson(settings: SimulationSettings, result: SimulationResult): string {
  const scenario = makeScenario({ planner: settings.planner, fleet: settings.fleet });
  return reportToJson(buildReport(scenario, result));
}

const holding = (c: RoleCounts) => c.starting + c.ready + c.draining;

describe("runSimulation invariants", () => {
  it("ends every request completed, rejected or unfinished", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const result = await run(requests, settings, modelIndex);
        const s = result.statistics;
        expect(s.arrived).toBe(requests.length);
        expect(s.completed + s.totalRejected + result.unfinished).toBe(s.arrived);
      }),
      RUNS,
    );
  });

  it("spends GPU-hours between 0 and the GPU limit times the simulated hours", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const result = await run(requests, settings, modelIndex);
        expect(result.gpuHours).toBeGreaterThanOrEqual(0);
        const ceiling = (settings.fleet.gpuLimit * result.endS) / 3600;
        expect(result.gpuHours).toBeLessThanOrEqual(ceiling * (1 + 1e-12));
      }),
      RUNS,
    );
  });

  it("never holds more GPUs than the limit, and counts held GPUs from the replicas", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const result = await run(requests, settings, modelIndex);
        const { gpuLimit, prefillEngineNumGpu, decodeEngineNumGpu } = settings.fleet;
        for (const interval of result.intervals) {
          const held =
            holding(interval.prefillAfter) * prefillEngineNumGpu +
            holding(interval.decodeAfter) * decodeEngineNumGpu;
          expect(held).toBeLessThanOrEqual(gpuLimit);
          expect(interval.gpusInUse).toBe(held);
        }
      }),
      RUNS,
    );
  });

  it("never counts a negative or fractional number of replicas", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const result = await run(requests, settings, modelIndex);
        for (const interval of result.intervals) {
          for (const counts of [interval.prefillAfter, interval.decodeAfter]) {
            for (const n of Object.values(counts)) {
              expect(Number.isInteger(n) && n >= 0).toBe(true);
            }
          }
          for (const n of [
            interval.observed.numPrefillWorkers,
            interval.observed.numDecodeWorkers,
          ]) {
            expect(Number.isInteger(n) && n >= 0).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it("records back-to-back intervals, one adjustment interval long each", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const result = await run(requests, settings, modelIndex);
        const intervalS = settings.planner.adjustmentIntervalS;
        result.intervals.forEach((interval, i) => {
          expect(interval.index).toBe(i);
          expect(interval.startS).toBeCloseTo(i * intervalS, 9);
          expect(interval.endS).toBeCloseTo((i + 1) * intervalS, 9);
        });
      }),
      RUNS,
    );
  });

  it("writes a report that is valid JSON with no NaN or Infinity outside strings", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const text = reportJson(settings, await run(requests, settings, modelIndex));
        // Dynamo's skip reason says "NaN values" in words; only bare tokens are faults.
        const outsideStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
        expect(outsideStrings).not.toMatch(/NaN|Infinity/);
        const report = JSON.parse(text);
        expect(report.summary.requests.arrived).toBe(requests.length);
      }),
      RUNS,
    );
  });

  it("gives byte-identical reports for the same inputs", async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([requests, settings, modelIndex]) => {
        const first = reportJson(settings, await run(requests, settings, modelIndex));
        const second = reportJson(settings, await run(requests, settings, modelIndex));
        expect(second).toBe(first);
      }),
      RUNS,
    );
  });
});
