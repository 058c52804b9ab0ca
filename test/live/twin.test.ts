// The seed deployment on one machine: the simulator in real time serves its frontend's metrics;
// a real Prometheus scrapes them every second; the live planner queries that Prometheus and
// patches a DynamoGraphDeployment held by the test API server; the simulator follows the
// deployment through a watch, as Dynamo's operator follows it with pods. A step in load must
// scale the simulated fleet up and then down, through a 409, a 500 and a Prometheus outage
// (the server stopped, then started again on its port and data), deciding as the planner does
// offline from the simulator's true windows, within what Prometheus's extrapolation explains.
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILE_ONLY_ENGINE } from "../../sim/engine/engineOptions.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { DeploymentFollower } from "../../sim/live/deploymentFollower.ts";
import { RealTimeSimulation } from "../../sim/live/realTimeSimulation.ts";
import { DgdClient } from "../../src/live/dgdClient.ts";
import {
  runLiveInterval,
  type LiveInterval,
  type LiveScalerSetup,
} from "../../src/live/liveScaler.ts";
import { PlannerMetrics } from "../../src/live/plannerMetrics.ts";
import { PrometheusClient } from "../../src/live/prometheusClient.ts";
import {
  buildProfileModel,
  DEFAULT_PLANNER_CONFIG,
  SlaPlanner,
  type IntervalObservation,
  type PlannerConfig,
} from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";
import { LocalKubeApi } from "../../sim/live/localKubeApi.ts";
import { startPrometheus, type RunningPrometheus } from "../../sim/live/localPrometheus.ts";
import {
  emptyCounters,
  figuresOf,
  type FrontendCounters,
} from "../../sim/engine/frontendMetrics.ts";

const NAMESPACE = "dynamo";
const NAME = "twin";
const INTERVAL_S = 3;
const BUDGET = 8;
/** Wall seconds of each phase: quiet, busy, quiet. */
const PHASES = [
  { untilS: 9, perS: 4 },
  { untilS: 30, perS: 90 },
  { untilS: 54, perS: 4 },
];

/** Requests of ISL 3,000 and OSL 100 at each phase's rate, evenly spaced. */
function stepLoad() {
  const requests = [];
  let startS = 0;
  for (const phase of PHASES) {
    for (let t = startS; t < phase.untilS; t += 1 / phase.perS) {
      requests.push({ arrivalS: t, islTokens: 3000, oslTokens: 100 });
    }
    startS = phase.untilS;
  }
  return requests;
}

const api = new LocalKubeApi();
let profile: EngineProfile;
let simulation: RealTimeSimulation;
let follower: DeploymentFollower;
let prometheus: RunningPrometheus;
let config: PlannerConfig;
const intervals: LiveInterval[] = [];
/** The simulated frontend's exact counters at each interval's query. */
const truth: FrontendCounters[] = [];
/** The intervals (1-based) during which Prometheus is down. */
const OUTAGE = [9, 10];
const fleetAfter: [number, number][] = [];

