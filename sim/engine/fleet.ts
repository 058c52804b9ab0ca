import { Random } from "../random.ts";
import { DecodeBatch } from "./decodeBatch.ts";
import type { EventQueue } from "./eventQueue.ts";
import { RequestQueue } from "./requestQueue.ts";
import {
  holdsGpus,
  isIdle,
  renewStepEvent,
  type DecodeWorker,
  type PrefillWorker,
  type WorkerRole,
} from "./worker.ts";

/**
 * Builds a replica's serving state (its queue, caches, KV pool); the fleet only runs its life
 * cycle. The simulator supplies one that follows its engine options.
 */
export interface WorkerFactory {
  prefill(id: number, numGpus: number): PrefillWorker;
  decode(id: number, numGpus: number): DecodeWorker;
}

/** Replicas with their own queues and nothing else: for driving the fleet on its own. */
export const PLAIN_WORKERS: WorkerFactory = {
  prefill: (id, numGpus) =>
    withStepEvent({
      ...baseWorker(id, numGpus),
      role: "prefill",
      running: [],
      stepping: false,
      pendingTokens: 0,
      cache: null,
    }),
  decode: (id, numGpus) =>
    withStepEvent({
      ...baseWorker(id, numGpus),
      role: "decode",
      batch: new DecodeBatch(null),
      joining: [],
      reservedKvTokens: 0,
      blocks: null,
      preempting: false,
      recomputeS: 0,
      stepping: false,
      stepStartedAtS: Number.NaN,
    }),
};

/** Completes a new replica with the step event of its first life. */
export function withStepEvent<W extends PrefillWorker | DecodeWorker>(
  worker: Omit<W, "stepEvent">,
): W {
  const complete = worker as W;
  renewStepEvent(complete);
  return complete;
}

/** The fields every new replica starts with: pending, with an empty queue of its own. */
export function baseWorker(id: number, numGpus: number) {
  return {
    id,
    numGpus,
    state: "pending" as const,
    readyAtS: Number.NaN,
    life: 0,
    queue: new RequestQueue(),
    ownsQueue: true,
  };
}

/** Sizes and delays of the simulated deployment. */
export interface FleetOptions {
  readonly initialPrefill: number;
  readonly initialDecode: number;
  readonly prefillEngineNumGpu: number;
  readonly decodeEngineNumGpu: number;
  /** Seconds from a replica's creation until it serves (scheduling, model load, warm-up). */
  readonly startupDelayS: number;
  /**
   * When set, each replica's start-up delay is drawn uniformly from [startupDelayS,
   * startupDelayMaxS] instead (pulling images and loading weights vary from node to node).
   */
  readonly startupDelayMaxS?: number;
  /** Seed of the start-up draws. */
  readonly seed?: number;
  /** GPUs the cluster can give the workers; a new replica waits while they are all taken. */
  readonly gpuLimit: number;
}

/** Replicas of one role by state, at one instant. */
export interface RoleCounts {
  readonly pending: number;
  readonly starting: number;
  readonly ready: number;
  readonly draining: number;
}

/** A fleet event the simulator schedules: a starting replica becomes ready. */
export interface WorkerReadyEvent {
  readonly kind: "workerReady";
  readonly worker: PrefillWorker | DecodeWorker;
}

/**
 * The replicas of both roles and their life cycle, as Kubernetes and Dynamo's operator run them:
 * a scale-up creates replicas that wait for GPUs, then start, then serve; a scale-down cancels
 * replicas that are not serving yet (newest first), then drains serving ones, idle and least
 * loaded first. A draining replica finishes what it holds before freeing its GPUs. GPUs held,
 * and so GPU-hours, count starting, ready and draining replicas.
 */
export class Fleet {
  readonly prefill: PrefillWorker[] = [];
  readonly decode: DecodeWorker[] = [];
  private readonly options: FleetOptions;
  private readonly queue: EventQueue<WorkerReadyEvent>;
  private nextId = 0;
  private gpusHeld = 0;
  private gpuSecondsSoFar = 0;
  private readonly startupDraws: Random;
  private lastChangeS = 0;

  /** Called when a replica becomes ready or stops, so the simulator can re-dispatch. */
  onChange: () => void = () => {};
  /** Called when a replica starts serving (after `onChange`). */
  onReady: (worker: PrefillWorker | DecodeWorker) => void = () => {};
  private readonly factory: WorkerFactory;

  constructor(
    options: FleetOptions,
    queue: EventQueue<WorkerReadyEvent>,
    factory: WorkerFactory = PLAIN_WORKERS,
  ) {
    this.options = options;
    this.queue = queue;
    this.factory = factory;
    this.startupDraws = new Random(options.seed ?? 1);
    for (let i = 0; i < options.initialPrefill; i += 1) this.add("prefill").state = "ready";
    for (let i = 0; i < options.initialDecode; i += 1) this.add("decode").state = "ready";
    this.gpusHeld =
      options.initialPrefill * options.prefillEngineNumGpu +
      options.initialDecode * options.decodeEngineNumGpu;
  }

  /** GPUs held right now. */
  get gpusInUse(): number {
    return this.gpusHeld;
  }

  /** GPU-seconds spent from time 0 to `nowS`. */
  gpuSeconds(nowS: number): number {
    return this.gpuSecondsSoFar + this.gpusHeld * (nowS - this.lastChangeS);
  }

