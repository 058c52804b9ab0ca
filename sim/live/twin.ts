/**
 * `npm run twin`: the seed deployment on this machine, for a person to watch. The simulator runs
 * in real time on the bundled H200 profile and serves its frontend's /metrics; a real Prometheus
 * scrapes it every second; the live planner queries that Prometheus every 10 s and patches a
 * DynamoGraphDeployment on a local API server; the simulator follows the deployment. The load
 * alternates a minute quiet, a minute busy. Ctrl-C (or SIGTERM) stops everything it started.
 */
import { createServer } from "node:http";
import { DgdClient } from "../../src/live/dgdClient.ts";
import { runLiveInterval } from "../../src/live/liveScaler.ts";
import { PlannerMetrics } from "../../src/live/plannerMetrics.ts";
import { PrometheusClient } from "../../src/live/prometheusClient.ts";
import { buildProfileModel, DEFAULT_PLANNER_CONFIG, SlaPlanner } from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { startPrometheus } from "./localPrometheus.ts";
import { startSimulatedDeployment } from "./simulatedDeployment.ts";

const NAMESPACE = "dynamo";
const NAME = "twin";
const INTERVAL_S = 10;
const BUDGET = 8;
const HOUR_S = 3600;

const profile = await readProfileDir("profiles/h200-llama3.1-8b-fp8");
// An hour of a minute at 4 req/s, then a minute at 60 req/s, and so on.
const steps = [];
for (let t = 60; t <= HOUR_S; t += 60)
  steps.push({ untilS: t, ratePerS: (t / 60) % 2 === 1 ? 4 : 60 });
const deployment = await startSimulatedDeployment({
  namespace: NAMESPACE,
  name: NAME,
  profile,
  steps,
  startupDelayS: 15,
  gpuLimit: BUDGET,
  targets: { ttftTargetS: 0.2, itlTargetS: 0.02 },
});
const { kubeConfig, simulatorPort, apiUrl } = deployment;

const config = {
  ...DEFAULT_PLANNER_CONFIG,
  mode: "improved" as const,
  adjustmentIntervalS: INTERVAL_S,
  ttftTargetS: 0.2,
  itlTargetS: 0.02,
  maxGpuBudget: BUDGET,
};
const metrics = new PlannerMetrics();
const plannerServer = createServer((_request, response) => {
  metrics.text().then((text) => response.writeHead(200).end(text));
});
await new Promise<void>((resolve) => plannerServer.listen(0, "127.0.0.1", resolve));
const plannerAddress = plannerServer.address();
const plannerPort = typeof plannerAddress === "object" && plannerAddress ? plannerAddress.port : 0;
// Prometheus scrapes the simulated frontend and the planner's own metrics.
const prometheus = await startPrometheus([
  `127.0.0.1:${simulatorPort}`,
  `127.0.0.1:${plannerPort}`,
]);

const dgdPath = `/apis/nvidia.com/v1alpha1/namespaces/${NAMESPACE}/dynamographdeployments/${NAME}`;
console.log(
  [
    "The seed deployment, simulated on this machine. Look at:",
    `  Prometheus            ${prometheus.endpoint}`,
    "                        (graph dynamo_frontend_requests_total, slaplan_replica_target)",
    `  simulated frontend    http://127.0.0.1:${simulatorPort}/metrics`,
    `  planner's metrics     http://127.0.0.1:${plannerPort}/metrics`,
    `  the deployment        ${apiUrl}${dgdPath}`,
    `The planner decides every ${INTERVAL_S} s; the load alternates a minute at 4 req/s`,
    "and a minute at 60 req/s. Ctrl-C stops.",
    "",
  ].join("\n"),
);

const setup = {
  config,
  planner: new SlaPlanner(config, buildProfileModel(profile)),
  prometheus: new PrometheusClient(prometheus.endpoint),
  selector: { prefix: "dynamo_frontend_", windowS: INTERVAL_S, model: "llama" },
  deployment: new DgdClient(kubeConfig, { namespace: NAMESPACE, name: NAME }),
  mode: "active" as const,
  metrics,
  log: (line: { level: string; message: string }) => {
    if (line.level !== "debug")
      console.log(`  ${line.level.toUpperCase().padEnd(7)} ${line.message}`);
  },
};
const startedAt = Date.now();
let running = Promise.resolve();
const timer = setInterval(() => {
  running = running.then(async () => {
    const atS = Math.round((Date.now() - startedAt) / 1000);
    console.log(`[${atS} s]`);
    await runLiveInterval(setup, atS);
  });
}, INTERVAL_S * 1000);

const stop = async () => {
  clearInterval(timer);
  await running;
  await prometheus.stop();
  await deployment.stop();
  plannerServer.close();
  console.log("Stopped: Prometheus, the simulator, the planner and the local API server.");
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
