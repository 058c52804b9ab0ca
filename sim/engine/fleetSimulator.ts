import { ConfigError } from "../../src/errors.ts";
import { Random } from "../random.ts";
import type { TraceRequest } from "../traces/traceRequest.ts";
import { PROFILE_ONLY_ENGINE, type EngineOptions } from "./engineOptions.ts";
import { DecodeBatch } from "./decodeBatch.ts";
import { EventQueue } from "./eventQueue.ts";
import {
  baseWorker,
  Fleet,
  withStepEvent,
  type FleetOptions,
  type WorkerReadyEvent,
} from "./fleet.ts";
import { FrontendMetrics } from "./frontendMetrics.ts";
import { blocksForTokens, KvBlockPool } from "./kvBlocks.ts";
import type { PerformanceModel } from "./performanceModel.ts";
import { PrefixCache } from "./prefixCache.ts";
import { RequestQueue } from "./requestQueue.ts";
import { Router } from "./router.ts";
import { RunStatistics, type RejectionReason } from "./runStatistics.ts";
import { SharedLink } from "./sharedLink.ts";
import { contextTokens, makeSimRequest, type SimRequest } from "./simRequest.ts";
import {
  renewStepEvent,
  type DecodeStepEvent,
  type DecodeWorker,
  type PrefillStepEvent,
  type PrefillWorker,
} from "./worker.ts";

/** A prompt's KV cache on its way to decode; stale once the request has been retried. */
interface Transfer {
  readonly request: SimRequest;
  readonly attempt: number;
  readonly startS: number;
}

/** A link and the generation of its scheduled completion event (older events are stale). */
interface TransferLink {
  readonly link: SharedLink<Transfer>;
  generation: number;
}

/** What the agenda holds. Work events carry the replica's life, to ignore them after a crash. */
export type SimEvent =
  | WorkerReadyEvent
  | PrefillStepEvent
  | DecodeStepEvent
  | { readonly kind: "transfer"; readonly link: TransferLink; readonly generation: number }
  | {
      readonly kind: "failure";
      readonly worker: PrefillWorker | DecodeWorker;
      readonly life: number;
    }
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

/** What the engines did, beyond each request's latency. */
export interface EngineCounters {
  /** Prompt tokens prefilled, and those of them found in a prefix cache instead. */
  promptTokens: number;
  cachedPromptTokens: number;
  /** Decode preemptions (each one a later recomputation). */
  preemptions: number;
  /** Replica failures, and requests retried on another replica because of them. */
  failures: number;
  migrations: number;
  /** KV transfers completed, and their summed duration in seconds. */
  transfers: number;
  transferSumS: number;
}

/** Counters at the start of a run. */
export function emptyEngineCounters(): EngineCounters {
  return {
    promptTokens: 0,
    cachedPromptTokens: 0,
    preemptions: 0,
    failures: 0,
    migrations: 0,
    transfers: 0,
    transferSumS: 0,
  };
}

/**
 * The discrete-event model of a disaggregated deployment, with the engine behaviour its
 * EngineOptions choose. A request is routed to a prefill replica (or a queue they share), which
 * computes its prompt alone or in chunked steps, skipping what its prefix cache holds; the first
 * output token leaves when the prefill ends. The prompt's KV cache then crosses the network to
 * decode, where the request is routed to a replica and admitted when its KV cache fits (paged
 * blocks with preemption, or a whole reservation). Decode replicas batch continuously: every
 * iteration produces one token for each running request, and requests admitted during an
 * iteration join at the next. Replicas may fail; their requests are retried. The caller feeds
 * arrivals in time order and advances the clock.
 */
