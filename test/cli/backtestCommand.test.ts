import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAzureTimestamp, ticksBetween, TICKS_PER_S } from "../../sim/traces/azureTimestamp.ts";
import { REPO_ROOT, runSlaplan } from "../support/runSlaplan.ts";
import { mooncakeLine } from "../traces/traceFactories.ts";

interface BacktestRow {
  predictor: string;
  series: string;
  num_scored: number;
  mape_percent: number | null;
  under_share: number | null;
  mae: number | null;
  num_warnings: number;
  first_warning: string | null;
}

interface BacktestJson {
  trace: string;
  interval_s: number;
  num_intervals: number;
  results: BacktestRow[];
}

function rowOf(output: BacktestJson, predictor: string, series: string): BacktestRow {
  const row = output.results.find((r) => r.predictor === predictor && r.series === series);
  if (row === undefined) throw new Error(`no row for ${predictor} ${series}`);
  return row;
}

/** A Mooncake trace: one line per [arrival in seconds, ISL, OSL]. */
function mooncakeTrace(requests: readonly (readonly [number, number, number])[]): string {
  const lines = requests.map(([arrivalS, isl, osl]) =>
    mooncakeLine({ timestamp: arrivalS * 1000, input_length: isl, output_length: osl }),
  );
  return `${lines.join("\n")}\n`;
}

