// The simulator's frontend as a real Prometheus sees it: served over HTTP with Dynamo's metric
// names while the simulation runs paced by the wall clock, scraped every second, and read back
// with the live planner's own queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILE_ONLY_ENGINE } from "../../sim/engine/engineOptions.ts";
import { emptyCounters } from "../../sim/engine/frontendMetrics.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { frontendExposition } from "../../sim/live/frontendExposition.ts";
import { RealTimeSimulation } from "../../sim/live/realTimeSimulation.ts";
import { readFrontend } from "../../src/live/frontendQueries.ts";
import { PrometheusClient } from "../../src/live/prometheusClient.ts";
import { makeFlatProfile } from "../support/makeEngineProfile.ts";
import {
  startPrometheus,
  waitForScrapes,
  type RunningPrometheus,
} from "../../sim/live/localPrometheus.ts";
import { makeFleetOptions } from "../support/simulationFactories.ts";

const WINDOW_S = 5;
const labels = { model: "llama", namespace: "dynamo" };

describe("frontendExposition", () => {
  it("writes the request counter and the five histograms in Prometheus's text format", () => {
    const counters = { ...emptyCounters(), requests: 3, ttftSumS: 0.3, ttftCount: 3 };
    const text = frontendExposition(counters, labels);
    expect(text).toContain(
      [
        "# TYPE dynamo_frontend_requests_total counter",
        'dynamo_frontend_requests_total{model="llama",dynamo_namespace="dynamo"} 3',
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "# TYPE dynamo_frontend_time_to_first_token_seconds histogram",
        'dynamo_frontend_time_to_first_token_seconds_bucket{model="llama",dynamo_namespace="dynamo",le="+Inf"} 3',
        'dynamo_frontend_time_to_first_token_seconds_sum{model="llama",dynamo_namespace="dynamo"} 0.3',
        'dynamo_frontend_time_to_first_token_seconds_count{model="llama",dynamo_namespace="dynamo"} 3',
      ].join("\n"),
    );
    expect(text.match(/# TYPE \S+ histogram/g)).toHaveLength(5);
  });
});

describe("RealTimeSimulation's clock", () => {
  it("runs speedUp simulated seconds per wall-second, and scales when told", async () => {
    const simulation = new RealTimeSimulation({
      model: new PerformanceModel(makeFlatProfile()),
      fleet: makeFleetOptions({ startupDelayS: 0 }),
      engine: PROFILE_ONLY_ENGINE,
      targets: { ttftTargetS: 1, itlTargetS: 1 },
      requests: Array.from({ length: 100 }, (_, i) => ({
        arrivalS: i,
        islTokens: 100,
        oslTokens: 2,
      })),
      speedUp: 10,
      labels,
    });
    simulation.start(60_000);
    const startMs = Date.now();
    // 2.05 wall-seconds at ten times: 20.5 simulated seconds, arrivals 0 to 20.
    simulation.advance(startMs + 2050);
    expect(simulation.sim.statistics.arrived).toBe(21);
    simulation.scale(3, 2);
    simulation.advance(startMs + 2100);
    expect(simulation.sim.fleet.counts("prefill").ready).toBe(3);
    await simulation.stop();
  });
});

describe("a real-time simulation scraped by a real Prometheus", () => {
  let simulation: RealTimeSimulation;
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;

  beforeAll(async () => {
    // A request every 50 ms (ISL 1,000, OSL 10) on four prefill replicas of 100 ms each and two
    // decode replicas of 10 ms iterations: nothing queues, so TTFT is exactly 100 ms.
    const requests = Array.from({ length: 4000 }, (_, i) => ({
      arrivalS: i * 0.05,
      islTokens: 1000,
      oslTokens: 10,
    }));
    simulation = new RealTimeSimulation({
      model: new PerformanceModel(makeFlatProfile()),
      fleet: makeFleetOptions({ initialPrefill: 4, initialDecode: 2 }),
      engine: PROFILE_ONLY_ENGINE,
      targets: { ttftTargetS: 1, itlTargetS: 1 },
      requests,
      speedUp: 1,
      labels,
    });
    const port = await simulation.serveMetrics();
    simulation.start();
    prometheus = await startPrometheus([`127.0.0.1:${port}`]);
    client = new PrometheusClient(prometheus.endpoint);
    await waitForScrapes(prometheus.endpoint, "dynamo_frontend_requests_total", WINDOW_S + 2);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await simulation?.stop();
  });

  it("gives the planner's queries the simulated traffic and latencies", async () => {
    const reading = await readFrontend(client, {
      prefix: "dynamo_frontend_",
      windowS: WINDOW_S,
      model: labels.model,
      namespace: labels.namespace,
    });
    expect(reading.metrics).toBe("ok");
    const f = reading.figures;
    expect(f.islTokens).toBeCloseTo(1000, 6);
    expect(f.oslTokens).toBeCloseTo(10, 6);
    expect(f.ttftS).toBeCloseTo(0.1, 6);
    // The first gap waits for the next decode iteration to begin: 10 to 20 ms; the rest 10 ms.
    expect(f.itlS).toBeGreaterThanOrEqual(0.01 - 1e-9);
    expect(f.itlS).toBeLessThanOrEqual((0.02 + 8 * 0.01) / 9 + 1e-9);
    // 20 requests per second over a 5 s window, extrapolated by increase(): within 15 %.
    expect(f.numReq).toBeGreaterThan(100 * 0.85);
    expect(f.numReq).toBeLessThan(100 * 1.15);
  });
});
