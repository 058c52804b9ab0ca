/**
 * Runs a sweep's points on worker threads, each worker one point at a time, handing out the
 * next point as one finishes; results arrive in the order they finish, not the points' order.
 */
import { Worker } from "node:worker_threads";
import {
  ConfigError,
  InputError,
  NotFoundError,
  UnavailableError,
  type ErrorCode,
  type PlannerWorkbenchError,
} from "../../src/errors.ts";
import type { PointResult } from "../sweep/pointResult.ts";
import type { PointJob } from "./loadSweep.ts";

/** A worker's answer to one point. */
export type WorkerAnswer =
  | { readonly kind: "done"; readonly result: PointResult }
  | { readonly kind: "failed"; readonly code: ErrorCode; readonly message: string }
  | { readonly kind: "crashed"; readonly detail: string };

/** Raised by `runInWorkers` when `signal` aborts it; the points finished are reported. */
export class SweepInterrupted extends Error {}

const WORKER_ENTRY = new URL("./sweepWorker.mjs", import.meta.url);

/**
 * Runs `jobs` on `workers` threads, awaiting `onResult` for each result before counting it done
 * (so a result is written before the next is taken). The first failure stops every worker and
 * is raised, as the error class its code names; an abort stops them and raises
 * SweepInterrupted. `onStart` is told when a point is handed to a worker.
 */
export function runInWorkers(
  jobs: readonly PointJob[],
  workers: number,
  callbacks: {
    readonly onResult: (result: PointResult) => Promise<void>;
    readonly onStart?: (job: PointJob) => void;
  },
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const threads: Worker[] = [];
    // Workers told to exit for want of work; their exit is no failure.
    const retired = new Set<Worker>();
    let next = 0;
    let finished = 0;
    let stopped = false;
    // Results are written one after the other, whatever order the workers finish in.
    let writing = Promise.resolve();

    const stop = (error?: unknown) => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener("abort", onAbort);
      for (const thread of threads) void thread.terminate();
      // Settled once the result being written, if any, is on disk.
      const settle = () => (error === undefined ? resolve() : reject(error));
      void writing.then(settle, settle);
    };
    const onAbort = () => stop(new SweepInterrupted("interrupted"));
    const handOut = (thread: Worker) => {
      if (next >= jobs.length) {
        retired.add(thread);
        return void thread.terminate();
      }
      const job = jobs[next++];
      callbacks.onStart?.(job);
      thread.postMessage(job);
    };
    const onAnswer = (thread: Worker, answer: WorkerAnswer) => {
      if (stopped) return;
      if (answer.kind !== "done") return stop(errorOf(answer));
      writing = writing
        .then(() => callbacks.onResult(answer.result))
        .then(() => {
          finished += 1;
          if (finished === jobs.length) stop();
        }, stop);
      handOut(thread);
    };

    if (jobs.length === 0) return resolve();
    if (signal?.aborted) return reject(new SweepInterrupted("interrupted"));
    signal?.addEventListener("abort", onAbort);
    for (let i = 0; i < Math.min(workers, jobs.length); i += 1) {
      const thread = new Worker(WORKER_ENTRY);
      threads.push(thread);
      thread.on("message", (answer: WorkerAnswer) => onAnswer(thread, answer));
      thread.on("error", (error) => stop(error));
      thread.on("exit", (code) => {
        if (!stopped && !retired.has(thread) && code !== 0)
          stop(new Error(`a sweep worker stopped with code ${code}`));
      });
      handOut(thread);
    }
  });
}

/** The error a worker's answer stands for, of the class its code names. */
function errorOf(answer: Exclude<WorkerAnswer, { kind: "done" }>): Error {
  if (answer.kind === "crashed") return new Error(`in a sweep worker: ${answer.detail}`);
  const classes: Record<ErrorCode, new (message: string) => PlannerWorkbenchError> = {
    BAD_INPUT: InputError,
    BAD_CONFIG: ConfigError,
    NOT_FOUND: NotFoundError,
    UNAVAILABLE: UnavailableError,
  };
  return new classes[answer.code](answer.message);
}
