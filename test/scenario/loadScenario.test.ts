import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, InputError, NotFoundError } from "../../src/errors.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { buildReport, reportToJson } from "../../sim/report/simulationReport.ts";
import { loadScenario, openRequests } from "../../sim/scenario/loadScenario.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { makeFlatProfile } from "../support/makeEngineProfile.ts";
import { makeScenarioJson, makeTempFolder } from "../support/scenarioFactories.ts";
import { simulate } from "../support/simulationFactories.ts";

let folder: Awaited<ReturnType<typeof makeTempFolder>>;

beforeAll(async () => {
  folder = await makeTempFolder("load-scenario-");
  // Three requests at 0, 1 and 2 s.
  const lines = [0, 1000, 2000].map((timestamp) =>
    JSON.stringify({ timestamp, input_length: 100, output_length: 5 }),
  );
  await writeFile(join(folder.path, "t.jsonl"), `${lines.join("\n")}\n`);
});

afterAll(async () => {
  await folder.remove();
});

/** Writes `text` as a file in the temporary folder and returns its path. */
async function writeScenario(name: string, text: string): Promise<string> {
  const path = join(folder.path, name);
  await writeFile(path, text, "utf8");
  return path;
}

async function writeScenarioJson(name: string, overrides: Record<string, unknown> = {}) {
  return writeScenario(name, JSON.stringify(makeScenarioJson(overrides)));
}

async function collect(requests: Iterable<TraceRequest> | AsyncIterable<TraceRequest>) {
  const out: TraceRequest[] = [];
  for await (const request of requests) out.push(request);
  return out;
}

async function rejectionOf(task: Promise<unknown>): Promise<Error> {
  try {
    await task;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("loadScenario", () => {
  it("loadScenario(file) resolves the profile and trace against the scenario's folder", async () => {
    const file = await writeScenarioJson("paths.json", { profile: "../profiles/p" });
    const loaded = await loadScenario(file);
    expect(loaded.file).toBe(file);
    expect(loaded.profileDir).toBe(resolve(folder.path, "../profiles/p"));
    expect(loaded.traceFile).toBe(join(folder.path, "t.jsonl"));
  });

  it("leaves traceFile undefined for a sinusoidal load", async () => {
    const file = await writeScenarioJson("sin.json", { trace: { sinusoidal: {} } });
    expect((await loadScenario(file)).traceFile).toBeUndefined();
  });

  it("reports a missing file as not found, naming it", async () => {
    const file = join(folder.path, "nosuch.json");
    const error = await rejectionOf(loadScenario(file));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`${file}: no such scenario file`);
  });

  it("reports text that is not JSON as bad input, naming the file", async () => {
    const file = await writeScenario("broken.json", '{ "name": "tiny", }');
    const error = await rejectionOf(loadScenario(file));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^.*broken\.json: not valid JSON \(.+\)$/);
    expect(error.message.startsWith(`${file}: `)).toBe(true);
  });

  it("names the file in errors about its content", async () => {
    const file = await writeScenarioJson("unknown.json", { fleet: { startupDelayS: -1 } });
    const error = await rejectionOf(loadScenario(file));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`${file}: fleet.startupDelayS must be a number ≥ 0, got -1`);
  });

  it("reads the bundled Dynamo sinusoidal scenario as written", async () => {
    const { scenario, profileDir } = await loadScenario("scenarios/dynamo-sin-load.json");
    expect(scenario.name).toBe("dynamo-sin-load");
    expect(profileDir).toBe(resolve("profiles/h200-llama3.1-8b-fp8"));
    expect(scenario.trace.kind).toBe("sinusoidal");
    expect(scenario.planner).toMatchObject({ adjustmentIntervalS: 60, ttftTargetS: 0.1 });
    expect(scenario.fleet).toMatchObject({ initialPrefill: 1, initialDecode: 1, gpuLimit: 8 });
  });
});

describe("openRequests", () => {
  it("replays the trace file in order", async () => {
    const loaded = await loadScenario(await writeScenarioJson("plain.json"));
    const arrivals = (await collect(openRequests(loaded))).map((r) => r.arrivalS);
    expect(arrivals).toEqual([0, 1, 2]);
  });

  it("applies the speed-up, then the duration limit", async () => {
    // Twice as fast: 0, 0.5, 1 s; the first second keeps the first two.
    const trace = { file: "t.jsonl", speedUp: 2, durationS: 1 };
    const loaded = await loadScenario(await writeScenarioJson("fast.json", { trace }));
    const arrivals = (await collect(openRequests(loaded))).map((r) => r.arrivalS);
    expect(arrivals).toEqual([0, 0.5]);
  });

  it("replicates every request three times, spreading copies up to the next arrival", async () => {
    const trace = { file: "t.jsonl", replicate: 3 };
    const loaded = await loadScenario(await writeScenarioJson("triple.json", { trace }));
    const arrivals = (await collect(openRequests(loaded))).map((r) => r.arrivalS);
    expect(arrivals).toHaveLength(9);
    expect(arrivals.filter((t) => t >= 0 && t < 1)).toHaveLength(3);
    expect(arrivals.filter((t) => t >= 1 && t < 2)).toHaveLength(3);
    // The last request has no gap after it: its copies share its arrival.
    expect(arrivals.slice(6)).toEqual([2, 2, 2]);
  });

  it("draws another load for another seed", async () => {
    const requestsFor = async (name: string, seed: number) => {
      const trace = { sinusoidal: { durationS: 30 }, replicate: 2 };
      const loaded = await loadScenario(await writeScenarioJson(name, { trace, seed }));
      return collect(openRequests(loaded));
    };
    expect(await requestsFor("seed-1.json", 1)).not.toEqual(await requestsFor("seed-2.json", 2));
  });

  it("gives byte-identical reports for the same scenario and seed", async () => {
    const trace = {
      sinusoidal: { durationS: 30, requestRateMinPerS: 1, requestRateMaxPerS: 4 },
      replicate: 2,
    };
    const planner = { adjustmentIntervalS: 5 };
    const file = await writeScenarioJson("seeded.json", { trace, planner, seed: 7 });
    const reportOfRun = async () => {
      const loaded = await loadScenario(file);
      const { scenario } = loaded;
      const { result } = await simulate(openRequests(loaded), {
        model: new PerformanceModel(makeFlatProfile()),
        planner: scenario.planner,
        fleet: scenario.fleet,
      });
      expect(result.intervals.length).toBeGreaterThan(0);
      return reportToJson(buildReport(scenario, result));
    };
    expect(await reportOfRun()).toBe(await reportOfRun());
  });
});