beforeAll(async () => {
  profile = await readProfileDir("profiles/h200-llama3.1-8b-fp8");
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(api.kubeconfig(await api.start(), NAMESPACE));
  const worker = (sub: string) => ({ componentType: "worker", subComponentType: sub, replicas: 1 });
  api.put({
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: { services: { Prefill: worker("prefill"), Decode: worker("decode") } },
    status: {},
  });

  simulation = new RealTimeSimulation({
    model: new PerformanceModel(profile),
    fleet: {
      initialPrefill: 1,
      initialDecode: 1,
      prefillEngineNumGpu: 1,
      decodeEngineNumGpu: 1,
      startupDelayS: 2,
      gpuLimit: BUDGET,
    },
    engine: PROFILE_ONLY_ENGINE,
    targets: { ttftTargetS: 0.2, itlTargetS: 0.02 },
    requests: stepLoad(),
    speedUp: 1,
    labels: { model: "llama", namespace: "dynamo" },
  });
  const metricsPort = await simulation.serveMetrics();
  follower = new DeploymentFollower(kubeConfig, { namespace: NAMESPACE, name: NAME }, simulation);
  prometheus = await startPrometheus([`127.0.0.1:${metricsPort}`]);
  simulation.start();
  await follower.start(300);

  config = {
    ...DEFAULT_PLANNER_CONFIG,
    mode: "improved",
    adjustmentIntervalS: INTERVAL_S,
    ttftTargetS: 0.2,
    itlTargetS: 0.02,
    maxGpuBudget: BUDGET,
    scaleDownStabilizationS: INTERVAL_S,
  };
  const good = new PrometheusClient(prometheus.endpoint, { timeoutMs: 1000 });
  const setup: LiveScalerSetup = {
    config,
    planner: new SlaPlanner(config, buildProfileModel(profile)),
    prometheus: good,
    selector: { prefix: "dynamo_frontend_", windowS: INTERVAL_S, model: "llama" },
    deployment: new DgdClient(kubeConfig, { namespace: NAMESPACE, name: NAME, backoffMs: 10 }),
    mode: "active",
    metrics: new PlannerMetrics(),
    log: () => {},
  };
  const startMs = Date.now();
  for (let i = 1; (Date.now() - startMs) / 1000 < PHASES[2].untilS; i += 1) {
    await new Promise((resolve) =>
      setTimeout(resolve, startMs + i * INTERVAL_S * 1000 - Date.now()),
    );
    // Faults on the way, in the busy phase: a conflict and a server error on writes, and
    // Prometheus stopped for two intervals, then started again on its port and data.
    if (i === 6) api.inject({ status: 409 }, 1, "PATCH", /\/twin$/);
    if (i === 8) api.inject({ status: 500 }, 1, "PATCH", /\/twin$/);
    if (i === OUTAGE[0]) await prometheus.pause();
    simulation.advance();
    truth.push(simulation.sim.metrics.counters());
    intervals.push(await runLiveInterval(setup, i * INTERVAL_S));
    if (i === OUTAGE[1]) await prometheus.resume();
    const counts = (role: "prefill" | "decode") => {
      const c = simulation.sim.fleet.counts(role);
      return c.pending + c.starting + c.ready;
    };
    fleetAfter.push([counts("prefill"), counts("decode")]);
  }
}, 150_000);

afterAll(async () => {
  follower?.stop();
  await prometheus?.stop();
  await simulation?.stop();
  await api.stop();
});

