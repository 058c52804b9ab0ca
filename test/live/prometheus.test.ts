// The live planner's view of the frontend, against a real Prometheus (the Debian package) that
// scrapes, every second, a frontend this test serves on 127.0.0.1 with Dynamo's metric names.
// Counters grow at known rates, so every figure has an expected value; other metric families
// are frozen or broken on purpose to produce Prometheus's NaN and +Inf.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontendQueries, readFrontend } from "../../src/live/frontendQueries.ts";
import { PrometheusClient } from "../../src/live/prometheusClient.ts";
import {
  FRONTEND_COUNTERS,
  frontendFamily as family,
  serveMetricsText,
} from "../support/fakeFrontend.ts";
import {
  freePort,
  startPrometheus,
  waitForScrapes,
  type RunningPrometheus,
} from "../../sim/live/localPrometheus.ts";

const WINDOW_S = 5;
let frontend: Awaited<ReturnType<typeof serveMetricsText>>;
let prometheus: RunningPrometheus;
let client: PrometheusClient;
const startedAt = Date.now();

function exposition(): string {
  const t = (Date.now() - startedAt) / 1000;
  const all = new Set(FRONTEND_COUNTERS);
  return [
    family("dynamo_frontend_", 'model="m",dynamo_namespace="ns"', t),
    // A second model at half the traffic: the request count sums both when unfiltered.
    family("dynamo_frontend_", 'model="other",dynamo_namespace="ns"', t / 2),
    // No traffic at all: every increase() is 0, every ratio 0/0.
    family("idle_", 'model="m"', t, all),
    // A TTFT count that stopped while its sum grew: the ratio is +Inf.
    family("broken_", 'model="m"', t, new Set(["time_to_first_token_seconds_count"])),
  ].join("\n");
}

beforeAll(async () => {
  frontend = await serveMetricsText(exposition);
  prometheus = await startPrometheus([`127.0.0.1:${frontend.port}`]);
  client = new PrometheusClient(prometheus.endpoint);
  await waitForScrapes(
    prometheus.endpoint,
    'dynamo_frontend_requests_total{model="m"}',
    WINDOW_S + 2,
  );
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await frontend?.stop();
});

describe("the six frontend queries", () => {
  it("are Dynamo's expressions, with the label filter and the prefix asked for", () => {
    const queries = frontendQueries({
      prefix: "nv_llm_http_service_",
      windowS: 60,
      model: 'llama "8b"',
      namespace: "dynamo",
    });
    const filter = '{model="llama \\"8b\\"",dynamo_namespace="dynamo"}';
    expect(queries.numReq).toBe(`increase(nv_llm_http_service_requests_total${filter}[60s])`);
    expect(queries.ttftS).toBe(
      `increase(nv_llm_http_service_time_to_first_token_seconds_sum${filter}[60s])/` +
        `increase(nv_llm_http_service_time_to_first_token_seconds_count${filter}[60s])`,
    );
    expect(frontendQueries({ prefix: "dynamo_frontend_", windowS: 30 }).itlS).toBe(
      "increase(dynamo_frontend_inter_token_latency_seconds_sum[30s])/" +
        "increase(dynamo_frontend_inter_token_latency_seconds_count[30s])",
    );
  });
});

describe("readFrontend against a real Prometheus", () => {
  const selector = { prefix: "dynamo_frontend_", windowS: WINDOW_S, model: "m", namespace: "ns" };

  it("reads the six figures of one model: ratios exact, the count about rate × window", async () => {
    const reading = await readFrontend(client, selector);
    expect(reading.metrics).toBe("ok");
    expect(reading.problems).toEqual([]);
    const f = reading.figures;
    expect(f.islTokens).toBeCloseTo(1000, 6);
    expect(f.oslTokens).toBeCloseTo(200, 6);
    expect(f.ttftS).toBeCloseTo(0.2, 6);
    expect(f.itlS).toBeCloseTo(0.01, 6);
    expect(f.requestDurationS).toBeCloseTo(3, 6);
    // increase() extrapolates the samples to the window's edges: 10 req/s × 5 s, within 15 %.
    expect(f.numReq).toBeGreaterThan(50 * 0.85);
    expect(f.numReq).toBeLessThan(50 * 1.15);
  });

  it("sums the request count over every series when no model is named", async () => {
    const one = await readFrontend(client, selector);
    const both = await readFrontend(client, { prefix: "dynamo_frontend_", windowS: WINDOW_S });
    // The second model has half the traffic; take both readings' ratio, not absolute counts.
    expect(both.figures.numReq / one.figures.numReq).toBeCloseTo(1.5, 1);
  });

  it("calls a window without traffic ok, with NaN figures and a count of 0", async () => {
    const reading = await readFrontend(client, { prefix: "idle_", windowS: WINDOW_S });
    expect(reading.metrics).toBe("ok");
    expect(reading.figures.numReq).toBe(0);
    expect(reading.figures.ttftS).toBeNaN();
    expect(reading.figures.islTokens).toBeNaN();
  });

  it("calls an infinite ratio an error, and passes no figure on", async () => {
    const reading = await readFrontend(client, { prefix: "broken_", windowS: WINDOW_S });
    expect(reading.metrics).toBe("error");
    expect(reading.problems).toEqual(["ttftS: +Inf (a sum grew while its count did not)"]);
    expect(Object.values(reading.figures).every(Number.isNaN)).toBe(true);
  });

  it("calls labels that match nothing empty", async () => {
    const reading = await readFrontend(client, { ...selector, model: "no-such-model" });
    expect(reading.metrics).toBe("empty");
    expect(reading.problems[0]).toBe("numReq: no series");
  });
});

describe("PrometheusClient outcomes", () => {
  it("reads NaN and +Inf from Prometheus's strings", async () => {
    const nan = await client.query("increase(idle_requests_total[5s]) / 0");
    expect(nan.kind === "vector" && Number.isNaN(nan.samples[0].value)).toBe(true);
    const inf = await client.query("vector(1) / 0");
    expect(inf).toEqual({ kind: "vector", samples: [{ labels: {}, value: Infinity }] });
  });

  it("reports a malformed expression as Prometheus's bad_data error (HTTP 400)", async () => {
    const outcome = await client.query("increase(");
    expect(outcome.kind).toBe("error");
    expect(outcome.kind === "error" && outcome.reason).toMatch(/^bad_data \(HTTP 400\): /);
  });

  it("reports a refused connection as unreachable", async () => {
    const port = await freePort();
    const outcome = await new PrometheusClient(`http://127.0.0.1:${port}`).query("up");
    expect(outcome).toEqual({ kind: "unreachable", reason: "connection refused" });
  });

  it("reports a server that never answers as unreachable after the timeout", async () => {
    const silent = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const outcome = await new PrometheusClient(`http://127.0.0.1:${port}`, {
      timeoutMs: 200,
    }).query("up");
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(outcome).toEqual({ kind: "unreachable", reason: "no answer within 200 ms" });
  });
});
