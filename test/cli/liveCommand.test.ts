// `slaplan live` as an operator runs it: a real Prometheus scraping a busy frontend, the test
// API server holding the DynamoGraphDeployment, the command in its own process.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LocalKubeApi } from "../../sim/live/localKubeApi.ts";
import { frontendFamily, serveMetricsText } from "../support/fakeFrontend.ts";
import {
  freePort,
  startPrometheus,
  waitForScrapes,
  type RunningPrometheus,
} from "../../sim/live/localPrometheus.ts";
import { parseLiveRecording } from "../../sim/report/liveRecording.ts";
import { REPO_ROOT, runSlaplan } from "../support/runSlaplan.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

const NAMESPACE = "dynamo";
const NAME = "vllm-disagg";
const INTERVAL_S = 5;
const startedAt = Date.now();

const api = new LocalKubeApi();
let apiUrl: string;
let frontend: Awaited<ReturnType<typeof serveMetricsText>>;
let prometheus: RunningPrometheus;
let folder: Awaited<ReturnType<typeof makeTempFolder>>;
let kubeconfig: string;

function deployment() {
  const worker = (sub: string) => ({ componentType: "worker", subComponentType: sub, replicas: 1 });
  return {
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: {
      services: { VllmPrefillWorker: worker("prefill"), VllmDecodeWorker: worker("decode") },
    },
    status: {
      conditions: [{ type: "Ready", status: "True" }],
      services: {
        VllmPrefillWorker: { availableReplicas: 1 },
        VllmDecodeWorker: { availableReplicas: 1 },
      },
    },
  };
}

/** The command's arguments for this test's cluster, with `extra` after them. */
function liveArgs(extra: string[] = []): string[] {
  return [
    "live",
    "--profile",
    "profiles/h200-llama3.1-8b-fp8",
    "--prometheus",
    prometheus.endpoint,
    "--deployment",
    NAME,
    "--namespace",
    NAMESPACE,
    "--kubeconfig",
    kubeconfig,
    "--adjustment-interval",
    String(INTERVAL_S),
    "--port",
    "0",
    ...extra,
  ];
}

function replicas(): [number, number] {
  const spec = api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> };
  return [spec.services.VllmPrefillWorker.replicas, spec.services.VllmDecodeWorker.replicas];
}

beforeAll(async () => {
  apiUrl = await api.start();
  folder = await makeTempFolder("slaplan-live-");
  kubeconfig = join(folder.path, "kubeconfig");
  await writeFile(kubeconfig, api.kubeconfig(apiUrl, NAMESPACE));
  // 300 requests a second: far more than one prefill and one decode engine serve.
  frontend = await serveMetricsText(() =>
    frontendFamily("dynamo_frontend_", 'model="m"', ((Date.now() - startedAt) / 1000) * 30),
  );
  prometheus = await startPrometheus([`127.0.0.1:${frontend.port}`]);
  await waitForScrapes(prometheus.endpoint, "dynamo_frontend_requests_total", INTERVAL_S + 2);
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await frontend?.stop();
  await api.stop();
  await folder?.remove();
});

beforeEach(() => {
  api.put(deployment());
  api.reset();
});