  counts(role: WorkerRole): RoleCounts {
    const counts = { pending: 0, starting: 0, ready: 0, draining: 0 };
    for (const w of this.workers(role)) if (w.state !== "stopped") counts[w.state] += 1;
    return counts;
  }

  /** Whether every replica asked for is serving (Dynamo's "deployment Ready" condition). */
  isSettled(): boolean {
    const p = this.counts("prefill");
    const d = this.counts("decode");
    return p.pending + p.starting + d.pending + d.starting === 0;
  }

  /** Moves the role toward `target` replicas (pending, starting and ready ones count). */
  scaleTo(role: WorkerRole, target: number, nowS: number): void {
    const live = this.workers(role).filter(
      (w) => w.state === "pending" || w.state === "starting" || w.state === "ready",
    );
    for (let i = live.length; i < target; i += 1) this.add(role);
    if (live.length > target) this.remove(live, live.length - target, nowS);
    this.startPending(nowS);
  }

  /** Marks a starting replica ready (ignored if it was cancelled meanwhile). */
  markReady(worker: PrefillWorker | DecodeWorker): void {
    if (worker.state !== "starting") return;
    worker.state = "ready";
    this.onChange();
    this.onReady(worker);
  }

  /**
   * A serving replica crashed (its work already taken away): a ready one restarts, keeping its
   * GPUs, and serves again after a start-up delay; a draining one just stops.
   */
  restartAfterFailure(worker: PrefillWorker | DecodeWorker, nowS: number): void {
    if (worker.state === "draining") {
      this.stop(worker, nowS);
      return;
    }
    worker.state = "starting";
    worker.readyAtS = nowS + this.startupDelayS();
    this.queue.push(worker.readyAtS, 0, { kind: "workerReady", worker });
    this.onChange();
  }

  /** Stops a draining replica that has just become idle. */
  stopIfDrained(worker: PrefillWorker | DecodeWorker, nowS: number): void {
    if (worker.state === "draining" && isIdle(worker)) this.stop(worker, nowS);
  }

  private workers(role: WorkerRole): (PrefillWorker | DecodeWorker)[] {
    return role === "prefill" ? this.prefill : this.decode;
  }

  private add(role: WorkerRole): PrefillWorker | DecodeWorker {
    const id = this.nextId++;
    if (role === "prefill") {
      const worker = this.factory.prefill(id, this.options.prefillEngineNumGpu);
      this.prefill.push(worker);
      return worker;
    }
    const worker = this.factory.decode(id, this.options.decodeEngineNumGpu);
    this.decode.push(worker);
    return worker;
  }

  /** Takes `count` replicas out: not-yet-serving ones first, then the least loaded. */
  private remove(live: (PrefillWorker | DecodeWorker)[], count: number, nowS: number): void {
    const order = [...live].sort((a, b) => removalRank(a) - removalRank(b) || b.id - a.id);
    for (const worker of order.slice(0, count)) {
      if (worker.state === "ready") {
        worker.state = "draining";
        this.stopIfDrained(worker, nowS);
      } else {
        this.stop(worker, nowS);
      }
    }
  }

  private stop(worker: PrefillWorker | DecodeWorker, nowS: number): void {
    if (holdsGpus(worker)) this.changeGpus(-worker.numGpus, nowS);
    worker.state = "stopped";
    this.prune();
    this.startPending(nowS);
    this.onChange();
  }

  /** Gives waiting replicas GPUs, oldest first, as long as the cluster has them. */
  private startPending(nowS: number): void {
    for (const worker of [...this.prefill, ...this.decode].sort((a, b) => a.id - b.id)) {
      if (worker.state !== "pending") continue;
      if (this.gpusHeld + worker.numGpus > this.options.gpuLimit) continue;
      worker.state = "starting";
      worker.readyAtS = nowS + this.startupDelayS();
      this.changeGpus(worker.numGpus, nowS);
      this.queue.push(worker.readyAtS, 0, { kind: "workerReady", worker });
    }
  }

  private startupDelayS(): number {
    const { startupDelayS: low, startupDelayMaxS: high } = this.options;
    if (high === undefined || high <= low) return low;
    return low + (high - low) * this.startupDraws.uniform();
  }

  private changeGpus(delta: number, nowS: number): void {
    this.gpuSecondsSoFar = this.gpuSeconds(nowS);
    this.lastChangeS = nowS;
    this.gpusHeld += delta;
  }

  /** Forgets stopped replicas so the lists stay as short as the fleet. */
  private prune(): void {
    for (const list of [this.prefill, this.decode] as (PrefillWorker | DecodeWorker)[][]) {
      let kept = 0;
      for (const w of list) if (w.state !== "stopped") list[kept++] = w;
      list.length = kept;
    }
  }
}

/** Lower goes first when scaling down: pending, starting, idle ready, then busier ready. */
function removalRank(worker: PrefillWorker | DecodeWorker): number {
  if (worker.state === "pending") return 0;
  if (worker.state === "starting") return 1;
  const queued = worker.ownsQueue ? worker.queue.size : 0;
  if (worker.role === "prefill") return 2 + worker.running.length + queued;
  return 2 + worker.batch.size + worker.joining.length + queued;
}
