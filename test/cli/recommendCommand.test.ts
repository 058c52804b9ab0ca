// `slaplan recommend` end to end in a child process, on the quick grid: a load that is busy for
// ten minutes and quiet for fifty (the improved planner, or from a ready fleet Dynamo's own
// rules, scale down and beat any fixed fleet), and the
// bundled Azure conversation trace's first ten minutes (no planner setting reaches 99 % from a
// small fleet with a 90 s start-up, a fixed fleet does); then its usage errors.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlannerConfig } from "../../src/planner/index.ts";
import { REPO_ROOT, runSlaplan, type SlaplanRun } from "../support/runSlaplan.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

let folder: Awaited<ReturnType<typeof makeTempFolder>>;
let run: SlaplanRun;
let scenarioFile: string;
let stepFile: string;
let readyFile: string;
let configFile: string;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-recommend-");
  const bundled = JSON.parse(await readFile(join(REPO_ROOT, "scenarios/azure-conv.json"), "utf8"));
  const scenario = {
    ...bundled,
    profile: join(REPO_ROOT, "profiles/h200-llama3.1-8b-fp8"),
    trace: {
      ...bundled.trace,
      file: join(REPO_ROOT, "scenarios/traces/AzureLLMInferenceTrace_conv.csv"),
      durationS: 600,
    },
  };
  scenarioFile = join(folder.path, "azure-conv-10min.json");
  configFile = join(folder.path, "planner.json");
  await writeFile(scenarioFile, JSON.stringify(scenario));
  const shape = { isl1Tokens: 2000, osl1Tokens: 200, isl2Tokens: 2000, osl2Tokens: 200 };
  const busyThenQuiet = {
    name: "busy-then-quiet",
    description: "ten busy minutes at 150 req/s, then fifty quiet ones at 0.5 req/s",
    profile: join(REPO_ROOT, "profiles/h200-llama3.1-8b-fp8"),
    trace: {
      steps: {
        steps: [
          { untilS: 600, ratePerS: 150 },
          { untilS: 3600, ratePerS: 0.5 },
        ],
        ...shape,
      },
    },
    planner: { mode: "improved", adjustmentIntervalS: 60, ttftTargetS: 0.5, itlTargetS: 0.02 },
    fleet: { initialPrefill: 2, initialDecode: 2 },
    seed: 1,
  };
  stepFile = join(folder.path, "busy-then-quiet.json");
  await writeFile(stepFile, JSON.stringify(busyThenQuiet));
  // Started from a fleet ready for the busy minutes, Dynamo's own rules serve them too.
  readyFile = join(folder.path, "busy-then-quiet-ready.json");
  const ready = { ...busyThenQuiet, fleet: { initialPrefill: 4, initialDecode: 3 } };
  await writeFile(readyFile, JSON.stringify(ready));
  run = await runSlaplan([
    "recommend",
    stepFile,
    "--quick",
    "--goal",
    "0.4",
    "--workers",
    "2",
    "--config-out",
    configFile,
  ]);
}, 180_000);

afterAll(async () => {
  await folder.remove();
});

/** The recommendation of a fixed fleet; its groups: prefill replicas, decode replicas, GPUs. */
const FIXED_FLEET_LINE = new RegExp(
  String.raw`^Recommendation: a fixed fleet of (\d+) prefill replicas? and ` +
    String.raw`(\d+) decode replicas? \((\d+) GPUs\), no scaling$`,
  "m",
);

/** Attainment (share) and GPU-hours of the table row whose configuration starts with `label`. */
function row(label: string): { attainment: number; gpuHours: number } {
  const line = run.stdout
    .split("\n")
    .find((l) => /^\s+(—|[\d.]+ %)\s+[\d.]+\s+[\d.]+\s{3}/.test(l) && l.includes(`   ${label}`));
  if (line === undefined) throw new Error(`no row "${label}" in:\n${run.stdout}`);
  const [, attainment, gpuHours] = /^\s+(—|[\d.]+ %)\s+([\d.]+)/.exec(line) as RegExpExecArray;
  return {
    attainment: attainment === "—" ? Number.NaN : Number.parseFloat(attainment) / 100,
    gpuHours: Number(gpuHours),
  };
}

