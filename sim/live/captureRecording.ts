/**
 * `npx tsx sim/live/captureRecording.ts [FOLDER] [SECONDS]`: records a short live run, both as
 * the workbench reads recordings (sim/report/liveRecording.ts), into FOLDER (default
 * test/fixtures/live). The simulator runs in real time and serves its frontend's /metrics; a
 * real Prometheus scrapes it and the planner every second; `slaplan live --log-format json`, in
 * its own process, plans every 5 s against that Prometheus and a local API server, which the
 * simulator follows. Written: `live-log.jsonl` (the command's standard output) and
 * `prometheus-range.json` (two /api/v1/query_range replies, the frontend's counters and the
 * planner's gauges, over the run at a 2 s step). Everything started is stopped by its id.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { freePort, startPrometheus, waitForScrapes } from "./localPrometheus.ts";
import { startSimulatedDeployment } from "./simulatedDeployment.ts";

const NAMESPACE = "dynamo";
const NAME = "capture";
const INTERVAL_S = 5;
const STEP_S = 2;
const PROFILE = "profiles/h200-llama3.1-8b-fp8";

const folder = process.argv[2] ?? "test/fixtures/live";
const runS = Number(process.argv[3] ?? 75);

// The cluster: a local API server holding the deployment, 1P1D to start, and the simulator
// following it.
const scratch = await mkdtemp(join(tmpdir(), "slaplan-capture-"));
const configPath = join(scratch, "planner.json");
const plannerConfig = { mode: "improved", ttftTargetS: 0.2, itlTargetS: 0.02, maxGpuBudget: 8 };
await writeFile(configPath, JSON.stringify(plannerConfig));

// The simulated frontend: quiet, then busy for a third of the run, then quiet again.
const third = Math.round(runS / 3);
const steps = [
  { untilS: third, ratePerS: 4 },
  { untilS: 2 * third, ratePerS: 60 },
  { untilS: runS + 60, ratePerS: 4 },
];
const deployment = await startSimulatedDeployment({
  namespace: NAMESPACE,
  name: NAME,
  profile: await readProfileDir(PROFILE),
  steps,
  startupDelayS: 10,
  gpuLimit: plannerConfig.maxGpuBudget,
  targets: { ttftTargetS: plannerConfig.ttftTargetS, itlTargetS: plannerConfig.itlTargetS },
});
const { simulatorPort } = deployment;
const kubeconfigPath = join(scratch, "kubeconfig");
await writeFile(kubeconfigPath, deployment.api.kubeconfig(deployment.apiUrl, NAMESPACE));

// Prometheus scrapes the frontend and the planner's own /metrics.
const plannerPort = await freePort();
const prometheus = await startPrometheus([
  `127.0.0.1:${simulatorPort}`,
  `127.0.0.1:${plannerPort}`,
]);
const startUnixS = Math.floor(Date.now() / 1000);
await waitForScrapes(prometheus.endpoint, "dynamo_frontend_requests_total", 3);

// The planner, as an operator runs it.
const planner = spawn(
  process.execPath,
  [
    "sim/cli/slaplan.mjs",
    "live",
    ...["--profile", PROFILE, "--config", configPath, "--prometheus", prometheus.endpoint],
    ...["--deployment", NAME, "--namespace", NAMESPACE, "--kubeconfig", kubeconfigPath],
    ...["--adjustment-interval", String(INTERVAL_S), "--model", "llama", "--log-format", "json"],
    ...["--port", String(plannerPort), "--host", "127.0.0.1"],
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
let log = "";
planner.stdout.setEncoding("utf8").on("data", (chunk: string) => (log += chunk));
const exited = new Promise((resolve) => planner.on("close", resolve));
console.log(`Recording ${runS} s of a live run (planner pid ${planner.pid})...`);
await new Promise((resolve) => setTimeout(resolve, runS * 1000));

// The period, from Prometheus's range API, before anything stops.
const endUnixS = Math.floor(Date.now() / 1000);
const rangeQuery = async (selector: string) => {
  const params = new URLSearchParams({
    query: selector,
    start: String(startUnixS),
    end: String(endUnixS),
    step: `${STEP_S}s`,
  });
  const reply = await fetch(`${prometheus.endpoint}/api/v1/query_range?${params}`);
  return (await reply.text()).trim();
};
const counters =
  "(requests_total|(input_sequence_tokens|output_sequence_tokens|time_to_first_token_seconds" +
  "|inter_token_latency_seconds|request_duration_seconds)_(sum|count))";
const replies = [
  await rangeQuery(`{__name__=~"dynamo_frontend_${counters}"}`),
  await rangeQuery('{__name__=~"slaplan_.*"}'),
];

// Stop everything, each by its id, then write what was recorded.
if (planner.pid !== undefined) process.kill(planner.pid, "SIGTERM");
await exited;
await prometheus.stop();
await deployment.stop();
await rm(scratch, { recursive: true, force: true });
await writeFile(join(folder, "live-log.jsonl"), log);
await writeFile(join(folder, "prometheus-range.json"), `[\n${replies.join(",\n")}\n]\n`);
console.log(`Wrote ${folder}/live-log.jsonl and ${folder}/prometheus-range.json`);
