// `slaplan bound` end to end on the bundled Azure conversation scenario, its first 15 minutes,
// in a child process; then its usage errors.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runSlaplan, type SlaplanRun } from "../support/runSlaplan.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

let folder: Awaited<ReturnType<typeof makeTempFolder>>;
let run: SlaplanRun;
let scenarioFile: string;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-bound-");
  const bundled = JSON.parse(await readFile(join(REPO_ROOT, "scenarios/azure-conv.json"), "utf8"));
  const scenario = {
    ...bundled,
    profile: join(REPO_ROOT, "profiles/h200-llama3.1-8b-fp8"),
    trace: {
      ...bundled.trace,
      file: join(REPO_ROOT, "scenarios/traces/AzureLLMInferenceTrace_conv.csv"),
      durationS: 900,
    },
  };
  scenarioFile = join(folder.path, "azure-conv-15min.json");
  await writeFile(scenarioFile, JSON.stringify(scenario));
  run = await runSlaplan(["bound", scenarioFile, "--goal", "0.99"]);
}, 120_000);

afterAll(async () => {
  await folder.remove();
});

/** The attainment (a share) and GPU-hours of the table row starting with `label`. */
function row(label: string): { attainment: number; gpuHours: number; ratio: number } {
  const line = run.stdout.split("\n").find((l) => l.startsWith(`  ${label}`));
  if (line === undefined) throw new Error(`no row "${label}" in:\n${run.stdout}`);
  const match = /(—|[\d.]+ %)\s+([\d.]+)\s+([\d.]+)$/.exec(line);
  if (match === null) throw new Error(`row "${label}" has no figures: ${line}`);
  const attainment = match[1] === "—" ? Number.NaN : Number.parseFloat(match[1]) / 100;
  return { attainment, gpuHours: Number(match[2]), ratio: Number(match[3]) };
}

describe("slaplan bound on azure-conv's first 15 minutes", () => {
  it("exits 0 with nothing on standard error", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("prints the bound, the static fleet and the planner side by side", () => {
    expect(run.stdout).toMatch(/^ {2}hindsight bound +— +\d+\.\d\d +1\.00$/m);
    expect(run.stdout).toMatch(/^ {2}static fleet \d+P \d+D +\d+\.\d %/m);
    expect(run.stdout).toMatch(/^ {2}planner \(improved\) +\d+\.\d %/m);
    expect(run.stdout).toMatch(/^ {2}static \d+P \d+D: \d+\.\d % attained/m);
  });

  it("finds a static fleet meeting the goal, dearer than the bound", () => {
    const bound = row("hindsight bound");
    const fleet = row("static fleet");
    expect(fleet.attainment).toBeGreaterThanOrEqual(0.99);
    expect(fleet.gpuHours).toBeGreaterThanOrEqual(bound.gpuHours);
  });

  it("puts the bound at or below the planner's GPU-hours when the planner meets the goal", () => {
    const bound = row("hindsight bound");
    const planner = row("planner (improved)");
    if (planner.attainment >= 0.99) expect(planner.gpuHours).toBeGreaterThanOrEqual(bound.gpuHours);
    expect(planner.ratio).toBeCloseTo(planner.gpuHours / bound.gpuHours, 1);
  });

  it("runs a few dozen fleets at most", () => {
    const match = /static fleet: (\d+) fleets run, up to 16 GPUs/.exec(run.stdout);
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBeLessThanOrEqual(36);
  });
});

describe("slaplan bound's usage errors", () => {
  it("refuses a goal outside (0, 1] with one line and exit status 2", async () => {
    const bad = await runSlaplan(["bound", scenarioFile, "--goal", "99"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      `slaplan: --goal must be a share above 0 and at most 1, got "99" (see 'slaplan bound --help')\n`,
    );
  });

  it("needs exactly one scenario file", async () => {
    const bad = await runSlaplan(["bound"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^slaplan: expected one scenario file, got 0/);
  });

  it("names a scenario file that does not exist", async () => {
    const bad = await runSlaplan(["bound", "no-such.json"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("slaplan: no-such.json: no such scenario file\n");
  });
});