describe("the live planner scaling the simulated deployment", () => {
  it("scales up for the busy phase, and back down after it", () => {
    const total = fleetAfter.map(([p, d]) => p + d);
    const busyEnd = Math.floor(PHASES[1].untilS / INTERVAL_S);
    const peak = Math.max(...total.slice(0, busyEnd + 2));
    expect(peak).toBeGreaterThan(2);
    expect(total.at(-1)).toBeLessThan(peak);
  });

  // A restarted Prometheus reloads its targets within five seconds and then needs two scrapes
  // in a window: the planner sees empty windows meanwhile, and holds through those too.
  it("holds the deployment while Prometheus is down and until it has data again", () => {
    const firstOk = intervals.findIndex(
      (interval, index) => index >= OUTAGE[1] && interval.decision?.observed.metrics === "ok",
    );
    expect(firstOk).toBeGreaterThanOrEqual(OUTAGE[1]);
    expect(firstOk).toBeLessThanOrEqual(OUTAGE[1] + 3);
    for (let index = OUTAGE[0] - 1; index < firstOk; index += 1) {
      expect(intervals[index].outcome).toBe("held");
      expect(fleetAfter[index]).toEqual(fleetAfter[OUTAGE[0] - 2]);
    }
  });

  it("keeps every replica count between the minimum and the budget", () => {
    for (const interval of intervals) {
      const target = interval.decision?.target;
      if (target === null || target === undefined) continue;
      expect(Math.min(target.numPrefill, target.numDecode)).toBeGreaterThanOrEqual(1);
      expect(target.numPrefill + target.numDecode).toBeLessThanOrEqual(BUDGET);
    }
  });

  it("survives the 409, the 500 and the outage: the write after each goes through", () => {
    const outcomes = intervals.map((i) => i.outcome);
    expect(outcomes.slice(OUTAGE[0] - 1, OUTAGE[1])).toEqual(["held", "held"]);
    expect(outcomes.filter((o) => o === "failed").length).toBeLessThanOrEqual(1);
    expect(outcomes.slice(10)).toContain("scaled");
    expect(follower.errors).toEqual([]);
  });

  it("is followed by the simulated fleet: it runs what the deployment asks for", () => {
    const spec = api.get(NAMESPACE, NAME)?.spec as {
      services: Record<string, { replicas: number }>;
    };
    expect(fleetAfter.at(-1)).toEqual([
      spec.services.Prefill.replicas,
      spec.services.Decode.replicas,
    ]);
  });

  // The simulator knows each window's true figures; Prometheus estimates them from scrapes a
  // second apart, extrapolated to the window's edges (exact for a steady rate). Its error is
  // at most what a rate change moves across one scrape interval at each edge: bounded here by
  // two seconds at the highest rate of the neighbouring windows.
  it("observes what the simulated frontend counted, within Prometheus's extrapolation", () => {
    const exact = exactWindows();
    let compared = 0;
    for (const [index, interval] of intervals.entries()) {
      const observed = interval.decision?.observed;
      if (observed?.metrics !== "ok") continue;
      const near = exact.slice(Math.max(0, index - 1), index + 2).map((w) => w.numReq);
      const bound = (2 * Math.max(...near)) / INTERVAL_S;
      expect(Math.abs(observed.numReq - exact[index].numReq)).toBeLessThanOrEqual(bound);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  // The offline planner fed the true windows in place of Prometheus's estimates: the two agree
  // but where an estimate moved a correction factor across a rounding boundary, by at most one
  // replica per role.
  it("decides as the offline planner decides from the true windows, within one replica", () => {
    const exact = exactWindows();
    const offline = new SlaPlanner(config, buildProfileModel(profile));
    let agreed = 0;
    let compared = 0;
    for (const [index, interval] of intervals.entries()) {
      const decision = interval.decision;
      if (decision === null) continue;
      const observed = decision.observed as IntervalObservation;
      const truthful = observed.metrics === "ok" ? { ...observed, ...exact[index] } : observed;
      const target = offline.adjust(truthful).target;
      if (observed.metrics !== "ok" || target === null || decision.target === null) continue;
      expect(Math.abs(target.numPrefill - decision.target.numPrefill)).toBeLessThanOrEqual(1);
      expect(Math.abs(target.numDecode - decision.target.numDecode)).toBeLessThanOrEqual(1);
      compared += 1;
      if (JSON.stringify(target) === JSON.stringify(decision.target)) agreed += 1;
    }
    expect(agreed / compared).toBeGreaterThanOrEqual(0.75);
  });

  it("decides as the planner decides offline from the same observations", () => {
    const offline = new SlaPlanner(config, buildProfileModel(profile));
    for (const interval of intervals) {
      if (interval.decision === null) continue;
      const again = offline.adjust(interval.decision.observed as IntervalObservation);
      expect(again.target).toEqual(interval.decision.target);
    }
  });
});

/** The true figures of each interval's window, from the simulator's own counters. */
function exactWindows() {
  return truth.map((now, index) => figuresOf(diff(now, truth[index - 1] ?? emptyCounters())));
}

function diff(a: FrontendCounters, b: FrontendCounters): FrontendCounters {
  const out = emptyCounters();
  for (const key of Object.keys(out) as (keyof FrontendCounters)[]) out[key] = a[key] - b[key];
  return out;
}
