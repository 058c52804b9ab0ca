import { DEFAULT_ENGINE } from "../../sim/engine/engineOptions.ts";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { DEFAULT_PLANNER_CONFIG } from "../../src/planner/index.ts";
import { parseScenario } from "../../sim/scenario/scenario.ts";
import { DEFAULT_SINUSOIDAL_LOAD } from "../../sim/traces/index.ts";
import { makeScenarioJson } from "../support/scenarioFactories.ts";
import { messageThrownBy } from "../support/thrownBy.ts";

const FILE = "scenarios/tiny.json";

/** The message of the ConfigError parseScenario raises for `raw`. */
function errorOf(raw: unknown): string {
  return messageThrownBy(() => parseScenario(raw, FILE), ConfigError);
}

describe("parseScenario", () => {
  it("fills every default: 1 + 1 replicas, 90 s start-up, the planner's budget, seed 1, a 5 s scrape", () => {
    const scenario = parseScenario(makeScenarioJson(), FILE);
    expect(scenario).toEqual({
      name: "tiny",
      description: "",
      profile: "profiles/p",
      trace: {
        kind: "file",
        path: "t.jsonl",
        format: undefined,
        speedUp: 1,
        replicate: 1,
        durationS: Infinity,
      },
      planner: DEFAULT_PLANNER_CONFIG,
      fleet: {
        initialPrefill: 1,
        initialDecode: 1,
        startupDelayS: 90,
        gpuLimit: 8,
        prefillEngineNumGpu: 1,
        decodeEngineNumGpu: 1,
      },
      engine: { ...DEFAULT_ENGINE, seed: 1 },
      seed: 1,
      drainLimitS: 3600,
      metricsOutages: [],
      runAtLeastS: 0,
      scrape: { intervalS: 5, offsetS: 2.5 },
    });
  });

  it("reads a sinusoidal load, keeping Dynamo's defaults for what it leaves out", () => {
    const raw = makeScenarioJson({
      trace: { sinusoidal: { durationS: 60, requestRateMaxPerS: 20 }, speedUp: 2 },
    });
    const { trace } = parseScenario(raw, FILE);
    expect(trace).toEqual({
      kind: "sinusoidal",
      load: { ...DEFAULT_SINUSOIDAL_LOAD, durationS: 60, requestRateMaxPerS: 20 },
      speedUp: 2,
      replicate: 1,
      durationS: Infinity,
    });
  });

  it("takes the fleet's engine sizes and default GPU limit from the planner", () => {
    const raw = makeScenarioJson({
      planner: { maxGpuBudget: 12, prefillEngineNumGpu: 2, decodeEngineNumGpu: 4 },
    });
    expect(parseScenario(raw, FILE).fleet).toMatchObject({
      gpuLimit: 12,
      prefillEngineNumGpu: 2,
      decodeEngineNumGpu: 4,
    });
  });

  it("rejects an unknown top-level field, naming the file, the field and the known ones", () => {
    expect(errorOf(makeScenarioJson({ seeed: 3 }))).toBe(
      'scenarios/tiny.json: unknown field "seeed" (known fields: name, description, profile, ' +
        "trace, planner, fleet, seed, drainLimitS, metricsOutages, runAtLeastS, prometheus, engine)",
    );
  });

  it("rejects an unknown fleet field, naming the file and the section", () => {
    expect(errorOf(makeScenarioJson({ fleet: { gpus: 4 } }))).toBe(
      'scenarios/tiny.json: fleet: unknown field "gpus" (known fields: initialPrefill, ' +
        "initialDecode, startupDelayS, startupDelayMaxS, gpuLimit)",
    );
  });

  it("draws start-up delays between startupDelayS and startupDelayMaxS with the scenario's seed", () => {
    const parsed = parseScenario(
      makeScenarioJson({ seed: 7, fleet: { startupDelayS: 60, startupDelayMaxS: 150 } }),
      FILE,
    );
    expect(parsed.fleet).toMatchObject({ startupDelayS: 60, startupDelayMaxS: 150, seed: 7 });
    expect(errorOf(makeScenarioJson({ fleet: { startupDelayS: 60, startupDelayMaxS: 30 } }))).toBe(
      "scenarios/tiny.json: fleet.startupDelayMaxS must be a number ≥ 60, got 30",
    );
  });

  it("reads a synthetic load, naming its bad option with the file and field", () => {
    const ok = parseScenario(
      makeScenarioJson({ trace: { steps: { steps: [{ untilS: 60, ratePerS: 5 }] } } }),
      "scenarios/tiny.json",
    );
    expect(ok.trace).toMatchObject({ kind: "generated", generator: "steps" });
    expect(errorOf(makeScenarioJson({ trace: { poisson: { ratePerS: -3 } } }))).toBe(
      "scenarios/tiny.json: trace.poisson: poisson load: ratePerS must be a number of requests per second ≥ 0 and ≤ 100000, got -3",
    );
    expect(errorOf(makeScenarioJson({ trace: { diurnal: { rate: 3 } } }))).toMatch(
      /^scenarios\/tiny\.json: trace\.diurnal: unknown field "rate"/,
    );
  });

  it("rejects an unknown trace field", () => {
    const raw = makeScenarioJson({ trace: { file: "t.jsonl", speedup: 2 } });
    expect(errorOf(raw)).toBe(
      'scenarios/tiny.json: trace: unknown field "speedup" (known fields: file, sinusoidal, ' +
        "poisson, steps, bursts, diurnal, format, speedUp, replicate, durationS)",
    );
  });

  it("rejects an unknown planner field", () => {
    const message = errorOf(makeScenarioJson({ planner: { ttftTarget: 0.2 } }));
    expect(message).toMatch(/^scenarios\/tiny\.json: planner: unknown field "ttftTarget" \(/);
  });

  it("rejects a negative start-up delay, naming the field and the value", () => {
    expect(errorOf(makeScenarioJson({ fleet: { startupDelayS: -5 } }))).toBe(
      "scenarios/tiny.json: fleet.startupDelayS must be a number ≥ 0, got -5",
    );
  });

  it("rejects a start-up delay that is not a number, quoting what was found", () => {
    expect(errorOf(makeScenarioJson({ fleet: { startupDelayS: "90s" } }))).toBe(
      'scenarios/tiny.json: fleet.startupDelayS must be a number ≥ 0, got "90s"',
    );
  });

  it("rejects a fractional replica count", () => {
    expect(errorOf(makeScenarioJson({ fleet: { initialDecode: 1.5 } }))).toBe(
      "scenarios/tiny.json: fleet.initialDecode must be a whole number ≥ 0, got 1.5",
    );
  });

  it("rejects initial replicas that need more GPUs than the limit", () => {
    const raw = makeScenarioJson({ fleet: { initialPrefill: 2, initialDecode: 1, gpuLimit: 2 } });
    expect(errorOf(raw)).toBe(
      "scenarios/tiny.json: fleet: the initial replicas need 3 GPUs but gpuLimit is 2",
    );
  });

  it("rejects a trace with both a file and a sinusoidal load", () => {
    const raw = makeScenarioJson({ trace: { file: "t.jsonl", sinusoidal: {} } });
    expect(errorOf(raw)).toBe(
      'scenarios/tiny.json: trace must have exactly one of "file" or "sinusoidal" (or a synthetic load: "poisson", "steps", "bursts", "diurnal"), got "file" and "sinusoidal"',
    );
  });

  it("rejects a trace with neither a file nor a sinusoidal load", () => {
    expect(errorOf(makeScenarioJson({ trace: { speedUp: 2 } }))).toBe(
      'scenarios/tiny.json: trace must have exactly one of "file" or "sinusoidal" (or a synthetic load: "poisson", "steps", "bursts", "diurnal"), got neither',
    );
  });

  it("rejects a format given with a sinusoidal load", () => {
    const raw = makeScenarioJson({ trace: { sinusoidal: {}, format: "mooncake" } });
    expect(errorOf(raw)).toBe(
      'scenarios/tiny.json: trace.format applies to a trace file, not to "sinusoidal"',
    );
  });

  it("rejects a replication of 0, naming its bounds", () => {
    const raw = makeScenarioJson({ trace: { file: "t.jsonl", replicate: 0 } });
    expect(errorOf(raw)).toBe(
      "scenarios/tiny.json: trace.replicate must be a whole number ≥ 1 and ≤ 1000, got 0",
    );
  });

  it("rejects a speed-up of 0", () => {
    const raw = makeScenarioJson({ trace: { file: "t.jsonl", speedUp: 0 } });
    expect(errorOf(raw)).toBe("scenarios/tiny.json: trace.speedUp must be a number > 0, got 0");
  });

  it("rejects a sinusoidal option out of range and an unknown one", () => {
    const negative = makeScenarioJson({ trace: { sinusoidal: { durationS: -1 } } });
    expect(errorOf(negative)).toBe(
      "scenarios/tiny.json: trace.sinusoidal.durationS must be a number > 0, got -1",
    );
    const unknown = makeScenarioJson({ trace: { sinusoidal: { rate: 3 } } });
    expect(errorOf(unknown)).toMatch(
      /^scenarios\/tiny\.json: trace\.sinusoidal: unknown field "rate" \(known fields: /,
    );
  });

  it("rejects a minimum request rate above the maximum, giving both", () => {
    const raw = makeScenarioJson({
      trace: { sinusoidal: { requestRateMinPerS: 9, requestRateMaxPerS: 3 } },
    });
    expect(errorOf(raw)).toBe(
      "scenarios/tiny.json: trace.sinusoidal.requestRateMinPerS (9) must not exceed " +
        "requestRateMaxPerS (3)",
    );
  });

  it("rejects a planner setting out of range", () => {
    const raw = makeScenarioJson({ planner: { adjustmentIntervalS: 0 } });
    expect(errorOf(raw)).toBe(
      "scenarios/tiny.json: planner.adjustmentIntervalS must be a number of seconds ≥ 1, got 0",
    );
  });

  it("rejects a missing name and a seed out of range, naming the file, field and value", () => {
    const noName = errorOf(makeScenarioJson({ name: undefined }));
    expect(noName).toContain("scenarios/tiny.json");
    expect(noName).toMatch(/name must be a non-empty string, but it is missing$/);
    const badSeed = errorOf(makeScenarioJson({ seed: -1 }));
    expect(badSeed).toContain("scenarios/tiny.json");
    expect(badSeed).toMatch(/seed must be a whole number ≥ 0 and ≤ 4294967295, got -1$/);
  });

  it("rejects a scenario that is not an object", () => {
    expect(errorOf([1, 2])).toBe("scenarios/tiny.json: the scenario must be an object, got [1,2]");
  });

  it("names the field of a top-level setting after the file, not as part of its name", () => {
    expect(errorOf(makeScenarioJson({ seed: 1.5 }))).toMatch(/^scenarios\/tiny\.json: seed must/);
  });

  it("rejects a fleet of null rather than taking the defaults", () => {
    expect(errorOf(makeScenarioJson({ fleet: null }))).toBe(
      "scenarios/tiny.json: fleet must be an object, got null",
    );
  });

  it("rejects an unknown trace format, naming the field", () => {
    const raw = makeScenarioJson({ trace: { file: "t.jsonl", format: "csv" } });
    expect(errorOf(raw)).toBe(
      'scenarios/tiny.json: trace.format must be "mooncake", "azure" or "burstgpt", got "csv"',
    );
  });
});
