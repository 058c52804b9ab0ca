import type { TraceRequest } from "../traces/traceRequest.ts";
import { EventQueue } from "./eventQueue.ts";
import { Fleet, type FleetOptions, type WorkerReadyEvent } from "./fleet.ts";
import { FrontendMetrics } from "./frontendMetrics.ts";
import type { PerformanceModel } from "./performanceModel.ts";
import { RequestQueue } from "./requestQueue.ts";
import { RunStatistics, type RejectionReason } from "./runStatistics.ts";
import { makeSimRequest, type SimRequest } from "./simRequest.ts";
import type { DecodeWorker, PrefillWorker } from "./worker.ts";

/** What the agenda holds. */
export type SimEvent =
  | WorkerReadyEvent
  | { readonly kind: "prefillDone"; readonly worker: PrefillWorker }
  | { readonly kind: "decodeStep"; readonly worker: DecodeWorker }
  | { readonly kind: "scrape" }
  | { readonly kind: "tick" };

/**
 * Among events at the same instant: replicas come up first, then work finishes, then new
 * requests arrive, and the planner's tick sees all of that.
 */
export const PRIORITY = { fleet: 0, work: 1, arrival: 2, scrape: 3, tick: 4 } as const;

/** Targets a completed request is judged against. */
export interface SlaTargets {
  readonly ttftTargetS: number;
  readonly itlTargetS: number;
}

/**
 * The discrete-event model of a disaggregated deployment. Requests queue for prefill (first in,
 * first out) and one prefill replica serves one prompt at a time; its first output token leaves
 * when the prefill ends. The request then queues for
 * decode, and the ready decode replica with the most
 * free KV cache admits it when its input plus output tokens fit (otherwise it and those behind
 * it wait, as in vLLM's first-come-first-served scheduler). Decode replicas batch continuously:
 * every iteration produces one token for each running request, and requests admitted during an
 * iteration join at the next. The caller feeds arrivals in time order and advances the clock.
 */
export class FleetSimulator {
  readonly fleet: Fleet;
  readonly metrics = new FrontendMetrics();
  readonly statistics: RunStatistics;
  /** The simulated clock, in seconds. */
  nowS = 0;
  /** Requests alive (queued or being served). */
  inFlight = 0;
  /** Called for every planner tick event, at its time. */
  onTick: (nowS: number) => void = () => {};
  /** Called for every scrape event, at its time. */
  onScrape: (nowS: number) => void = () => {};

  private readonly queue = new EventQueue<SimEvent>();
  private readonly model: PerformanceModel;
  private readonly prefillQueue = new RequestQueue();
  private readonly decodeQueue = new RequestQueue();
  private nextRequestId = 0;

  constructor(model: PerformanceModel, fleetOptions: FleetOptions, targets: SlaTargets) {
    this.model = model;
    this.statistics = new RunStatistics(targets.ttftTargetS, targets.itlTargetS);
    this.fleet = new Fleet(fleetOptions, this.queue as EventQueue<WorkerReadyEvent>);
    this.fleet.onChange = () => this.dispatch();
  }

  /** Schedules a metrics scrape at `atS`. */
  scheduleScrape(atS: number): void {
    this.queue.push(atS, PRIORITY.scrape, { kind: "scrape" });
  }

  /** Schedules a planner tick at `atS`. */
  scheduleTick(atS: number): void {
    this.queue.push(atS, PRIORITY.tick, { kind: "tick" });
  }

  /** Handles every event that comes before something of `priority` at `untilS`. */
  runUntil(untilS: number, priority: number): void {
    for (let next = this.queue.peek(); next !== undefined; next = this.queue.peek()) {
      if (next.atS > untilS || (next.atS === untilS && next.priority >= priority)) break;
      this.queue.pop();
      this.nowS = next.atS;
      this.handle(next.payload);
    }
    this.nowS = Math.max(this.nowS, untilS);
  }

  /** Handles the earliest event; false when none is left. */
  step(): boolean {
    const next = this.queue.pop();
    if (next === undefined) return false;
    this.nowS = next.atS;
    this.handle(next.payload);
    return true;
  }

  /** A request arrives now (the clock must already be at its arrival time). */
  arrive(trace: TraceRequest): void {
    this.statistics.arrived += 1;
    const totalTokens = trace.islTokens + trace.oslTokens;
    if (totalTokens > this.model.maxContextTokens) {
      this.reject("exceeds-context");
    } else if (totalTokens > this.model.maxKvTokens) {
      this.reject("exceeds-kv-capacity");
    } else {
      this.inFlight += 1;
      this.prefillQueue.push(makeSimRequest(this.nextRequestId++, trace));
      this.dispatchPrefill();
    }
  }

