// One adjustment interval of the live scaler: the deployment read and written through the
// official Kubernetes client against the test API server, the frontend's figures from a
// Prometheus stand-in that answers the six queries with fixed values (the real Prometheus is
// exercised in prometheus.test.ts), and the planner deciding on the flat profiles.
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DgdClient } from "../../src/live/dgdClient.ts";
import { runLiveInterval, type LiveScalerSetup } from "../../src/live/liveScaler.ts";
import { PlannerMetrics } from "../../src/live/plannerMetrics.ts";
import { PrometheusClient, type QueryOutcome } from "../../src/live/prometheusClient.ts";
import { SlaPlanner, type PlannerLogLine, type PlannerMode } from "../../src/planner/index.ts";
import { makeFlatModel, makeFlatPlannerConfig } from "../planner/makeProfile.ts";
import { LocalKubeApi } from "../../sim/live/localKubeApi.ts";

const NAMESPACE = "dynamo";
const NAME = "disagg";

/** Answers each of the six queries with a value chosen by the metric it names. */
class FixedPrometheus extends PrometheusClient {
  outcome: "values" | "unreachable" = "values";
  constructor(private readonly values: Record<string, number>) {
    super("http://127.0.0.1:1");
  }
  override async query(expression: string): Promise<QueryOutcome> {
    if (this.outcome === "unreachable")
      return { kind: "unreachable", reason: "connection refused" };
    const key = Object.keys(this.values).find((name) => expression.includes(name)) as string;
    return { kind: "vector", samples: [{ labels: {}, value: this.values[key] }] };
  }
}

/** Two minutes' worth of traffic far beyond one prefill and one decode engine. */
const BUSY = {
  requests_total: 60_000,
  input_sequence_tokens: 1000,
  output_sequence_tokens: 100,
  time_to_first_token: 0.05,
  inter_token_latency: 0.005,
  request_duration: 1,
};

function deployment(ready: boolean, prefill = 1, decode = 1) {
  const worker = (sub: string, replicas: number) => ({
    componentType: "worker",
    subComponentType: sub,
    replicas,
  });
  return {
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: {
      services: { Prefill: worker("prefill", prefill), Decode: worker("decode", decode) },
    },
    status: {
      conditions: [{ type: "Ready", status: ready ? "True" : "False", message: "pods starting" }],
      services: { Prefill: { availableReplicas: prefill }, Decode: { availableReplicas: decode } },
    },
  };
}

const api = new LocalKubeApi();
let kubeConfig: KubeConfig;
let log: PlannerLogLine[];

function setup(
  mode: PlannerMode,
  scaler: "active" | "advisory" = "active",
  prometheus = new FixedPrometheus(BUSY),
): LiveScalerSetup {
  const config = makeFlatPlannerConfig(mode, { maxGpuBudget: 8, ttftTargetS: 0.5 });
  return {
    config,
    planner: new SlaPlanner(config, makeFlatModel()),
    prometheus,
    selector: { prefix: "dynamo_frontend_", windowS: 60 },
    deployment: new DgdClient(kubeConfig, { namespace: NAMESPACE, name: NAME, backoffMs: 1 }),
    mode: scaler,
    metrics: new PlannerMetrics(),
    log: (line) => log.push(line),
  };
}

function replicas(): [number, number] {
  const spec = api.get(NAMESPACE, NAME)?.spec as { services: Record<string, { replicas: number }> };
  return [spec.services.Prefill.replicas, spec.services.Decode.replicas];
}

beforeAll(async () => {
  const url = await api.start();
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(api.kubeconfig(url, NAMESPACE));
});

afterAll(async () => {
  await api.stop();
});

beforeEach(() => {
  api.put(deployment(true));
  api.reset();
  log = [];
});

describe("runLiveInterval", () => {
  it("writes the planner's target to a Ready deployment, and counts it on /metrics", async () => {
    const live = setup("improved");
    const interval = await runLiveInterval(live, 60);
    expect(interval.outcome).toBe("scaled");
    const target = interval.decision?.target;
    expect(target).not.toBeNull();
    expect(replicas()).toEqual([target?.numPrefill, target?.numDecode]);
    expect(replicas()).not.toEqual([1, 1]);
    const text = await live.metrics.text();
    expect(text).toContain('slaplan_decisions_total{outcome="scaled"} 1');
    expect(text).toContain('slaplan_workers{role="prefill"} 1');
  });

  it("changes nothing in advisory mode, and says what it would do", async () => {
    const interval = await runLiveInterval(setup("improved", "advisory"), 60);
    expect(interval.outcome).toBe("advised");
    expect(replicas()).toEqual([1, 1]);
    expect(api.requests.some((r) => r.startsWith("PATCH"))).toBe(false);
    expect(log.some((l) => l.message.startsWith("Advisory mode: would scale prefill 1 → "))).toBe(
      true,
    );
  });

  it("defers a scale-up while the deployment is not Ready, and logs it", async () => {
    api.put(deployment(false));
    const interval = await runLiveInterval(setup("improved"), 60);
    expect(interval.outcome).toBe("deferred");
    expect(replicas()).toEqual([1, 1]);
    expect(log.some((l) => l.message.includes("not Ready (pods starting): deferring"))).toBe(true);
  });

  it("drops the decision while not Ready in Dynamo's mode, with Dynamo's line", async () => {
    api.put(deployment(false));
    const interval = await runLiveInterval(setup("dynamo-0.4"), 60);
    expect(interval.outcome).toBe("not-ready");
    expect(log.map((l) => l.message)).toContain(
      `Deployment ${NAME} is not ready, ignoring this scaling`,
    );
  });

  it("scales down while not Ready: removing replicas does not wait for those starting", async () => {
    api.put(deployment(false, 4, 4));
    const idle = new FixedPrometheus({ ...BUSY, requests_total: 0 });
    const live = setup("improved", "active", idle);
    // An idle window: the improved planner scales to the minimum after its idle intervals.
    let interval = await runLiveInterval(live, 60);
    for (let i = 2; interval.outcome !== "scaled" && i <= 10; i += 1) {
      interval = await runLiveInterval(live, 60 * i);
    }
    expect(interval.outcome).toBe("scaled");
    expect(replicas()).toEqual([1, 1]);
  });

  it("holds the fleet when Prometheus does not answer", async () => {
    const down = new FixedPrometheus(BUSY);
    down.outcome = "unreachable";
    const interval = await runLiveInterval(setup("improved", "active", down), 60);
    expect(interval.outcome).toBe("held");
    expect(replicas()).toEqual([1, 1]);
    expect(log[0].message).toBe("Prometheus (unreachable): numReq: connection refused");
  });

  it("holds, with the reason, when the deployment cannot be read", async () => {
    api.inject({ status: 404 }, 1, "GET");
    const interval = await runLiveInterval(setup("improved"), 60);
    expect(interval.outcome).toBe("held");
    expect(log[0].message).toMatch(
      /^Cannot read the deployment: DynamoGraphDeployment dynamo\/disagg not found \(404\)/,
    );
  });

  it("reports a failed write, leaving the deployment as it was", async () => {
    api.inject({ status: 500 }, 1, "PATCH");
    const interval = await runLiveInterval(setup("improved"), 60);
    expect(interval.outcome).toBe("failed");
    expect(replicas()).toEqual([1, 1]);
    expect(log.at(-1)?.message).toMatch(/failed \(HTTP 500\): injected 500$/);
  });
});
