import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { KubeConfig } from "@kubernetes/client-node";
import { ConfigError } from "../../src/errors.ts";
import { DgdClient, SERVICE_NAMES_BY_BACKEND } from "../../src/live/dgdClient.ts";
import { DEFAULT_METRIC_PREFIX, readFrontend } from "../../src/live/frontendQueries.ts";
import { liveIntervalRecord } from "../../src/live/liveIntervalRecord.ts";
import {
  runLiveInterval,
  type LiveInterval,
  type LiveScalerSetup,
} from "../../src/live/liveScaler.ts";
import { PlannerMetrics } from "../../src/live/plannerMetrics.ts";
import { PrometheusClient } from "../../src/live/prometheusClient.ts";
import { buildProfileModel, SlaPlanner, type PlannerLogLine } from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { parseCommandArgs } from "./parseCommandArgs.ts";
import { plannerConfigFrom, PLANNER_FLAGS } from "./planCommand.ts";

const USAGE = `Usage: slaplan live --profile DIR [options]

Runs the planner against a real deployment, as Dynamo's planner service does: every adjustment
interval it queries Prometheus for the frontend's metrics, decides, and patches the replica
counts of the DynamoGraphDeployment. Stops cleanly on SIGTERM or SIGINT.

Options:
  --profile DIR            Dynamo profiler results for the deployed engines (required)
  --config FILE            planner configuration JSON (Dynamo's names accepted), then the
                           planner flags of 'slaplan plan replay' over it
  --prometheus URL         Prometheus server (default: $PROMETHEUS_ENDPOINT)
  --deployment NAME        the DynamoGraphDeployment (default: $DYN_PARENT_DGD_K8S_NAME)
  --namespace NS           its Kubernetes namespace (default: the pod's, else $POD_NAMESPACE,
                           else the kubeconfig context's, else "default")
  --kubeconfig FILE        credentials outside the cluster (default: in-cluster service
                           account, else $KUBECONFIG or ~/.kube/config)
  --write-via W            patch (default: merge-patch the deployment's services) or scale
                           (the scale subresource of each service's scaling adapter, as
                           Dynamo >= 0.6; a missing adapter is an error, never a fallback)
  --backend B              vllm (default), sglang or trtllm: service names to try when no
                           service names its subComponentType
  --model NAME             read only the frontend series of this model
  --dynamo-namespace NS    read only the frontend series of this Dynamo namespace
  --metric-prefix P        dynamo_frontend_ (default), or nv_llm_http_service_ for older frontends
  --scaling M              active (default: write replica counts) or advisory (compute, log
                           and export everything, change nothing)
  --log-format F           text (default) or json (one JSON object a line)
  --port N                 serve /healthz and the planner's /metrics on port N (default
                           9085; 0 for none)
  --host H                 the address to serve them on (default 0.0.0.0, as a pod needs)
  --once                   run one adjustment interval now and exit (a dry check; exit
                           status 1 when its write to the deployment failed)
  -h, --help               show this help`;

const SERVICE_ACCOUNT_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