describe("slaplan recommend where scaling pays", () => {
  it("runs the quick grid and recommends a configuration meeting the goal", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("4 configurations of the improved planner, budget up to 16 GPUs");
    // The fixed fleet that serves the busy minutes holds its GPUs through the quiet ones.
    const staticRow = /^\s+([\d.]+) %\s+([\d.]+)\s+[\d.]+\s+static fleet/m.exec(run.stdout);
    const chosenRow = /^\s+([\d.]+) %\s+([\d.]+)\s+[\d.]+\s+frontier: .*◀ chosen$/m.exec(
      run.stdout,
    );
    expect(Number(chosenRow?.[2])).toBeLessThan(Number(staticRow?.[2]));
    expect(run.stdout).toMatch(
      /^Recommendation: the improved planner with arrivalVariability=\d+, minEndpoint=\d, GPU budget \d+$/m,
    );
    const expected =
      /expected on this trace: ([\d.]+) % of requests within both targets, ([\d.]+) GPU-hours/.exec(
        run.stdout,
      );
    expect(Number(expected?.[1])).toBeGreaterThanOrEqual(40);
  });

  it("costs at least the hindsight bound, and marks the chosen point on the frontier", () => {
    const bound = row("hindsight lower bound").gpuHours;
    const chosen = run.stdout.split("\n").find((l) => l.includes("◀ chosen"));
    expect(chosen).toBeDefined();
    const gpuHours = Number(/^\s+[\d.]+ %\s+([\d.]+)/.exec(chosen as string)?.[1]);
    expect(gpuHours).toBeGreaterThanOrEqual(bound);
    expect(run.stdout).toContain("on the cost–attainment frontier of the configurations tried");
  });

  it("writes planner settings that the planner's own parser accepts, matching the printout", async () => {
    const settings = JSON.parse(await readFile(configFile, "utf8"));
    const config = parsePlannerConfig(settings, configFile);
    expect(config.mode).toBe("improved");
    expect(run.stdout).toContain(`"maxGpuBudget": ${config.maxGpuBudget}`);
    expect(run.stdout).toMatch(new RegExp(`GPU budget ${config.maxGpuBudget}$`, "m"));
    expect(run.stdout).toContain(`VllmPrefillWorker:\n        replicas: ${config.minEndpoint}`);
  });

  it("shows Dynamo's planner for comparison, as the scenario sets it and as Dynamo ships", () => {
    const dynamo = row("Dynamo v0.4 with the scenario's settings");
    expect(dynamo.gpuHours).toBeGreaterThan(0);
    // Dynamo's defaults hold at most 8 GPUs, so at most 8 GPU-hours over the hour.
    const defaults = row("Dynamo v0.4 with its defaults (180 s, ARIMA, budget 8)");
    expect(defaults.gpuHours).toBeGreaterThan(0);
    expect(defaults.gpuHours).toBeLessThanOrEqual(8 * 1.01);
    expect(run.stdout).toMatch(
      /^ {2}against Dynamo v0\.4 with its defaults \(180 s, ARIMA, budget 8\): /m,
    );
  });
});

describe("slaplan recommend when Dynamo's own configuration is the cheapest meeting the goal", () => {
  it("recommends it, with its settings, and says what the improved planner would spend", async () => {
    const dynamo = await runSlaplan(["recommend", readyFile, "--quick", "--goal", "0.9"]);
    expect(dynamo.status, dynamo.stderr).toBe(0);
    expect(dynamo.stdout).toMatch(/^Recommendation: Dynamo v0\.4 with the scenario's settings$/m);
    expect(dynamo.stdout).toMatch(
      /the improved planner's cheapest setting meeting the goal spends more here/,
    );
    expect(dynamo.stdout).toContain('"mode": "dynamo-0.4"');
    expect(dynamo.stdout).toMatch(/ {3}Dynamo v0\.4 with the scenario's settings {2}◀ chosen$/m);
  }, 120_000);
});

describe("slaplan recommend when no planner configuration meets the goal", () => {
  it("recommends the smallest fixed fleet that does, and says what the planner reached", async () => {
    // Ten minutes from one replica of each role with a 90 s start-up: no planner catches up.
    const strict = await runSlaplan(["recommend", scenarioFile, "--quick", "--goal", "0.99"]);
    expect(strict.status, strict.stderr).toBe(0);
    const fixed = FIXED_FLEET_LINE.exec(strict.stdout);
    expect(fixed).not.toBeNull();
    const staticRow = new RegExp(
      `^\\s+([\\d.]+) %\\s+[\\d.]+\\s+[\\d.]+\\s+static fleet ${fixed?.[1]}P ${fixed?.[2]}D`,
      "m",
    );
    expect(Number(staticRow.exec(strict.stdout)?.[1])).toBeGreaterThanOrEqual(99);
    expect(strict.stdout).toMatch(/no planner configuration tried meets 99\.0 %: the closest, /);
    expect(strict.stdout).toContain(`VllmPrefillWorker:\n        replicas: ${fixed?.[1]}`);
    expect(strict.stdout).toContain("◀ planner's closest");
    expect(strict.stdout).toMatch(/static fleet \d+P \d+D, no scaling  ◀ chosen$/m);
  }, 120_000);
});

describe("slaplan recommend with bad usage", () => {
  it("refuses a --config-out it cannot or must not write, before running anything", async () => {
    const refusals: [string, string][] = [
      [
        "/dev/null",
        "/dev/null: is not a regular file; the planner settings must go to a regular file",
      ],
      [stepFile, `${stepFile}: is an input of this run; choose another planner settings file`],
      ["/proc/x.json", "/proc/x.json: cannot write the planner settings (ENOENT)"],
      [folder.path, `${folder.path}: is a folder; the planner settings must go to a regular file`],
    ];
    for (const [target, message] of refusals) {
      const refused = await runSlaplan(["recommend", stepFile, "--quick", "--config-out", target]);
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toBe(`slaplan: --config-out: ${message}\n`);
    }
  });

  it("refuses a bad goal, a bad worker count and a missing scenario, in one line each", async () => {
    const goal = await runSlaplan(["recommend", scenarioFile, "--goal", "99"]);
    expect(goal.status).toBe(2);
    expect(goal.stderr).toContain('--goal must be a share above 0 and at most 1, got "99"');
    const workers = await runSlaplan(["recommend", scenarioFile, "--workers", "0"]);
    expect(workers.status).toBe(2);
    expect(workers.stderr).toContain('--workers must be a whole number ≥ 1, got "0"');
    const missing = await runSlaplan(["recommend", join(folder.path, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such scenario file/);
    expect(missing.stderr).not.toContain("    at ");
  });
});
