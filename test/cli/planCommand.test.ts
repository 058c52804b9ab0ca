import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSlaplan } from "../support/runSlaplan.ts";

const REFERENCE = JSON.parse(
  readFileSync(
    new URL("../../../shared/data/reference/dynamo-0.4-h200-llama3.1-8b-fp8.json", import.meta.url),
    "utf8",
  ),
);

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("slaplan plan replicas", () => {
  it("answers Dynamo's 120 reference cases, in order, exactly", async () => {
    const input = REFERENCE.replicas.map((r: object) => JSON.stringify(r)).join("\n");
    const run = await runSlaplan(["plan", "replicas"], `${input}\n`);
    expect(run.status).toBe(0);
    const out = jsonLines(run.stdout);
    expect(out).toHaveLength(120);
    out.forEach((line, i) => {
      expect([line.num_prefill, line.num_decode]).toEqual([
        REFERENCE.replicas[i].num_prefill,
        REFERENCE.replicas[i].num_decode,
      ]);
    });
  });

  it("reproduces the research note's worked example: 30 req/s is 1P1D, 80 req/s is 3P3D", async () => {
    // ISL 3000, OSL 300, 60 s interval, ITL 0.01 s: prefill 1,800 × 3,000 / 60 = 90,000
    // tokens/s against ≈110,900 per GPU; decode 9,000 tokens/s against ≈10,000 per GPU.
    const load = (rate: number) =>
      JSON.stringify({
        num_req: rate * 60,
        isl: 3000,
        osl: 300,
        interval_s: 60,
        itl_target_s: 0.01,
      });
    const run = await runSlaplan(["plan", "replicas"], `${load(30)}\n${load(80)}\n`);
    const [low, high] = jsonLines(run.stdout);
    expect([low.num_prefill, low.num_decode]).toEqual([1, 1]);
    expect([high.num_prefill, high.num_decode]).toEqual([3, 3]);
    expect(low.prefill_tokens_per_s).toBe(90_000);
    expect(high.decode_tokens_per_s).toBe(24_000);
  });

  it("names the line and field of a bad input and exits with status 2", async () => {
    const run = await runSlaplan(
      ["plan", "replicas"],
      '{"num_req": 5, "isl": 100, "osl": 3}\n{"num_req": 5, "isl": -1, "osl": 3}\n',
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("slaplan: stdin line 2: isl must be a number ≥ 0, got -1\n");
  });
});

describe("slaplan plan replay", () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "slaplan-replay-"));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("decides each observed interval as Dynamo's loop would, skipping an empty one", async () => {
    const file = join(folder, "intervals.jsonl");
    const interval = (numReq: number, ttft: number | string | null) =>
      JSON.stringify({
        num_req: numReq,
        isl: ttft === null ? null : 3000,
        osl: ttft === null ? null : 300,
        ttft_s: ttft,
        itl_s: ttft === null ? "NaN" : 0.009,
        request_duration_s: ttft === null ? null : 3,
        num_prefill_workers: 1,
        num_decode_workers: 1,
      });
    await writeFile(
      file,
      [interval(1800, 0.05), interval(0, null), interval(4800, 0.08)].join("\n"),
    );
    const run = await runSlaplan([
      "plan",
      "replay",
      file,
      "--mode",
      "dynamo-0.4",
      "--adjustment-interval",
      "60",
      "--itl",
      "0.01",
    ]);
    expect(run.status).toBe(0);
    const [first, empty, third] = jsonLines(run.stdout);
    expect(first.outcome).toBe("scaled");
    expect(first.log).toContain("info: Predicted number of engine replicas: prefill=1, decode=1");
    expect(empty.outcome).toBe("skipped");
    expect(empty.num_prefill).toBeNull();
    // The constant predictor forecasts the last interval: 4,800 requests of ISL 3,000 over 60 s
    // is 240,000 prefill tokens/s, ceil(240,000 / ≈110,900) = 3 prefill replicas.
    expect(third.predicted).toEqual({ numReq: 4800, islTokens: 3000, oslTokens: 300 });
    expect(third.num_prefill).toBe(3);
  });

  it("refuses a file that does not exist and a flag that is not a number", async () => {
    const missing = await runSlaplan(["plan", "replay", join(folder, "nope.jsonl")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl: no such file\n$/);
    const file = join(folder, "one.jsonl");
    await writeFile(file, "{}\n");
    const badFlag = await runSlaplan(["plan", "replay", file, "--itl", "fast"]);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toBe('slaplan: --itl must be a number, got "fast"\n');
    // A negative value after a space is the flag's value, judged by the planner's own check.
    const negative = await runSlaplan(["plan", "replay", file, "--adjustment-interval", "-5"]);
    expect(negative.status).toBe(2);
    expect(negative.stderr).toBe(
      "slaplan: --adjustment-interval must be a number of seconds ≥ 1, got -5\n",
    );
    // A flag over a --config file is named as the flag, not as the file's setting.
    const config = join(folder, "planner.json");
    await writeFile(config, JSON.stringify({ minEndpoint: 1 }));
    const flagged = await runSlaplan([
      "plan",
      "replay",
      file,
      "--config",
      config,
      "--min-endpoint",
      "0",
    ]);
    expect(flagged.status).toBe(2);
    expect(flagged.stderr).toMatch(
      /^slaplan: --min-endpoint must be at least 1 in mode "improved", got 0/,
    );
  });
});
