// `slaplan sweep` end to end on the bundled Azure trace (its first 300 s): the results file, a
// resumed run, a refused file of another sweep, shards merged back, bad input, the Job.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadAllYaml } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandArgs } from "../../sim/cli/parseCommandArgs.ts";
import { parseShard } from "../../sim/cli/sweepCommand.ts";
import { REPO_ROOT, runSlaplan, type SlaplanRun } from "../support/runSlaplan.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

const SCENARIO = join(REPO_ROOT, "scenarios/azure-conv.json");
let folder: Awaited<ReturnType<typeof makeTempFolder>>;

/** A sweep of 2 budgets × 2 seeds on azure-conv's first 300 s, overridden field by field. */
function makeSweep(overrides: Record<string, unknown> = {}) {
  return {
    name: "tiny",
    scenario: SCENARIO,
    set: { "trace.durationS": 300 },
    grid: { "planner.maxGpuBudget": [4, 8] },
    seeds: 2,
    ...overrides,
  };
}

async function writeSweep(name: string, sweep: unknown): Promise<string> {
  const file = join(folder.path, name);
  await writeFile(file, JSON.stringify(sweep));
  return file;
}

async function lines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

/** A point's line without its wall time, the one figure that differs between runs. */
function withoutWallTime(line: Record<string, unknown>) {
  const { wallS: _wallS, ...rest } = line;
  return rest;
}

function expectInputError(run: SlaplanRun): string {
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^slaplan: [^\n]*\n$/);
  expect(run.stderr).not.toContain("internal error");
  return run.stderr.trim();
}

let sweepFile: string;
let resultsFile: string;
let firstRun: SlaplanRun;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-sweep-");
  sweepFile = await writeSweep("tiny.sweep.json", makeSweep());
  resultsFile = join(folder.path, "tiny.jsonl");
  firstRun = await runSlaplan(["sweep", sweepFile, "--out", resultsFile, "--workers", "2"]);
});

afterAll(async () => {
  await folder.remove();
});