export class FleetSimulator {
  readonly fleet: Fleet;
  readonly metrics = new FrontendMetrics();
  readonly statistics: RunStatistics;
  readonly counters: EngineCounters = emptyEngineCounters();
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
  private readonly engine: EngineOptions;
  private readonly router: Router;
  /** The queue every replica shares under shared-queue routing, or requests no replica takes. */
  private readonly prefillWaiting = new RequestQueue();
  private readonly decodeWaiting = new RequestQueue();
  private readonly links = new WeakMap<PrefillWorker, TransferLink>();
  private readonly clusterLink: TransferLink | null;
  /** Largest input plus output a decode replica could ever hold. */
  private readonly kvCapacityTokens: number;
  private readonly draws: Random;
  /** Scratch list of the requests an iteration finished. */
  private readonly finished: SimRequest[] = [];
  private nextRequestId = 0;

  constructor(
    model: PerformanceModel,
    fleetOptions: FleetOptions,
    targets: SlaTargets,
    engine: EngineOptions = PROFILE_ONLY_ENGINE,
  ) {
    this.model = model;
    this.engine = engine;
    this.draws = new Random(engine.seed);
    this.statistics = new RunStatistics(targets.ttftTargetS, targets.itlTargetS);
    this.router = new Router(
      engine.routing.prefill,
      engine.routing.decode,
      engine.prefixCache.blockTokens,
    );
    const { kvCache } = engine;
    if (kvCache.mode === "paged" && kvCache.blockSize > model.maxKvTokens) {
      throw new ConfigError(
        `engine.kvCache.blockSize must be at most one decode engine's KV cache, ` +
          `${model.maxKvTokens} tokens (from the profile), got ${kvCache.blockSize}`,
      );
    }
    this.kvCapacityTokens = model.maxKvTokens;
    if (kvCache.mode === "paged") {
      const totalBlocks = Math.floor(model.maxKvTokens / kvCache.blockSize);
      this.kvCapacityTokens = (totalBlocks - watermarkBlocks(totalBlocks)) * kvCache.blockSize;
    }
    this.clusterLink =
      engine.kvTransfer?.sharing === "cluster" ? this.newLink(engine.kvTransfer) : null;
    this.fleet = new Fleet(fleetOptions, this.queue as EventQueue<WorkerReadyEvent>, {
      prefill: (id, numGpus) => this.newPrefillWorker(id, numGpus),
      decode: (id, numGpus) => this.newDecodeWorker(id, numGpus),
    });
    this.fleet.onChange = () => this.dispatch();
    this.fleet.onReady = (worker) => this.scheduleFailure(worker);
    for (const worker of [...this.fleet.prefill, ...this.fleet.decode]) {
      this.scheduleFailure(worker);
    }
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
    const queue = this.queue;
    for (;;) {
      const atS = queue.nextAtS;
      if (atS > untilS || (atS === untilS && queue.nextPriority >= priority)) break;
      this.nowS = atS;
      this.handle(queue.popPayload() as SimEvent);
    }
    this.nowS = Math.max(this.nowS, untilS);
  }

  /** Handles the earliest event; false when none is left. */
  step(): boolean {
    const atS = this.queue.nextAtS;
    if (atS === Infinity) return false;
    this.nowS = atS;
    this.handle(this.queue.popPayload() as SimEvent);
    return true;
  }

