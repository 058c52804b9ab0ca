import { createServer, type Server } from "node:http";
import type { TraceRequest } from "../traces/traceRequest.ts";
import type { EngineOptions } from "../engine/engineOptions.ts";
import type { FleetOptions } from "../engine/fleet.ts";
import { FleetSimulator, PRIORITY, type SlaTargets } from "../engine/fleetSimulator.ts";
import type { PerformanceModel } from "../engine/performanceModel.ts";
import { frontendExposition, type FrontendLabels } from "./frontendExposition.ts";

/**
 * The simulator paced by the wall clock, `speedUp` simulated seconds per wall-second, with its
 * frontend's metrics served over HTTP for a real Prometheus to scrape. Nothing plans inside it:
 * its fleet changes only when told (`scale`), as a deployment changes only when its replica
 * counts are patched. Node only (it serves HTTP).
 */
export class RealTimeSimulation {
  readonly sim: FleetSimulator;
  private readonly requests: Iterator<TraceRequest>;
  private next: TraceRequest | undefined;
  private readonly speedUp: number;
  private readonly labels: FrontendLabels;
  private startedAtMs = Number.NaN;
  private timer: ReturnType<typeof setInterval> | undefined;
  private server: Server | undefined;

  constructor(setup: {
    readonly model: PerformanceModel;
    readonly fleet: FleetOptions;
    readonly engine: EngineOptions;
    readonly targets: SlaTargets;
    /** Requests in arrival order (simulated seconds); drawn as the clock reaches them. */
    readonly requests: Iterable<TraceRequest>;
    readonly speedUp: number;
    readonly labels: FrontendLabels;
  }) {
    this.sim = new FleetSimulator(setup.model, setup.fleet, setup.targets, setup.engine);
    this.requests = setup.requests[Symbol.iterator]();
    this.next = this.requests.next().value ?? undefined;
    this.speedUp = setup.speedUp;
    this.labels = setup.labels;
  }

  /** Simulated seconds since start() at the wall time `nowMs`. */
  simulatedS(nowMs = Date.now()): number {
    return ((nowMs - this.startedAtMs) / 1000) * this.speedUp;
  }

  /** Starts the clock, advancing the simulation every `tickMs` of wall time. */
  start(tickMs = 20): void {
    this.startedAtMs = Date.now();
    this.timer = setInterval(() => this.advance(), tickMs);
  }

  /** Brings the simulation to the wall clock: every arrival and event up to now. */
  advance(nowMs = Date.now()): void {
    const untilS = this.simulatedS(nowMs);
    while (this.next !== undefined && this.next.arrivalS <= untilS) {
      this.sim.runUntil(this.next.arrivalS, PRIORITY.arrival);
      this.sim.arrive(this.next);
      this.next = this.requests.next().value ?? undefined;
    }
    this.sim.runUntil(untilS, PRIORITY.arrival);
  }

  /** Asks for this many replicas of each role, as a patched deployment would. */
  scale(prefill: number, decode: number): void {
    this.sim.fleet.scaleTo("prefill", prefill, this.sim.nowS);
    this.sim.fleet.scaleTo("decode", decode, this.sim.nowS);
  }

  /** Serves `GET /metrics` on 127.0.0.1:`port` (0: any free port); resolves to the port. */
  async serveMetrics(port = 0): Promise<number> {
    const server = createServer((request, response) => {
      if (request.url !== "/metrics") {
        response.writeHead(404).end();
        return;
      }
      this.advance();
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      response.end(frontendExposition(this.sim.metrics.counters(), this.labels));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const address = server.address();
    return typeof address === "object" && address !== null ? address.port : port;
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    const server = this.server;
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  }
}
