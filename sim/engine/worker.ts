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
}

/** A prefill replica: serves one prompt at a time. */
export interface PrefillWorker extends WorkerBase {
  readonly role: "prefill";
  /** The request being prefilled, if any. */
  current: SimRequest | null;
}

/** A decode replica: batches continuously, bounded by its KV-cache capacity. */
export interface DecodeWorker extends WorkerBase {
  readonly role: "decode";
  /** Requests in the running batch. */
  readonly batch: SimRequest[];
  /** Requests admitted during the current iteration; they join at the next one. */
  readonly joining: SimRequest[];
  /** KV tokens reserved by the batch and the joining requests (input plus output each). */
  reservedKvTokens: number;
  /** Tokens in the KV cache of the running batch now (input plus output so far, summed). */
  contextTokens: number;
  /** Whether an iteration is under way (its end is scheduled). */
  stepping: boolean;
  /** When the current iteration began. */
  stepStartedAtS: number;
}

/** Whether the worker holds GPUs (and so costs GPU-hours). */
export function holdsGpus(worker: WorkerBase): boolean {
  return worker.state === "starting" || worker.state === "ready" || worker.state === "draining";
}

/** Whether the worker holds no request. */
export function isIdle(worker: PrefillWorker | DecodeWorker): boolean {
  return worker.role === "prefill"
    ? worker.current === null
    : worker.batch.length === 0 && worker.joining.length === 0;
}