/** The options `slaplan live` accepts (exported so that the deployment manifests are checked). */
export const LIVE_OPTIONS = {
  profile: { type: "string" },
  config: { type: "string" },
  prometheus: { type: "string" },
  deployment: { type: "string" },
  namespace: { type: "string" },
  kubeconfig: { type: "string" },
  backend: { type: "string" },
  "write-via": { type: "string" },
  model: { type: "string" },
  "dynamo-namespace": { type: "string" },
  "metric-prefix": { type: "string" },
  scaling: { type: "string" },
  "log-format": { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  once: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  ...PLANNER_FLAGS,
} as const;

/** `slaplan live`: returns the exit status when stopped. */
export async function runLiveCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(args, LIVE_OPTIONS, "live");
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const settings = liveSettings(values);
  const write = logWriter(settings.logFormat);

  // Everything the loop needs, checked before it starts.
  if (values.profile === undefined) throw new ConfigError("--profile is required (see --help)");
  const config = await plannerConfigFrom(values);
  const profile = await readProfileDir(values.profile);
  const kubeConfig = loadKubeConfig(values.kubeconfig);
  const namespace =
    settings.namespace ??
    kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace ??
    "default";
  const deployment = new DgdClient(kubeConfig, {
    namespace,
    name: settings.deployment,
    backend: settings.backend,
    writeVia: settings.writeVia,
  });
  const view = await deployment.read();
  // GPUs per engine come from the deployment when its services state them.
  const plannerConfig = {
    ...config,
    prefillEngineNumGpu: view.prefill.gpusPerEngine ?? config.prefillEngineNumGpu,
    decodeEngineNumGpu: view.decode.gpusPerEngine ?? config.decodeEngineNumGpu,
  };
  const prometheus = new PrometheusClient(settings.prometheus);
  const selector = {
    prefix: settings.metricPrefix,
    windowS: plannerConfig.adjustmentIntervalS,
    model: settings.model,
    namespace: settings.dynamoNamespace,
  };
  const firstReading = await readFrontend(prometheus, selector);
  if (firstReading.metrics === "unreachable" || firstReading.metrics === "error") {
    throw new ConfigError(
      `Prometheus at ${settings.prometheus} cannot serve the frontend's metrics: ${firstReading.problems[0]}`,
    );
  }
  write({
    level: "info",
    message:
      `Planner started: ${plannerConfig.mode} mode, ${settings.scaling} ` +
      `scaling, every ${plannerConfig.adjustmentIntervalS} s, ` +
      `deployment ${namespace}/${settings.deployment} (prefill ` +
      `${view.prefill.name}, decode ${view.decode.name}), ` +
      `Prometheus ${settings.prometheus}` +
      (firstReading.metrics === "empty"
        ? " (no frontend series yet: the planner holds until they appear)"
        : ""),
  });

  const metrics = new PlannerMetrics();
  const setup: LiveScalerSetup = {
    config: plannerConfig,
    planner: new SlaPlanner(plannerConfig, buildProfileModel(profile)),
    prometheus,
    selector,
    deployment,
    mode: settings.scaling,
    metrics,
    log: write,
  };
  const startedAtMs = Date.now();
  let intervalCount = 0;
  const runInterval = async () => {
    const atS = (Date.now() - startedAtMs) / 1000;
    const interval = await runLiveInterval(setup, atS);
    if (settings.logFormat === "json") {
      writeIntervalRecord(interval, intervalCount, atS, plannerConfig.adjustmentIntervalS);
    }
    intervalCount += 1;
    return interval;
  };
  if (values.once) {
    // A dry check: a write that failed is a failure of the check (status 1), as is any error.
    const interval = await runInterval();
    return interval.outcome === "failed" ? 1 : 0;
  }

  let lastIntervalMs = startedAtMs;
  let running: Promise<unknown> = Promise.resolve();
  const intervalMs = plannerConfig.adjustmentIntervalS * 1000;
  const timer = setInterval(() => {
    running = running.then(async () => {
      await runInterval();
      lastIntervalMs = Date.now();
    });
  }, intervalMs);
  const server =
    settings.port === 0
      ? undefined
      : await serveHealthAndMetrics(settings.host, settings.port, metrics, () => {
          // Healthy while intervals keep coming: none missed for two intervals and more.
          return Date.now() - lastIntervalMs <= 2 * intervalMs + 5000;
        });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      write({
        level: "info",
        message: `Received ${signal}: stopping after the interval under way`,
      });
      resolve();
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  clearInterval(timer);
  await running;
  if (server !== undefined) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  write({ level: "info", message: "Planner stopped" });
  return 0;
}

