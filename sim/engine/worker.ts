import type { DecodeBatch } from "./decodeBatch.ts";
import type { KvBlockPool } from "./kvBlocks.ts";
import type { PrefixCache } from "./prefixCache.ts";
import type { RequestQueue } from "./requestQueue.ts";
import type { SimRequest } from "./simRequest.ts";

/**
 * Where a replica is in its life. `pending` waits for free GPUs; `starting` holds its GPUs and
 * loads the model (it serves nothing yet); `ready` serves; `draining` was removed by a scale-down
 * and finishes the work it holds before it frees its GPUs; `stopped` is gone.
 */
export type WorkerState = "pending" | "starting" | "ready" | "draining" | "stopped";

export type WorkerRole = "prefill" | "decode";

/** What every replica has, whatever its role. */
export interface WorkerBase {
  readonly id: number;
  readonly role: WorkerRole;
  readonly numGpus: number;
  state: WorkerState;
  /** When it will be ready, while starting. */
  readyAtS: number;
  /** Counts restarts after failures, so events of an earlier life are recognised and ignored. */
  life: number;
  /**
   * Requests routed to this replica and not started yet. With the shared-queue routing policy
   * every replica of the role holds the same queue, and `ownsQueue` is false.
   */
  queue: RequestQueue;
  ownsQueue: boolean;
}

/**
 * The agenda events that end a replica's current step. One object per replica life, reused for
 * every step (a simulation schedules millions); after a crash and restart the replica gets a
 * new one, and events of the old life are recognised by `life` and ignored.
 */
export interface PrefillStepEvent {
  readonly kind: "prefillStep";
  readonly worker: PrefillWorker;
  readonly life: number;
}
export interface DecodeStepEvent {
  readonly kind: "decodeStep";
  readonly worker: DecodeWorker;
  readonly life: number;
}

/** A prefill replica: computes prompts, one at a time or in chunked steps. */
export interface PrefillWorker extends WorkerBase {
  readonly role: "prefill";
  stepEvent: PrefillStepEvent;
  /** Requests whose prompts the current or next step works on, in the order they started. */
  readonly running: SimRequest[];
  /** Whether a step is under way (its end is scheduled). */
  stepping: boolean;
  /** Prompt tokens routed here and not computed yet (queued and running): its load. */
  pendingTokens: number;
  /** Recently computed prompt blocks, when prefix caching is on. */
  cache: PrefixCache | null;
}

/** A decode replica: batches continuously, bounded by its KV-cache capacity. */
export interface DecodeWorker extends WorkerBase {
  readonly role: "decode";
  stepEvent: DecodeStepEvent;
  /** The running batch. */
  batch: DecodeBatch;
  /** Requests admitted during the current iteration; they join at the next one. */
  readonly joining: SimRequest[];
  /** Reserve mode: KV tokens reserved by the batch and the joining requests (input + output). */
  reservedKvTokens: number;
  /** Paged mode: the replica's KV blocks. */
  blocks: KvBlockPool | null;
  /** Paged mode: whether its last iteration had to preempt (it then admits no one new). */
  preempting: boolean;
  /** Seconds of recomputation (readmitted preempted requests) the next iteration also takes. */
  recomputeS: number;
  /** Whether an iteration is under way (its end is scheduled). */
  stepping: boolean;
  /** When the current iteration began. */
  stepStartedAtS: number;
}

/** Whether the worker holds GPUs (and so costs GPU-hours). */
export function holdsGpus(worker: WorkerBase): boolean {
  return worker.state === "starting" || worker.state === "ready" || worker.state === "draining";
}

/** Whether the worker holds no request (requests in a shared queue belong to no replica). */
export function isIdle(worker: PrefillWorker | DecodeWorker): boolean {
  if (worker.ownsQueue && worker.queue.size > 0) return false;
  return worker.role === "prefill"
    ? worker.running.length === 0 && !worker.stepping
    : worker.batch.size === 0 && worker.joining.length === 0;
}

/** Gives the replica the step event of its current life. */
export function renewStepEvent(worker: PrefillWorker | DecodeWorker): void {
  if (worker.role === "prefill") {
    worker.stepEvent = { kind: "prefillStep", worker, life: worker.life };
  } else {
    worker.stepEvent = { kind: "decodeStep", worker, life: worker.life };
  }
}