describe("slaplan plan backtest", () => {
  let folder: string;
  let smallTrace: string;
  let steadyTrace: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "slaplan-backtest-"));
    // Minute 0: 2 requests (ISL 100); minute 1: 4 (ISL 200); minute 2: none; minute 3: 4 (ISL 300).
    smallTrace = join(folder, "small.jsonl");
    await writeFile(
      smallTrace,
      mooncakeTrace([
        [0, 100, 10],
        [30, 100, 10],
        ...[60, 70, 80, 90].map((s) => [s, 200, 20] as const),
        ...[180, 190, 200, 210].map((s) => [s, 300, 30] as const),
      ]),
    );
    // 10 requests a minute, evenly spaced, for 30 minutes, all alike.
    steadyTrace = join(folder, "steady.jsonl");
    await writeFile(
      steadyTrace,
      mooncakeTrace(Array.from({ length: 300 }, (_, i) => [6 * i, 500, 50])),
    );
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("scores the constant predictor on a small trace as worked by hand", async () => {
    // Requests 2, 4, 0, 4: forecasts (the last value) 2, 4, 0 for minutes 1–3. Errors 2, 4, 4:
    // MAE 10/3; under-predicted at minutes 1 and 3; percentage errors 50 % and 100 % (minute 2
    // had no requests, so no percentage): MAPE 75 %.
    // ISL 100, 200, —, 300: minute 2 has no ISL to score, but the predictor records it as 0,
    // so minute 3 is forecast 0: errors 100 and 300, both under, 50 % and 100 %.
    const run = await runSlaplan([
      "plan",
      "backtest",
      smallTrace,
      "--predictors",
      "constant",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as BacktestJson;
    expect(output.interval_s).toBe(60);
    expect(output.num_intervals).toBe(4);
    const numReq = rowOf(output, "constant", "num_req");
    expect(numReq.num_scored).toBe(3);
    expect(numReq.mape_percent).toBeCloseTo(75, 12);
    expect(numReq.under_share).toBeCloseTo(2 / 3, 12);
    expect(numReq.mae).toBeCloseTo(10 / 3, 12);
    const isl = rowOf(output, "constant", "isl");
    expect([isl.num_scored, isl.mape_percent, isl.under_share, isl.mae]).toEqual([2, 75, 1, 200]);
    const osl = rowOf(output, "constant", "osl");
    expect([osl.num_scored, osl.mape_percent, osl.under_share, osl.mae]).toEqual([2, 75, 1, 20]);
  });

  it("finds every predictor exact on a steady trace, where the last value is the truth", async () => {
    const run = await runSlaplan(["plan", "backtest", steadyTrace, "--json"]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as BacktestJson;
    expect(output.num_intervals).toBe(30);
    expect(output.results).toHaveLength(12);
    for (const row of output.results) {
      expect(row.num_scored).toBe(29);
      expect(row.mape_percent).toBeLessThan(0.01);
      expect(row.under_share).toBe(0);
      expect(row.num_warnings).toBe(0);
    }
  });

  it("replays the bundled Azure conversation trace with every predictor", async () => {
    const file = "scenarios/traces/AzureLLMInferenceTrace_conv.csv";
    const run = await runSlaplan(["plan", "backtest", file, "--json"]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as BacktestJson;
    // The trace runs from its first row's timestamp to its last: that many minutes, plus one.
    const rows = readFileSync(join(REPO_ROOT, file), "utf8").trim().split(/\r?\n/);
    const timestampOf = (row: string) => {
      const timestamp = parseAzureTimestamp(row.split(",")[0]);
      if (timestamp === undefined) throw new Error(`${file}: bad timestamp in ${row}`);
      return timestamp;
    };
    const spanS =
      ticksBetween(timestampOf(rows[1]), timestampOf(rows[rows.length - 1])) / TICKS_PER_S;
    expect(output.num_intervals).toBe(Math.floor(spanS / 60) + 1);
    expect(output.results.map((r) => `${r.predictor} ${r.series}`)).toEqual(
      ["constant", "arima", "kalman", "seasonal"].flatMap((p) =>
        ["num_req", "isl", "osl"].map((s) => `${p} ${s}`),
      ),
    );
    for (const row of output.results) {
      expect(row.num_scored).toBe(output.num_intervals - 1);
      expect(Number.isFinite(row.mape_percent)).toBe(true);
      expect(row.mape_percent).toBeGreaterThan(0);
      expect(row.under_share).toBeGreaterThanOrEqual(0);
      expect(row.under_share).toBeLessThanOrEqual(1);
      expect(row.mae).toBeGreaterThan(0);
    }
  });

  it("prints a table by default, one row per predictor and series", async () => {
    const run = await runSlaplan(["plan", "backtest", steadyTrace, "--predictors", "kalman,arima"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toBe(`Backtest of ${steadyTrace}: 30 intervals of 60 s`);
    expect(lines[2].split(/\s+/)).toEqual([
      "predictor",
      "series",
      "MAPE",
      "%",
      "under",
      "%",
      "MAE",
      "scored",
      "warnings",
    ]);
    expect(lines.slice(3).map((line) => line.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "kalman num_req",
      "kalman isl",
      "kalman osl",
      "arima num_req",
      "arima isl",
      "arima osl",
    ]);
  });

  it("applies --interval, --speed-up, --window, --log1p and --format", async () => {
    const renamed = join(folder, "steady.txt");
    await writeFile(renamed, readFileSync(steadyTrace, "utf8"));
    const run = await runSlaplan([
      "plan",
      "backtest",
      renamed,
      "--format",
      "mooncake",
      "--interval",
      "120",
      "--speed-up",
      "2",
      "--window",
      "10",
      "--log1p",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    const output = JSON.parse(run.stdout) as BacktestJson;
    // 30 minutes replayed twice as fast, in 2-minute intervals: 15 minutes, 8 intervals of 40
    // requests but the last, which holds only the final minute's 20. The constant predictor
    // is exact on intervals 1–6 and 100 % off on interval 7: MAPE 100/7 %.
    expect(output.interval_s).toBe(120);
    expect(output.num_intervals).toBe(8);
    expect(rowOf(output, "constant", "num_req").mape_percent).toBeCloseTo(100 / 7, 12);
  });

  it("--help prints the usage and exits 0; plan --help mentions backtest", async () => {
    const run = await runSlaplan(["plan", "backtest", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: slaplan plan backtest TRACE/);
    expect((await runSlaplan(["plan", "--help"])).stdout).toContain("slaplan plan backtest TRACE");
  });

  it.each([
    [
      ["plan", "backtest"],
      "slaplan: expected one trace file, got 0 (see 'slaplan plan backtest --help')",
    ],
    [["plan", "backtest", "missing.jsonl"], "slaplan: missing.jsonl: no such trace file"],
    [
      ["plan", "backtest", "x.jsonl", "--interval", "abc"],
      'slaplan: --interval must be a number ≥ 1, got "abc"',
    ],
    [
      ["plan", "backtest", "x.jsonl", "--interval", "0"],
      'slaplan: --interval must be a number ≥ 1, got "0"',
    ],
    [
      ["plan", "backtest", "x.jsonl", "--window", "2.5"],
      'slaplan: --window must be a whole number ≥ 1, got "2.5"',
    ],
    [
      ["plan", "backtest", "x.jsonl", "--speed-up=-1"],
      'slaplan: --speed-up must be a number > 0, got "-1"',
    ],
    [
      ["plan", "backtest", "x.jsonl", "--predictors", "arima,prophet"],
      'slaplan: --predictors: unknown predictor "prophet" (expected a comma-separated list of constant, arima, kalman, seasonal)',
    ],
    [
      ["plan", "backtest", "x.jsonl", "--format", "csv"],
      'slaplan: trace format must be "mooncake", "azure" or "burstgpt", got "csv"',
    ],
  ])("slaplan %j exits 2 with one line: %s", async (args, message) => {
    const run = await runSlaplan(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe(message);
  });

  it("names the file and line of a malformed trace row, exit status 2", async () => {
    const broken = join(folder, "broken.jsonl");
    await writeFile(broken, `${mooncakeLine()}\n${mooncakeLine({ output_length: -3 })}\n`);
    const run = await runSlaplan(["plan", "backtest", broken]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^slaplan: .*broken\.jsonl line 2: output_length .*-3\n$/);
  });

  it("refuses a trace without requests, exit status 2", async () => {
    const empty = join(folder, "empty.jsonl");
    await writeFile(empty, "\n");
    const run = await runSlaplan(["plan", "backtest", empty]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`slaplan: ${empty}: the trace has no requests to backtest\n`);
  });
});
