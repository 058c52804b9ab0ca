// A sweep's worker thread: runs the points it is sent, one at a time, and answers each with its
// result or its error (a user's error as code and message, anything else with its stack).
import { parentPort } from "node:worker_threads";
import { PlannerWorkbenchError } from "../../src/errors.ts";
import type { PointJob } from "./loadSweep.ts";
import { runSweepPoint } from "./runSweepPoint.ts";
import type { WorkerAnswer } from "./sweepWorkerPool.ts";

const port = parentPort;
if (port === null) throw new Error("sweepWorker.ts runs only as a worker thread");

port.on("message", async (job: PointJob) => {
  port.postMessage(await answer(job));
});

async function answer(job: PointJob): Promise<WorkerAnswer> {
  try {
    return { kind: "done", result: await runSweepPoint(job) };
  } catch (error) {
    if (error instanceof PlannerWorkbenchError) {
      return { kind: "failed", code: error.code, message: error.message };
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { kind: "crashed", detail };
  }
}
