/**
 * Starts a simulation in a Web Worker and hands back its progress and outcome; cancelling ends
 * the worker at once (a run cannot be paused midway, and a new run starts a new worker).
 */
import type { SimulationReport } from "../../sim/report/simulationReport.ts";
import type { RunRequest, WorkerMessage } from "./protocol.ts";

export interface RunProgress {
  /** Share done, 0..1 (by simulated time). */
  readonly fraction: number;
  readonly atS: number;
  readonly arrived: number;
  readonly expectedRequests: number;
}

/** A finished run: its report, how long it took, and its scenario's hindsight bound. */
export interface RunOutcome {
  readonly report: SimulationReport;
  readonly wallS: number;
  readonly boundGpuHours: number;
}

export interface RunHandle {
  /** The report, or a rejection with the simulator's message (an Error named "Cancelled" when cancelled). */
  readonly done: Promise<RunOutcome>;
  cancel(): void;
}

export function startRun(request: RunRequest, onProgress: (p: RunProgress) => void): RunHandle {
  const worker = new Worker(new URL("./simWorker.ts", import.meta.url), { type: "module" });
  let settle: {
    resolve: (v: RunOutcome) => void;
    reject: (e: Error) => void;
  };
  const done = new Promise<RunOutcome>((resolve, reject) => {
    settle = { resolve, reject };
  });
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (message.kind === "progress") {
      const fraction = message.expectedS > 0 ? Math.min(1, message.atS / message.expectedS) : 0;
      onProgress({
        fraction,
        atS: message.atS,
        arrived: message.arrived,
        expectedRequests: message.expectedRequests,
      });
      return;
    }
    worker.terminate();
    if (message.kind === "done") {
      const { report, wallS, boundGpuHours } = message;
      settle.resolve({ report, wallS, boundGpuHours });
    } else settle.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    worker.terminate();
    settle.reject(new Error(event.message || "the simulation worker failed to start"));
  };
  worker.postMessage(request);
  return {
    done,
    cancel() {
      worker.terminate();
      const error = new Error("the run was cancelled");
      error.name = "Cancelled";
      settle.reject(error);
    },
  };
}