  /** Requests still queued or served; they end the run unfinished. */
  unfinishedRequests(): number {
    return this.inFlight;
  }

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case "workerReady":
        this.fleet.markReady(event.worker);
        break;
      case "prefillDone":
        this.finishPrefill(event.worker);
        break;
      case "decodeStep":
        this.finishDecodeStep(event.worker);
        break;
      case "scrape":
        this.onScrape(this.nowS);
        break;
      case "tick":
        this.onTick(this.nowS);
        break;
    }
  }

  private reject(reason: RejectionReason): void {
    this.statistics.recordRejection(reason);
    this.metrics.observeRejection();
  }

  private dispatch(): void {
    this.dispatchPrefill();
    this.dispatchDecode();
  }

  private dispatchPrefill(): void {
    for (const worker of this.fleet.prefill) {
      if (this.prefillQueue.size === 0) return;
      if (worker.state !== "ready" || worker.current !== null) continue;
      const request = this.prefillQueue.take() as SimRequest;
      worker.current = request;
      const doneAtS = this.nowS + this.model.prefillTimeS(request.islTokens);
      this.queue.push(doneAtS, PRIORITY.work, { kind: "prefillDone", worker });
    }
  }

  private finishPrefill(worker: PrefillWorker): void {
    const request = worker.current as SimRequest;
    worker.current = null;
    this.fleet.stopIfDrained(worker, this.nowS);
    if (request.oslTokens > 0) this.emitFirstToken(request);
    if (request.generatedTokens >= request.oslTokens) this.complete(request);
    else this.decodeQueue.push(request);
    this.dispatch();
  }

  /**
   * Admits queued requests in order while the head fits somewhere. Requests admitted to an idle
   * replica at this instant all start its next iteration together.
   */
  private dispatchDecode(): void {
    const toStart: DecodeWorker[] = [];
    for (let head = this.decodeQueue.peek(); head !== undefined; head = this.decodeQueue.peek()) {
      const need = head.islTokens + head.oslTokens;
      const worker = this.roomiestDecodeWorker();
      if (worker === null || this.model.maxKvTokens - worker.reservedKvTokens < need) break;
      this.decodeQueue.take();
      worker.reservedKvTokens += need;
      if (worker.stepping) {
        worker.joining.push(head);
      } else {
        if (worker.batch.length === 0) toStart.push(worker);
        this.join(worker, head);
      }
    }
    for (const worker of toStart) this.startDecodeStep(worker);
  }

  private roomiestDecodeWorker(): DecodeWorker | null {
    let best: DecodeWorker | null = null;
    for (const worker of this.fleet.decode) {
      if (worker.state !== "ready") continue;
      if (best === null || worker.reservedKvTokens < best.reservedKvTokens) best = worker;
    }
    return best;
  }

  /**
   * The prefill engine computes the first output token with the prompt (the profiler's TTFT
   * includes it), and the frontend streams it at once; decode produces the rest.
   */
  private emitFirstToken(request: SimRequest): void {
    request.firstTokenAtS = request.lastTokenAtS = this.nowS;
    request.generatedTokens = 1;
    this.metrics.observeFirstToken(this.nowS - request.arrivalS);
  }

  private join(worker: DecodeWorker, request: SimRequest): void {
    worker.batch.push(request);
    worker.contextTokens += request.islTokens + request.generatedTokens;
  }

  private startDecodeStep(worker: DecodeWorker): void {
    const batchSize = worker.batch.length;
    const stepS = this.model.decodeStepTimeS(batchSize, worker.contextTokens / batchSize);
    worker.stepping = true;
    worker.stepStartedAtS = this.nowS;
    this.queue.push(this.nowS + stepS, PRIORITY.work, { kind: "decodeStep", worker });
  }

  /**
   * Every running request gets a token; finished ones leave; waiting ones join. The gap before
   * a request's second token covers its wait for a decode slot and one iteration; like every
   * later gap it is an inter-token latency.
   */
  private finishDecodeStep(worker: DecodeWorker): void {
    const now = this.nowS;
    let gapSumS = 0;
    let gapCount = 0;
    let kept = 0;
    const batch = worker.batch;
    for (const request of batch) {
      gapSumS += now - request.lastTokenAtS;
      gapCount += 1;
      request.lastTokenAtS = now;
      request.generatedTokens += 1;
      worker.contextTokens += 1;
      if (request.generatedTokens < request.oslTokens) {
        batch[kept++] = request;
        continue;
      }
      worker.contextTokens -= request.islTokens + request.generatedTokens;
      worker.reservedKvTokens -= request.islTokens + request.oslTokens;
      this.complete(request);
    }
    this.metrics.observeTokenGaps(gapSumS, gapCount);
    batch.length = kept;
    for (const request of worker.joining) this.join(worker, request);
    worker.joining.length = 0;
    worker.stepping = false;

    this.dispatchDecode();
    if (worker.batch.length > 0 && !worker.stepping) this.startDecodeStep(worker);
    this.fleet.stopIfDrained(worker, now);
  }

  private complete(request: SimRequest): void {
    this.inFlight -= 1;
    const durationS = this.nowS - request.arrivalS;
    const ttftS = request.firstTokenAtS - request.arrivalS;
    const meanItlS =
      request.generatedTokens >= 2
        ? (request.lastTokenAtS - request.firstTokenAtS) / (request.generatedTokens - 1)
        : Number.NaN;
    this.statistics.recordCompletion(ttftS, meanItlS, durationS);
    this.metrics.observeCompletion(durationS, request.islTokens, request.oslTokens);
  }
}
