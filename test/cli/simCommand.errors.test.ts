// `slaplan sim` on bad input: exit status 2, one line on standard error that says where the
// fault is, no stack trace, and no report left behind.
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runSlaplan, type SlaplanRun } from "../support/runSlaplan.ts";
import { makeScenarioJson, makeTempFolder } from "../support/scenarioFactories.ts";

const BUNDLED_PROFILE = join(REPO_ROOT, "profiles/h200-llama3.1-8b-fp8");
let folder: Awaited<ReturnType<typeof makeTempFolder>>;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-errors-");
});

afterAll(async () => {
  await folder.remove();
});

/** A fresh subfolder of the temporary folder for one case. */
async function caseFolder(name: string): Promise<string> {
  const path = join(folder.path, name);
  await mkdir(path);
  return path;
}

/** Three Mooncake rows 1 s apart; `third` overrides fields of the last. */
function mooncakeText(third: Record<string, unknown> = {}): string {
  const rows = [
    { timestamp: 0, input_length: 100, output_length: 5 },
    { timestamp: 1000, input_length: 100, output_length: 5 },
    { timestamp: 2000, input_length: 100, output_length: 5, ...third },
  ];
  return `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`;
}

/** Writes a scenario (and its trace) into `dir`; runs `slaplan sim` on it with a report path. */
async function simulateIn(dir: string, scenario: Record<string, unknown>, trace = mooncakeText()) {
  await writeFile(join(dir, "t.jsonl"), trace);
  const file = join(dir, "scenario.json");
  await writeFile(file, JSON.stringify(scenario));
  return runSlaplan(["sim", file, "--report", join(dir, "report.json")]);
}

/** Checks the shape every input error must have and returns its one line. */
async function expectOneLineFailure(run: SlaplanRun, dir: string): Promise<string> {
  expect(run.status).toBe(2);
  expect(run.stderr.endsWith("\n")).toBe(true);
  const lines = run.stderr.slice(0, -1).split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^slaplan: /);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain("internal error");
  const left = await readdir(dir);
  expect(left.filter((name) => name.startsWith("report.json"))).toEqual([]);
  return lines[0];
}