/** The command's own settings, from flags and the environment, each checked. */
function liveSettings(values: Record<string, unknown>) {
  const text = (name: string) =>
    typeof values[name] === "string" ? (values[name] as string) : undefined;
  const prometheus = text("prometheus") ?? process.env.PROMETHEUS_ENDPOINT;
  if (prometheus === undefined || prometheus === "") {
    throw new ConfigError("--prometheus is required when $PROMETHEUS_ENDPOINT is not set");
  }
  if (!/^https?:\/\/[^\s/]+/.test(prometheus)) {
    throw new ConfigError(`--prometheus must be an http(s) URL, got ${JSON.stringify(prometheus)}`);
  }
  const deployment = text("deployment") ?? process.env.DYN_PARENT_DGD_K8S_NAME;
  if (deployment === undefined || deployment === "") {
    throw new ConfigError("--deployment is required when $DYN_PARENT_DGD_K8S_NAME is not set");
  }
  const backend = text("backend") ?? "vllm";
  if (!(backend in SERVICE_NAMES_BY_BACKEND)) {
    throw new ConfigError(
      `--backend must be one of ${Object.keys(SERVICE_NAMES_BY_BACKEND).join(", ")}, ` +
        `got ${JSON.stringify(backend)}`,
    );
  }
  const writeVia = text("write-via") ?? "patch";
  if (writeVia !== "patch" && writeVia !== "scale") {
    throw new ConfigError(`--write-via must be patch or scale, got ${JSON.stringify(writeVia)}`);
  }
  const scaling = text("scaling") ?? "active";
  if (scaling !== "active" && scaling !== "advisory") {
    throw new ConfigError(`--scaling must be active or advisory, got ${JSON.stringify(scaling)}`);
  }
  const logFormat = text("log-format") ?? "text";
  if (logFormat !== "text" && logFormat !== "json") {
    throw new ConfigError(`--log-format must be text or json, got ${JSON.stringify(logFormat)}`);
  }
  const portText = text("port") ?? "9085";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      `--port must be a whole number from 0 to 65535, got ${JSON.stringify(portText)}`,
    );
  }
  return {
    prometheus,
    deployment,
    namespace: text("namespace") ?? podNamespace() ?? process.env.POD_NAMESPACE,
    backend,
    writeVia: writeVia as "patch" | "scale",
    model: text("model"),
    dynamoNamespace: text("dynamo-namespace"),
    metricPrefix: text("metric-prefix") ?? DEFAULT_METRIC_PREFIX,
    scaling: scaling as "active" | "advisory",
    logFormat: logFormat as "text" | "json",
    port,
    host: text("host") ?? "0.0.0.0",
  };
}

/** The namespace of the pod this runs in, from its service account; undefined outside. */
function podNamespace(): string | undefined {
  try {
    return readFileSync(SERVICE_ACCOUNT_NAMESPACE, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Log lines to standard output: `[time] LEVEL message`, or one JSON object a line. */
function logWriter(format: "text" | "json"): (line: PlannerLogLine) => void {
  return (line) => {
    const time = new Date().toISOString();
    const text =
      format === "json"
        ? JSON.stringify({ time, level: line.level, message: line.message })
        : `[${time}] ${line.level.toUpperCase().padEnd(7)} ${line.message}`;
    process.stdout.write(`${text}\n`);
  };
}

/**
 * The JSON log's line for one adjustment interval: the usual time, level and message, and the
 * interval's record (what was observed, predicted, asked for and written) under `interval`.
 */
function writeIntervalRecord(
  interval: LiveInterval,
  index: number,
  atS: number,
  adjustmentIntervalS: number,
): void {
  const line = {
    time: new Date().toISOString(),
    level: "info",
    message: `interval ${index}: ${interval.outcome}`,
    interval: liveIntervalRecord(interval, index, atS, adjustmentIntervalS),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** GET /healthz (200 while intervals keep coming, else 503) and GET /metrics. */
async function serveHealthAndMetrics(
  host: string,
  port: number,
  metrics: PlannerMetrics,
  healthy: () => boolean,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === "/healthz") {
      const ok = healthy();
      response
        .writeHead(ok ? 200 : 503, { "content-type": "text/plain" })
        .end(ok ? "ok\n" : "stalled\n");
    } else if (request.url === "/metrics") {
      metrics.text().then(
        (text) =>
          response.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new ConfigError(
          `--host ${host} --port ${port}: cannot listen (${(error as NodeJS.ErrnoException).code})`,
        ),
      ),
    );
    server.listen(port, host, resolve);
  });
  return server;
}

/**
 * The cluster credentials: the kubeconfig named by --kubeconfig, else the client's defaults
 * ($KUBECONFIG, ~/.kube/config, then the in-cluster service account). A file that is missing,
 * unreadable or names no cluster is a clear error naming it, not a stack trace.
 */
function loadKubeConfig(file: string | undefined): KubeConfig {
  const kubeConfig = new KubeConfig();
  const source = file ?? process.env.KUBECONFIG;
  const named = source === undefined ? "the default kubeconfig" : `kubeconfig ${source}`;
  try {
    if (file !== undefined) kubeConfig.loadFromFile(file);
    else kubeConfig.loadFromDefault();
    if (kubeConfig.getCurrentCluster() === null) throw new Error("it names no current cluster");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new ConfigError(
      `${named}: cannot be used (${reason}); give --kubeconfig FILE, or run in a cluster`,
    );
  }
  return kubeConfig;
}