  /** A request arrives now (the clock must already be at its arrival time). */
  arrive(trace: TraceRequest): void {
    this.statistics.arrived += 1;
    // Drawn first, so that a non-streaming request is left out of attainment whatever its
    // fate; a request without output is not judged anyway.
    const share = this.engine.nonStreamingShare;
    const streaming = share === 0 || trace.oslTokens === 0 || this.draws.uniform() >= share;
    if (!streaming) this.statistics.nonStreaming += 1;
    const totalTokens = trace.islTokens + trace.oslTokens;
    if (totalTokens > (this.engine.maxContextTokens ?? this.model.maxContextTokens)) {
      this.reject("exceeds-context");
      return;
    }
    if (totalTokens > this.kvCapacityTokens) {
      this.reject("exceeds-kv-capacity");
      return;
    }
    this.inFlight += 1;
    this.routeToPrefill(makeSimRequest(this.nextRequestId++, trace, streaming));
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
      case "prefillStep":
        if (event.life === event.worker.life) this.finishPrefillStep(event.worker);
        break;
      case "decodeStep":
        if (event.life === event.worker.life) this.finishDecodeStep(event.worker);
        break;
      case "transfer":
        if (event.generation === event.link.generation) this.finishTransfers(event.link);
        break;
      case "failure":
        if (event.life === event.worker.life) this.fail(event.worker);
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

  /** A request already in flight gives up (too many preemptions or migrations). */
  private abandon(request: SimRequest, reason: RejectionReason): void {
    this.inFlight -= 1;
    request.attempt += 1;
    this.reject(reason);
  }

  /** Replicas came or went: hand waiting work to whoever can take it. */
  private dispatch(): void {
    if (this.engine.routing.prefill !== "shared-queue") this.routeWaiting(this.prefillWaiting);
    else for (const worker of this.fleet.prefill) this.startPrefillStep(worker);
    if (this.engine.routing.decode !== "shared-queue") this.routeWaiting(this.decodeWaiting);
    else this.admitFromSharedDecodeQueue();
  }

  /** Requests that found no serving replica when routed try again. */
  private routeWaiting(waiting: RequestQueue): void {
    const count = waiting.size;
    for (let i = 0; i < count; i += 1) {
      const request = waiting.take() as SimRequest;
      if (waiting === this.prefillWaiting) this.routeToPrefill(request);
      else this.routeToDecode(request);
    }
  }

  // --- Prefill -------------------------------------------------------------------------------

  private newPrefillWorker(id: number, numGpus: number): PrefillWorker {
    const shared = this.engine.routing.prefill === "shared-queue";
    return withStepEvent({
      ...baseWorker(id, numGpus),
      role: "prefill",
      queue: shared ? this.prefillWaiting : new RequestQueue(),
      ownsQueue: !shared,
      running: [],
      stepping: false,
      pendingTokens: 0,
      cache: this.newPrefixCache(),
    });
  }

  /** An empty prefix cache of the configured size, or null when caching is off. */
  private newPrefixCache(): PrefixCache | null {
    const { prefixCache } = this.engine;
    if (!prefixCache.enabled) return null;
    const defaultBlocks = Math.floor(this.model.maxKvTokens / prefixCache.blockTokens);
    return new PrefixCache(prefixCache.capacityBlocks ?? Math.max(1, defaultBlocks));
  }

  private routeToPrefill(request: SimRequest): void {
    if (this.engine.routing.prefill === "shared-queue") {
      this.prefillWaiting.push(request);
      for (const worker of this.fleet.prefill) {
        if (this.prefillWaiting.size === 0) break;
        this.startPrefillStep(worker);
      }
      return;
    }
    const worker = this.router.prefillWorker(this.fleet.prefill, request);
    if (worker === null) {
      this.prefillWaiting.push(request);
      return;
    }
    worker.queue.push(request);
    worker.pendingTokens += request.prefillTargetTokens;
    this.startPrefillStep(worker);
  }

  /**
   * Starts the replica's next step if it is free and has work: one whole prompt, or up to the
   * token budget of chunks (prompts already started first). A replica that is draining takes
   * nothing more from a shared queue.
   */
  private startPrefillStep(worker: PrefillWorker): void {
    if (worker.stepping) return;
    const serving = worker.state === "ready" || (worker.state === "draining" && worker.ownsQueue);
    if (!serving) return;
    const chunked = this.engine.prefillBatching.mode === "chunked";
    let budget = chunked ? this.engine.prefillBatching.tokenBudget : Infinity;
    let stepTokens = 0;
    let extraS = 0;
    const running = worker.running;
    for (const request of running) {
      if (budget <= 0) break;
      const start = request.prefilledTokens;
      request.stepTokens = Math.min(budget, request.prefillTargetTokens - start);
      budget -= request.stepTokens;
      stepTokens += request.stepTokens;
      extraS += this.model.prefillContinuationS(start, start + request.stepTokens);
    }
    while (budget > 0 && (chunked || running.length === 0) && worker.queue.size > 0) {
      const request = worker.queue.take() as SimRequest;
      this.lookUpPrefix(worker, request);
      const start = request.prefilledTokens;
      request.stepTokens = Math.min(budget, request.prefillTargetTokens - start);
      budget -= request.stepTokens;
      stepTokens += request.stepTokens;
      extraS += this.model.prefillContinuationS(start, start + request.stepTokens);
      running.push(request);
    }
    if (running.length === 0) return;
    worker.stepping = true;
    const doneAtS = this.nowS + this.model.prefillTimeS(stepTokens) + extraS;
    this.queue.push(doneAtS, PRIORITY.work, worker.stepEvent);
  }

  /** Counts the prompt and skips the leading blocks the replica's prefix cache holds. */
  private lookUpPrefix(worker: PrefillWorker, request: SimRequest): void {
    this.counters.promptTokens += request.prefillTargetTokens;
    if (worker.cache === null || request.hashIds === undefined) return;
    const cachedBlocks = worker.cache.cachedPrefixBlocks(request.hashIds);
    // At least the last token is computed: it produces the first output token.
    const cached = Math.min(
      cachedBlocks * this.engine.prefixCache.blockTokens,
      request.prefillTargetTokens - 1,
    );
    if (cached <= 0) return;
    request.prefilledTokens = cached;
    worker.pendingTokens -= cached;
    this.counters.cachedPromptTokens += cached;
  }

  private finishPrefillStep(worker: PrefillWorker): void {
    worker.stepping = false;
    const running = worker.running;
    let kept = 0;
    for (const request of running) {
      request.prefilledTokens += request.stepTokens;
      worker.pendingTokens -= request.stepTokens;
      request.stepTokens = 0;
      if (request.prefilledTokens < request.prefillTargetTokens) {
        running[kept++] = request;
        continue;
      }
      if (worker.cache !== null && request.hashIds !== undefined) {
        worker.cache.store(request.hashIds);
      }
      this.prefillDone(worker, request);
    }
    running.length = kept;
    // Only this replica became free; the others already took what they could.
    this.startPrefillStep(worker);
    this.fleet.stopIfDrained(worker, this.nowS);
  }

  /**
   * The prompt is computed, and with it the first output token, which the frontend streams at
   * once (the profiler's TTFT includes it). The KV cache then goes to decode for the rest.
   */
  private prefillDone(worker: PrefillWorker, request: SimRequest): void {
    if (request.generatedTokens === 0 && request.oslTokens > 0) {
      request.firstTokenAtS = request.lastTokenAtS = this.nowS;
      request.generatedTokens = 1;
      if (request.streaming) this.metrics.observeFirstToken(this.nowS - request.arrivalS);
    }
    if (request.generatedTokens >= request.oslTokens) {
      this.complete(request);
      return;
    }
    const transfer = this.engine.kvTransfer;
    if (transfer === null) {
      this.routeToDecode(request);
      return;
    }
    const link = this.clusterLink ?? this.linkOf(worker, transfer);
    const bytes = transfer.bytesPerToken * contextTokens(request);
    link.link.start({ request, attempt: request.attempt, startS: this.nowS }, bytes, this.nowS);
    this.scheduleTransfer(link);
  }

  // --- KV transfer ---------------------------------------------------------------------------

  private newLink(options: NonNullable<EngineOptions["kvTransfer"]>): TransferLink {
    return {
      link: new SharedLink<Transfer>(options.bandwidthBytesPerS, options.latencyS),
      generation: 0,
    };
  }

  private linkOf(worker: PrefillWorker, options: NonNullable<EngineOptions["kvTransfer"]>) {
    let link = this.links.get(worker);
    if (link === undefined) {
      link = this.newLink(options);
      this.links.set(worker, link);
    }
    return link;
  }

  /** (Re)schedules the link's next completion; earlier scheduled events become stale. */
  private scheduleTransfer(link: TransferLink): void {
    link.generation += 1;
    const atS = link.link.nextCompletionS();
    if (atS === Infinity) return;
    const event = { kind: "transfer", link, generation: link.generation } as const;
    this.queue.push(Math.max(atS, this.nowS), PRIORITY.work, event);
  }

  private finishTransfers(link: TransferLink): void {
    for (const { request, attempt, startS } of link.link.takeFinished(this.nowS)) {
      if (attempt !== request.attempt) continue;
      this.counters.transfers += 1;
      this.counters.transferSumS += this.nowS - startS;
      this.routeToDecode(request);
    }
    this.scheduleTransfer(link);
  }

  // --- Decode --------------------------------------------------------------------------------

  private newDecodeWorker(id: number, numGpus: number): DecodeWorker {
    const shared = this.engine.routing.decode === "shared-queue";
    const paged = this.engine.kvCache.mode === "paged";
    return withStepEvent({
      ...baseWorker(id, numGpus),
      role: "decode",
      queue: shared ? this.decodeWaiting : new RequestQueue(),
      ownsQueue: !shared,
      batch: this.newDecodeBatch(),
      joining: [],
      reservedKvTokens: 0,
      blocks: paged ? this.newBlockPool() : null,
      preempting: false,
      recomputeS: 0,
      stepping: false,
      stepStartedAtS: Number.NaN,
    });
  }

  private newDecodeBatch(): DecodeBatch {
    const { kvCache } = this.engine;
    return new DecodeBatch(kvCache.mode === "paged" ? kvCache.blockSize : null);
  }

  private newBlockPool(): KvBlockPool {
    const blockSize = this.engine.kvCache.blockSize;
    return new KvBlockPool(Math.floor(this.model.maxKvTokens / blockSize), blockSize);
  }

  private routeToDecode(request: SimRequest): void {
    if (this.engine.routing.decode === "shared-queue") {
      this.decodeWaiting.push(request);
      this.admitFromSharedDecodeQueue();
      return;
    }
    const worker = this.router.decodeWorker(this.fleet.decode);
    if (worker === null) {
      this.decodeWaiting.push(request);
      return;
    }
    worker.queue.push(request);
    this.admitFromOwnQueue(worker);
  }

  /**
   * Whether the request's KV cache fits on the replica now: paged, its context and room for
   * the token the next iteration adds; reserved, its whole input and output.
   */
  private fits(worker: DecodeWorker, request: SimRequest): boolean {
    const blocks = worker.blocks;
    if (blocks !== null) {
      // As vLLM's scheduler: nothing new while running requests are being preempted, and a
      // watermark of free blocks kept back so that admitting does not force a preemption at
      // once; room is also left for the blocks the batch's next iteration takes.
      if (worker.preempting) return false;
      const needed =
        blocksForTokens(contextTokens(request) + 1, blocks.blockSize) +
        worker.batch.blocksNeeded() +
        watermarkBlocks(blocks.totalBlocks);
      return needed <= blocks.freeBlocks;
    }
    return (
      this.model.maxKvTokens - worker.reservedKvTokens >= request.islTokens + request.oslTokens
    );
  }

  /** Free KV room, to pick the roomiest replica for the shared queue's head. */
  private freeKv(worker: DecodeWorker): number {
    if (worker.blocks !== null) return worker.blocks.freeBlocks * worker.blocks.blockSize;
    return this.model.maxKvTokens - worker.reservedKvTokens;
  }

  /**
   * Admits the shared queue's head to the ready replica with the most free KV cache while it
   * fits (those behind wait, as in vLLM's first-come-first-served scheduler). Requests admitted
   * to an idle replica at this instant all start its next iteration together.
   */
  private admitFromSharedDecodeQueue(): void {
    if (this.decodeWaiting.size === 0) return;
    const toStart: DecodeWorker[] = [];
    for (let head = this.decodeWaiting.peek(); head !== undefined;) {
      let best: DecodeWorker | null = null;
      for (const worker of this.fleet.decode) {
        if (worker.state !== "ready") continue;
        if (best === null || this.freeKv(worker) > this.freeKv(best)) best = worker;
      }
      if (best === null || !this.fits(best, head)) break;
      this.decodeWaiting.take();
      if (!best.stepping && best.batch.size === 0) toStart.push(best);
      this.admit(best, head);
      head = this.decodeWaiting.peek();
    }
    for (const worker of toStart) this.startDecodeStep(worker);
  }

  /** Admits the replica's own queue in order while the head fits; starts an iteration if idle. */
  private admitFromOwnQueue(worker: DecodeWorker): void {
    const serving = worker.state === "ready" || worker.state === "draining";
    for (let head = worker.queue.peek(); serving && head !== undefined;) {
      if (!this.fits(worker, head)) break;
      worker.queue.take();
      this.admit(worker, head);
      head = worker.queue.peek();
    }
    if (!worker.stepping && worker.batch.size > 0) this.startDecodeStep(worker);
  }

  private admit(worker: DecodeWorker, request: SimRequest): void {
    if (worker.blocks !== null) worker.blocks.grow(0, contextTokens(request));
    else worker.reservedKvTokens += request.islTokens + request.oslTokens;
    if (request.needsRecompute) {
      // vLLM recomputes a preempted request's KV cache with a prefill pass in the step it
      // rejoins, which every request in that step waits for.
      worker.recomputeS += this.model.prefillTimeS(contextTokens(request));
      request.needsRecompute = false;
    }
    if (worker.stepping) worker.joining.push(request);
    else worker.batch.join(request, this.nowS);
  }

  /**
   * Paged mode: every running request needs room for the token this iteration adds, a new block
   * for each whose blocks are full. While they are not all free, the newest running request is
   * preempted (possibly one of those that needed a block).
   */
  private makeRoomForNextTokens(worker: DecodeWorker, blocks: KvBlockPool): void {
    const batch = worker.batch;
    worker.preempting = false;
    while (batch.blocksNeeded() > blocks.freeBlocks) {
      const victim = batch.removeNewest(this.nowS) as SimRequest;
      this.preempt(worker, blocks, victim);
      worker.preempting = true;
    }
    blocks.takeBlocks(batch.blocksNeeded());
  }

  private preempt(worker: DecodeWorker, blocks: KvBlockPool, request: SimRequest): void {
    blocks.release(contextTokens(request));
    request.preemptions += 1;
    this.counters.preemptions += 1;
    if (request.preemptions > this.engine.kvCache.maxPreemptions) {
      this.abandon(request, "preemption-limit");
      return;
    }
    request.needsRecompute = true;
    worker.queue.pushFront(request);
  }

  private startDecodeStep(worker: DecodeWorker): void {
    if (worker.blocks !== null) this.makeRoomForNextTokens(worker, worker.blocks);
    const batch = worker.batch;
    if (batch.size === 0) return;
    const stepS =
      this.model.decodeStepTimeS(batch.size, batch.contextTokens / batch.size) + worker.recomputeS;
    worker.recomputeS = 0;
    worker.stepping = true;
    worker.stepStartedAtS = this.nowS;
    this.queue.push(this.nowS + stepS, PRIORITY.work, worker.stepEvent);
  }

  /**
   * Every running request gets a token; finished ones leave; waiting ones join. The gap before
   * a request's second token covers its KV transfer, its wait for a decode slot and one
   * iteration; like every later gap it is an inter-token latency.
   */
  private finishDecodeStep(worker: DecodeWorker): void {
    const now = this.nowS;
    const finished = this.finished;
    const batch = worker.batch;
    batch.finishStep(worker.stepStartedAtS, now, finished);
    this.metrics.observeTokenGaps(batch.gapSumS, batch.gapCount);
    if (finished.length > 0) {
      for (const request of finished) {
        this.releaseKv(worker, request);
        this.complete(request);
      }
      finished.length = 0;
    }
    if (worker.joining.length > 0) {
      for (const request of worker.joining) batch.join(request, now);
      worker.joining.length = 0;
    }
    worker.stepping = false;

    if (worker.ownsQueue) this.admitFromOwnQueue(worker);
    else this.admitFromSharedDecodeQueue();
    if (worker.batch.size > 0 && !worker.stepping) this.startDecodeStep(worker);
    this.fleet.stopIfDrained(worker, now);
  }

  private releaseKv(worker: DecodeWorker, request: SimRequest): void {
    if (worker.blocks !== null) worker.blocks.release(contextTokens(request));
    else worker.reservedKvTokens -= request.islTokens + request.oslTokens;
  }

  // --- Failures ------------------------------------------------------------------------------

  private scheduleFailure(worker: PrefillWorker | DecodeWorker): void {
    const failures = this.engine.failures;
    if (failures === null) return;
    const afterS = -Math.log(1 - this.draws.uniform()) * failures.meanTimeBetweenFailuresS;
    const event = { kind: "failure", worker, life: worker.life } as const;
    this.queue.push(this.nowS + afterS, PRIORITY.work, event);
  }

  /**
   * A serving replica crashes: what it held is lost and every request on it is retried from
   * prefill (keeping the tokens already streamed), then the replica restarts.
   */
  private fail(worker: PrefillWorker | DecodeWorker): void {
    if (worker.state !== "ready" && worker.state !== "draining") return;
    this.counters.failures += 1;
    worker.life += 1;
    renewStepEvent(worker);
    const lost: SimRequest[] = worker.ownsQueue ? worker.queue.drain() : [];
    worker.stepping = false;
    if (worker.role === "prefill") {
      lost.push(...worker.running);
      worker.running.length = 0;
      worker.pendingTokens = 0;
      worker.cache = this.newPrefixCache();
    } else {
      lost.push(...worker.batch.takeAll(), ...worker.joining);
      worker.batch = this.newDecodeBatch();
      worker.joining.length = 0;
      worker.reservedKvTokens = worker.recomputeS = 0;
      worker.preempting = false;
      if (worker.blocks !== null) worker.blocks = this.newBlockPool();
    }
    this.fleet.restartAfterFailure(worker, this.nowS);
    for (const request of lost) this.retry(request);
  }

  private retry(request: SimRequest): void {
    request.migrations += 1;
    if (request.migrations > (this.engine.failures?.migrationLimit ?? 0)) {
      this.abandon(request, "migration-limit");
      return;
    }
    this.counters.migrations += 1;
    request.attempt += 1;
    request.prefillTargetTokens = contextTokens(request);
    request.prefilledTokens = request.stepTokens = 0;
    request.needsRecompute = false;
    this.routeToPrefill(request);
  }

  private complete(request: SimRequest): void {
    this.inFlight -= 1;
    const durationS = this.nowS - request.arrivalS;
    this.metrics.observeCompletion(durationS, request.islTokens, request.oslTokens);
    if (!request.streaming) {
      this.statistics.recordNonStreaming(durationS);
      return;
    }
    const ttftS = request.firstTokenAtS - request.arrivalS;
    const meanItlS =
      request.generatedTokens >= 2
        ? (request.lastTokenAtS - request.firstTokenAtS) / (request.generatedTokens - 1)
        : Number.NaN;
    this.statistics.recordCompletion(ttftS, meanItlS, durationS);
  }
}

/** Free blocks vLLM keeps back from admissions: 1 % of a pool of `totalBlocks`, rounded down. */
function watermarkBlocks(totalBlocks: number): number {
  return Math.floor(0.01 * totalBlocks);
}