describe("slaplan live --once", () => {
  it("scales the deployment up for the traffic Prometheus reports", async () => {
    const run = await runSlaplan(liveArgs(["--once"]));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Planner started: improved mode, active scaling, every 5 s");
    expect(run.stdout).toMatch(/INFO +Scaled prefill 1 → \d+, decode 1 → \d+/);
    const [prefill, decode] = replicas();
    expect(prefill + decode).toBeGreaterThan(2);
  });

  it("fails the dry check (status 1) when its write fails: no scaling adapter to write through", async () => {
    const run = await runSlaplan(liveArgs(["--once", "--write-via", "scale"]));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /ERROR +Scaling prefill to \d+ failed: .*not found \(404\); nothing was written/,
    );
    expect(replicas()).toEqual([1, 1]);
  });

  it("changes nothing in advisory mode and logs JSON lines", async () => {
    const run = await runSlaplan(
      liveArgs(["--once", "--scaling", "advisory", "--log-format", "json"]),
    );
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.every((l) => typeof l.time === "string" && typeof l.level === "string")).toBe(
      true,
    );
    expect(lines.some((l) => String(l.message).startsWith("Advisory mode: would scale"))).toBe(
      true,
    );
    expect(replicas()).toEqual([1, 1]);
  });

  it("logs one JSON line an interval with what it observed, predicted and asked for", async () => {
    const run = await runSlaplan(
      liveArgs(["--once", "--scaling", "advisory", "--log-format", "json"]),
    );
    expect(run.status).toBe(0);
    const intervals = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .filter((line) => "interval" in line);
    expect(intervals).toHaveLength(1);
    const [line] = intervals;
    expect(line).toMatchObject({ level: "info", message: "interval 0: advised" });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    const record = line.interval;
    expect(record).toMatchObject({
      index: 0,
      adjustmentIntervalS: INTERVAL_S,
      outcome: "advised",
      plannerOutcome: "scaled",
      reason: null,
      written: {},
    });
    expect(record.atS).toBeGreaterThanOrEqual(0);
    expect(record.atS).toBeLessThan(INTERVAL_S);
    // The test frontend: 300 requests/s of ISL 1,000, OSL 200, TTFT 0.2 s, ITL 10 ms, 3 s each.
    const observed = record.observed;
    expect(observed.numReq / INTERVAL_S).toBeGreaterThan(250);
    expect(observed.numReq / INTERVAL_S).toBeLessThan(350);
    expect(observed.islTokens).toBeCloseTo(1000, 6);
    expect(observed.oslTokens).toBeCloseTo(200, 6);
    expect(observed.ttftS).toBeCloseTo(0.2, 9);
    expect(observed.itlS).toBeCloseTo(0.01, 9);
    expect(observed.requestDurationS).toBeCloseTo(3, 9);
    expect(observed).toMatchObject({ numPrefillWorkers: 1, numDecodeWorkers: 1, metrics: "ok" });
    expect(record.predicted.numReq).toBeGreaterThan(0);
    expect(record.target.numPrefill + record.target.numDecode).toBeGreaterThan(2);
    // The workbench reads the line back as one point of a recording.
    const recording = parseLiveRecording(run.stdout, "live.jsonl");
    expect(recording.points).toHaveLength(1);
    expect(recording.points[0].requestRate).toBeCloseTo(observed.numReq / INTERVAL_S, 9);
    expect(recording.points[0].prefillTarget).toBe(record.target.numPrefill);
  });

  it("logs no interval record in text format", async () => {
    const run = await runSlaplan(liveArgs(["--once", "--scaling", "advisory"]));
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('"interval"');
    expect(run.stdout).not.toMatch(/interval 0: /);
  });
});

describe("slaplan live refuses to start without what it needs", () => {
  it.each([
    [
      ["--deployment", "missing"],
      `slaplan: DynamoGraphDeployment ${NAMESPACE}/missing not found (404)`,
    ],
    [
      ["--scaling", "aggressive"],
      'slaplan: --scaling must be active or advisory, got "aggressive"',
    ],
    [["--log-format", "yaml"], 'slaplan: --log-format must be text or json, got "yaml"'],
    [
      ["--kubeconfig", "/nonexistent/kubeconfig"],
      "slaplan: kubeconfig /nonexistent/kubeconfig: cannot be used (no such file)",
    ],
    [
      ["--kubeconfig", "package.json"],
      "slaplan: kubeconfig package.json: cannot be used (it names no current cluster)",
    ],
  ])("%j", async (extra, message) => {
    const run = await runSlaplan([...liveArgs(), ...extra]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toContain(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("slaplan live and an unreachable Prometheus", () => {
  it("refuses to start, naming the address and what went wrong", async () => {
    const port = await freePort();
    const run = await runSlaplan([...liveArgs(), "--prometheus", `http://127.0.0.1:${port}`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `slaplan: Prometheus at http://127.0.0.1:${port} cannot serve the frontend's metrics: numReq: connection refused\n`,
    );
  });
});

describe("slaplan live running", () => {
  it("serves /healthz and its /metrics, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ["sim/cli/slaplan.mjs", ...liveArgs(["--port", String(port), "--host", "127.0.0.1"])],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      for (let waited = 0; !stdout.includes("Planner started") && waited < 100; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The first interval ends one interval after the start, as in Dynamo's loop.
      await new Promise((resolve) => setTimeout(resolve, (INTERVAL_S + 1) * 1000));
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/slaplan_decisions_total\{outcome="scaled"\} 1/);
    } finally {
      if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain("Received SIGTERM: stopping after the interval under way");
    expect(stdout).toContain("Planner stopped");
  }, 30_000);
});
