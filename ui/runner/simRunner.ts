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

export interface RunHandle {
  /** The report, or a rejection with the simulator's message (an Error named "Cancelled" when cancelled). */
  readonly done: Promise<{ report: SimulationReport; wallS: number }>;
  cancel(): void;
}

export function startRun(request: RunRequest, onProgress: (p: RunProgress) => void): RunHandle {
  const worker = new Worker(new URL("./simWorker.ts", import.meta.url), { type: "module" });
  let settle: {
    resolve: (v: { report: SimulationReport; wallS: number }) => void;
    reject: (e: Error) => void;
  };
  const done = new Promise<{ report: SimulationReport; wallS: number }>((resolve, reject) => {
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
    if (message.kind === "done") settle.resolve({ report: message.report, wallS: message.wallS });
    else settle.reject(new Error(message.message));
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
