// `slaplan sim` end to end on three bundled scenarios, each run once in a child process.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSlaplan, type SlaplanRun } from "../support/runSlaplan.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

interface BundledRun {
  readonly run: SlaplanRun;
  readonly reportFile: string;
}

const SCENARIOS = ["dynamo-sin-load", "azure-conv", "mooncake-conv-kv-routing"] as const;
const runs = new Map<string, BundledRun>();
let folder: Awaited<ReturnType<typeof makeTempFolder>>;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-bundled-");
  await Promise.all(
    SCENARIOS.map(async (name) => {
      const reportFile = join(folder.path, `${name}.json`);
      const run = await runSlaplan(["sim", `scenarios/${name}.json`, "--report", reportFile]);
      runs.set(name, { run, reportFile });
    }),
  );
});

afterAll(async () => {
  await folder.remove();
});

async function reportOf(name: string) {
  return JSON.parse(await readFile((runs.get(name) as BundledRun).reportFile, "utf8"));
}

const live = (c: { pending: number; starting: number; ready: number }) =>
  c.pending + c.starting + c.ready;

describe.each(SCENARIOS)("slaplan sim scenarios/%s.json", (name) => {
  it("exits 0 with nothing on standard error", () => {
    const { run } = runs.get(name) as BundledRun;
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("prints Dynamo's planner log lines", () => {
    const { stdout } = (runs.get(name) as BundledRun).run;
    expect(stdout).toMatch(/^\[0:01:00\] INFO {4}New adjustment interval started!$/m);
    expect(stdout).toMatch(/^\[\d+:\d\d:\d\d\] INFO {4}Observed num_req: \d+\.\d\d isl: /m);
    expect(stdout).toMatch(
      /^\[\d+:\d\d:\d\d\] INFO {4}Predicted number of engine replicas: prefill=\d+, decode=\d+$/m,
    );
  });

  it("prints the summary and where the report went", () => {
    const { run, reportFile } = runs.get(name) as BundledRun;
    expect(run.stdout).toContain(`Summary of ${name}\n`);
    expect(run.stdout).toMatch(/^ {2}requests {7}[\d,]+ arrived, [\d,]+ completed, /m);
    expect(run.stdout).toMatch(/^ {4}prefill {6}[\d+]+$/m);
    expect(run.stdout.endsWith(`Report written to ${reportFile}\n`)).toBe(true);
  });

  it("writes a report in which every request that arrived is accounted for", async () => {
    const { requests } = (await reportOf(name)).summary;
    expect(requests.completed + requests.rejected + requests.unfinished).toBe(requests.arrived);
    expect(requests.arrived).toBeGreaterThan(0);
  });

  it("prints the same request counts as the report holds", async () => {
    const { requests } = (await reportOf(name)).summary;
    const counts = (n: number) => n.toLocaleString("en-US");
    expect((runs.get(name) as BundledRun).run.stdout).toContain(
      `${counts(requests.arrived)} arrived, ${counts(requests.completed)} completed`,
    );
  });
});

describe("the bundled scenarios' reports", () => {
  it("azure-conv replays all 19,366 rows of the trace 12 times: 232,392 requests", async () => {
    const report = await reportOf("azure-conv");
    expect(report.summary.requests.arrived).toBe(19_366 * 12);
    expect(report.scenario.trace).toMatchObject({ kind: "file", replicate: 12 });
  });

  it("dynamo-sin-load swings between 1 prefill + 1 decode and at least 3 of each", async () => {
    // Dynamo reports 1P1D to 3P3D on real engines. Here decode climbs higher at the peaks: the
    // frontend's ITL includes each request's wait for a decode slot and the recomputation of
    // preempted requests, and Dynamo v0.4 scales decode by that observed ITL.
    const { intervals } = await reportOf("dynamo-sin-load");
    type Interval = { prefillAfter: never; decodeAfter: never };
    const shapes = intervals.map(
      (i: Interval) => `${live(i.prefillAfter)}P${live(i.decodeAfter)}D`,
    );
    expect(shapes).toContain("1P1D");
    expect(
      Math.max(...intervals.map((i: Interval) => live(i.prefillAfter))),
    ).toBeGreaterThanOrEqual(3);
    expect(Math.max(...intervals.map((i: Interval) => live(i.decodeAfter)))).toBeGreaterThanOrEqual(
      3,
    );
  });

  it("mooncake-conv-kv-routing turns away exactly the rows longer than the 16,384-token context", async () => {
    const rows = (await readFile("scenarios/traces/conversation_trace.jsonl", "utf8"))
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { input_length: number; output_length: number });
    const tooLong = rows.filter((r) => r.input_length + r.output_length > 16_384).length;
    const { requests, engine } = (await reportOf("mooncake-conv-kv-routing")).summary;
    expect(requests.arrived).toBe(rows.length);
    expect(requests.rejectedExceedingContext).toBe(tooLong);
    expect(tooLong).toBeGreaterThan(0);
    // Follow-up turns reuse their conversation's earlier prompt blocks.
    expect(engine.prefixCacheHitShare).toBeGreaterThan(0.1);
  });

  it("dynamo-sin-load decides every 60 s over its 1,800 s of load", async () => {
    const { intervals } = await reportOf("dynamo-sin-load");
    expect(intervals.length).toBeGreaterThanOrEqual(1800 / 60);
    intervals.forEach((interval: { index: number; endS: number }, i: number) => {
      expect([interval.index, interval.endS]).toEqual([i, (i + 1) * 60]);
    });
  });
});