describe("slaplan sweep", () => {
  it("writes a header, then one line per point with its parameters, seed and figures", async () => {
    expect(firstRun.status).toBe(0);
    const [header, ...points] = await lines(resultsFile);
    expect(header).toMatchObject({
      kind: "slaplan sweep results",
      version: 1,
      sweep: "tiny",
      points: 4,
      parameters: ["planner.maxGpuBudget"],
      shard: null,
    });
    expect(header.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const byIndex = [...points].sort((a, b) => (a.index as number) - (b.index as number));
    expect(byIndex.map((p) => [p.index, p.parameters, p.seed])).toEqual([
      [0, { "planner.maxGpuBudget": 4 }, 1],
      [1, { "planner.maxGpuBudget": 4 }, 2],
      [2, { "planner.maxGpuBudget": 8 }, 1],
      [3, { "planner.maxGpuBudget": 8 }, 2],
    ]);
    for (const point of points) {
      expect(Object.keys(point).sort()).toEqual(
        [
          "attainment",
          "gpuHours",
          "index",
          "itlP99S",
          "parameters",
          "peakDecodeReplicas",
          "peakPrefillReplicas",
          "requests",
          "scalingActions",
          "seed",
          "ttftP99S",
          "wallS",
        ].sort(),
      );
      expect(point.attainment as number).toBeGreaterThanOrEqual(0);
      expect(point.attainment as number).toBeLessThanOrEqual(1);
      expect(point.gpuHours as number).toBeGreaterThan(0);
      expect((point.requests as { arrived: number }).arrived).toBeGreaterThan(1000);
    }
  });

  it("prints one report row per budget, cheapest first, and where the results are", () => {
    const table = firstRun.stdout.split("\n");
    const headerAt = table.findIndex((line) => line.startsWith("planner.maxGpuBudget"));
    expect(table[headerAt]).toMatch(/seeds\s+attainment \(95 % CI\)\s+GPU-hours \(95 % CI\)/);
    expect(table[headerAt + 1]).toMatch(/^4\s+2\s+/);
    expect(table[headerAt + 2]).toMatch(/^8\s+2\s+/);
    expect(firstRun.stdout).toContain(`Results in ${resultsFile}`);
  });

  it("shows every combination as a multiple of its hindsight bound, never below 0.5", () => {
    const table = firstRun.stdout.split("\n");
    const headerAt = table.findIndex((line) => line.startsWith("planner.maxGpuBudget"));
    expect(table[headerAt]).toMatch(/GPU-hours \(95 % CI\)\s+× bound\s+actions/);
    for (const row of table.slice(headerAt + 1, headerAt + 3)) {
      // The cells after the GPU-hours interval: "× bound" comes first.
      const times = Number(/[\d.]+ ± [\d.]+\s+([\d.]+)\s/.exec(row)?.[1]);
      expect(times).toBeGreaterThan(0.5);
      expect(times).toBeLessThan(5);
    }
  });

  it("runs only the point whose line was lost, and says how many it skipped", async () => {
    const before = await lines(resultsFile);
    const text = await readFile(resultsFile, "utf8");
    const kept = text.trimEnd().split("\n").slice(0, -1);
    await writeFile(resultsFile, `${kept.join("\n")}\n`);
    const run = await runSlaplan(["sweep", sweepFile, "--out", resultsFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`3 already in ${resultsFile}, skipped; 1 to run`);
    const after = await lines(resultsFile);
    expect(after).toHaveLength(5);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(withoutWallTime(after[4])).toEqual(withoutWallTime(before[4]));
  });

  it("drops a half-written last line and runs its point again", async () => {
    const before = await lines(resultsFile);
    const text = await readFile(resultsFile, "utf8");
    await writeFile(resultsFile, text.slice(0, text.length - 40));
    const run = await runSlaplan(["sweep", sweepFile, "--out", resultsFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("dropped a half-written last line");
    const after = await lines(resultsFile);
    expect(after.map(withoutWallTime)).toEqual(before.map(withoutWallTime));
  });

  it("refuses a results file of a different sweep and leaves it as it was", async () => {
    const other = await writeSweep("other.sweep.json", makeSweep({ seeds: 3 }));
    const before = await readFile(resultsFile, "utf8");
    const run = await runSlaplan(["sweep", other, "--out", resultsFile]);
    const message = expectInputError(run);
    expect(message).toContain(`${resultsFile}: holds results of a different sweep ("tiny"`);
    expect(await readFile(resultsFile, "utf8")).toBe(before);
  });

  it("gives, shard by shard and merged, the same points as the whole sweep", async () => {
    const shards = [0, 1, 2].map((i) => join(folder.path, `shard-${i}.jsonl`));
    for (const [i, shard] of shards.entries()) {
      const run = await runSlaplan(["sweep", sweepFile, "--shard", `${i}/3`, "--out", shard]);
      expect(run.status).toBe(0);
      const indices = (await lines(shard)).slice(1).map((p) => p.index as number);
      expect(indices.every((index) => index % 3 === i)).toBe(true);
    }
    const merged = join(folder.path, "merged.jsonl");
    const html = join(folder.path, "merged.html");
    const run = await runSlaplan(["sweep", "merge", ...shards, "--out", merged, "--html", html]);
    expect(run.status).toBe(0);
    const page = await readFile(html, "utf8");
    expect(page).toContain('<figure id="cost-attainment">');
    // One dot per budget, and the table's header row and one row per budget.
    expect(page.match(/<circle /g)).toHaveLength(2);
    expect(page.match(/<tr/g)).toHaveLength(3);
    const [mergedHeader, ...mergedPoints] = await lines(merged);
    const [wholeHeader, ...wholePoints] = await lines(resultsFile);
    expect(mergedHeader).toEqual(wholeHeader);
    const sorted = wholePoints.sort((a, b) => (a.index as number) - (b.index as number));
    expect(mergedPoints.map(withoutWallTime)).toEqual(sorted.map(withoutWallTime));
  });

  it("merge refuses a point found twice and names the points missing", async () => {
    const shard = join(folder.path, "shard-0.jsonl");
    const twice = await runSlaplan([
      "sweep",
      "merge",
      shard,
      shard,
      "--out",
      join(folder.path, "m2"),
    ]);
    // The shard's first line holds whichever of its points finished first (0 or 3).
    expect(expectInputError(twice)).toMatch(/: point [03] is also at .*shard-0\.jsonl line 2 /);
    const partial = join(folder.path, "partial.jsonl");
    const run = await runSlaplan(["sweep", "merge", shard, "--out", partial]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("2 of 4 points are missing (1, 2)");
    expect((await lines(partial)).slice(1).map((p) => p.index)).toEqual([0, 3]);
  });
});

describe("slaplan sweep on bad input", () => {
  it("names the sweep file and the parameter whose value the scenario parser refuses", async () => {
    const file = await writeSweep(
      "zero.sweep.json",
      makeSweep({ grid: { "planner.maxGpuBudget": [4, 0] } }),
    );
    const out = join(folder.path, "zero.jsonl");
    const message = expectInputError(await runSlaplan(["sweep", file, "--out", out]));
    expect(message).toBe(
      `slaplan: ${file}: parameter "planner.maxGpuBudget" = 0: ${SCENARIO}: planner.maxGpuBudget ` +
        `must be a whole number ≥ 1, got 0`,
    );
    await expect(readFile(out)).rejects.toThrow();
  });

  it("names the sweep file and an unknown parameter path", async () => {
    const file = await writeSweep(
      "typo.sweep.json",
      makeSweep({ grid: { "planner.maxGpuBudgett": [4] } }),
    );
    const message = expectInputError(await runSlaplan(["sweep", file]));
    expect(message).toContain(
      `${file}: parameter "planner.maxGpuBudgett" = 4: ${SCENARIO}: planner: unknown field "maxGpuBudgett"`,
    );
  });

  it("refuses an empty grid", async () => {
    const file = await writeSweep("empty.sweep.json", makeSweep({ grid: {} }));
    const message = expectInputError(await runSlaplan(["sweep", file]));
    expect(message).toBe(
      `slaplan: ${file}: grid names no parameter; give at least one, with its values`,
    );
  });

  it("refuses a --shard that is not I/N with I below N", async () => {
    for (const shard of ["3/3", "1", "-1/3", "a/b", "0/0"]) {
      const message = expectInputError(await runSlaplan(["sweep", sweepFile, `--shard=${shard}`]));
      expect(message).toContain(`--shard must be I/N`);
      expect(message).toContain(`got "${shard}"`);
    }
  });
});

describe("slaplan sweep --emit-k8s-job", () => {
  it("writes an Indexed Job whose pods each run one shard of the bundled sweep", async () => {
    const sweep = "scenarios/sweeps/azure-conv-budget.sweep.json";
    const run = await runSlaplan(["sweep", "--emit-k8s-job", "--shards", "3", sweep]);
    expect(run.status).toBe(0);
    const docs = loadAllYaml(run.stdout) as Record<string, any>[];
    expect(docs).toHaveLength(1);
    const job = docs[0];
    expect([job.apiVersion, job.kind]).toEqual(["batch/v1", "Job"]);
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: 3, parallelism: 3 });
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toEqual(["node", "sim/cli/slaplan.mjs"]);
    const [command, ...rest] = container.args as string[];
    expect(command).toBe("sweep");
    // The arguments a pod of index 2 gets, after Kubernetes expands $(JOB_COMPLETION_INDEX).
    const podArgs = rest.map((arg) => arg.replace("$(JOB_COMPLETION_INDEX)", "2"));
    const { values, positionals } = parseCommandArgs(
      podArgs,
      { shard: { type: "string" }, out: { type: "string" }, workers: { type: "string" } },
      "sweep",
    );
    expect(positionals).toEqual([sweep]);
    expect(parseShard(values.shard as string)).toEqual({ index: 2, count: 3 });
    expect(values.out).toBe("/results/shard-2.jsonl");
    const mounts = container.volumeMounts.map((m: { mountPath: string }) => m.mountPath);
    expect(mounts).toEqual(["/app/scenarios", "/results"]);
  });
});