describe("slaplan sim on bad input", () => {
  it("rejects a scenario with an unknown field, naming the file and the field", async () => {
    const dir = await caseFolder("unknown-field");
    const scenario = makeScenarioJson({ profile: BUNDLED_PROFILE, drainLimit: 60 });
    const line = await expectOneLineFailure(await simulateIn(dir, scenario), dir);
    expect(line).toContain("scenario.json: ");
    expect(line).toContain('unknown field "drainLimit"');
  });

  it("rejects a negative start-up delay, naming the file, the field and the value", async () => {
    const dir = await caseFolder("negative-delay");
    const scenario = makeScenarioJson({
      profile: BUNDLED_PROFILE,
      fleet: { startupDelayS: -5 },
    });
    const line = await expectOneLineFailure(await simulateIn(dir, scenario), dir);
    expect(line).toMatch(/scenario\.json: fleet\.startupDelayS must be a number ≥ 0, got -5$/);
  });

  it("rejects a trace row with a negative output_length, naming the file and line 3", async () => {
    const dir = await caseFolder("negative-osl");
    const scenario = makeScenarioJson({ profile: BUNDLED_PROFILE });
    const run = await simulateIn(dir, scenario, mooncakeText({ output_length: -3 }));
    const line = await expectOneLineFailure(run, dir);
    expect(line).toMatch(
      /scenario\.json: t\.jsonl line 3: output_length must be a whole number ≥ 0, got -3$/,
    );
  });

  it("rejects a garbled profile directory, naming the broken file", async () => {
    const dir = await caseFolder("garbled-profile");
    const profile = join(dir, "profile");
    await cp(BUNDLED_PROFILE, profile, { recursive: true });
    const prefill = join(profile, "selected_prefill_interpolation");
    await writeFile(join(prefill, "raw_data.npz"), "this is not a zip archive");
    const run = await simulateIn(dir, makeScenarioJson({ profile: "profile" }));
    const line = await expectOneLineFailure(run, dir);
    expect(line).toContain("scenario.json: profile: ");
    expect(line).toContain(join(prefill, "raw_data.npz"));
  });

  it("rejects a profile whose JSON is cut short, naming the file", async () => {
    const dir = await caseFolder("truncated-profile");
    const profile = join(dir, "profile");
    await cp(BUNDLED_PROFILE, profile, { recursive: true });
    const decode = join(profile, "selected_decode_interpolation");
    await writeFile(join(decode, "raw_data.npz"), '{"x_kv_usage": [0.1, 0.2');
    const run = await simulateIn(dir, makeScenarioJson({ profile: "profile" }));
    const line = await expectOneLineFailure(run, dir);
    expect(line).toContain(`${join(decode, "raw_data.npz")}: not valid JSON`);
  });

  it("rejects a profile directory that does not exist", async () => {
    const dir = await caseFolder("no-profile");
    const run = await simulateIn(dir, makeScenarioJson({ profile: "nowhere" }));
    const line = await expectOneLineFailure(run, dir);
    expect(line).toContain(`${join(dir, "nowhere")}: directory not found`);
  });

  it("rejects a trace file that is not there before starting, naming the field and the path", async () => {
    const dir = await caseFolder("missing-trace");
    const scenario = makeScenarioJson({ profile: BUNDLED_PROFILE, trace: { file: "gone.csv" } });
    const run = await simulateIn(dir, scenario);
    const line = await expectOneLineFailure(run, dir);
    expect(line).toBe(
      `slaplan: ${join(dir, "scenario.json")}: trace.file "gone.csv": no such file ` +
        `(${join(dir, "gone.csv")})`,
    );
    expect(run.stdout).toBe("");
  });

  it("rejects a scenario that is not JSON, giving the line and column of the fault", async () => {
    const dir = await caseFolder("bad-json");
    const file = join(dir, "scenario.json");
    await writeFile(file, '{\n  "name": "tiny",\n  "profile": 3,,\n}\n');
    const line = await expectOneLineFailure(await runSlaplan(["sim", file]), dir);
    expect(line).toMatch(/scenario\.json: not valid JSON \(.* at line 3 column 16\)$/);
  });

  it("rejects a scenario file that does not exist", async () => {
    const dir = await caseFolder("no-scenario");
    const file = join(dir, "nosuch.json");
    const run = await runSlaplan(["sim", file, "--report", join(dir, "report.json")]);
    const line = await expectOneLineFailure(run, dir);
    expect(line).toContain("nosuch.json: no such scenario file");
  });

  it("rejects a report path that is a folder, leaving no partial file", async () => {
    const dir = await caseFolder("report-is-folder");
    await mkdir(join(dir, "report.json"));
    const scenario = join(REPO_ROOT, "scenarios/dynamo-sin-load.json");
    const report = join(dir, "report.json");
    const run = await runSlaplan(["sim", scenario, "--quiet", "--report", report]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `slaplan: ${report}: is a folder; the report must go to a regular file\n`,
    );
    expect(await readdir(dir)).toEqual(["report.json"]);
    expect(await readdir(report)).toEqual([]);
  });
});

describe("slaplan usage errors", () => {
  it("slaplan sim a.json b.json exits 2, saying it takes one scenario", async () => {
    const run = await runSlaplan(["sim", "a.json", "b.json"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "slaplan: expected at most one scenario file, got 2 (see 'slaplan sim --help')\n",
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it("slaplan nosuch exits 2, naming the unknown command", async () => {
    const run = await runSlaplan(["nosuch"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`slaplan: unknown command "nosuch" (see 'slaplan --help')\n`);
    expect(run.stdout).toBe("");
  });

  it("slaplan sim --bogus exits 2, naming the option", async () => {
    const run = await runSlaplan(["sim", "--bogus"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^slaplan: .*--bogus/);
  });

  it("slaplan sim --help prints the usage and exits 0", async () => {
    const run = await runSlaplan(["sim", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: slaplan sim \[SCENARIO\.json\] \[options\]\n/);
    expect(run.stdout).toContain("--report FILE");
  });
});
