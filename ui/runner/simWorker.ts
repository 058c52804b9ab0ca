/**
 * The simulation, run off the page's thread: the same parser, trace readers, planner and
 * simulator as `slaplan sim`, on the scenario, trace and profile the page sends. Progress goes
 * back at most ten times a second, so a run of hundreds of thousands of requests neither blocks
 * the page nor floods it with messages.
 */
import { hindsightLowerBound } from "../../sim/capacity/hindsightBound.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { runSimulation } from "../../sim/engine/runSimulation.ts";
import { buildReport } from "../../sim/report/simulationReport.ts";
import { parseScenario, scenarioSettings } from "../../sim/scenario/scenario.ts";
import { scenarioRequests, type TraceOpener } from "../../sim/scenario/scenarioRequests.ts";
import { parseTraceText, traceFormatOfPath } from "../../sim/traces/index.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { parseDecodeProfileFile, parsePrefillProfileFile } from "../../src/profile/index.ts";
import type { EngineProfile } from "../../src/profile/index.ts";
import { bundledTraceUrl } from "./bundled.ts";
import { bundledProfile } from "./bundledProfile.ts";
import type { RunRequest, WorkerMessage } from "./protocol.ts";

const post = (message: WorkerMessage) => self.postMessage(message);

self.onmessage = (event: MessageEvent<RunRequest>) => {
  run(event.data).catch((error: unknown) =>
    post({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
  );
};

async function run(request: RunRequest): Promise<void> {
  const startedMs = performance.now();
  const scenario = parseScenario(request.scenario, request.fileName);
  if (scenario.planner.loadPredictorWarmupTrace !== null) {
    throw new Error(
      `${request.fileName}: planner.loadPredictorWarmupTrace is read from disk by the command ` +
        "line; the workbench cannot follow it: remove it, or run this scenario with slaplan sim",
    );
  }
  const profile = request.profile === null ? bundledProfile() : uploadedProfile(request.profile);
  const traceText =
    scenario.trace.kind === "file" ? await traceTextOf(request, scenario.trace.path) : "";
  const open: TraceOpener = (path, format) =>
    parseTraceText(traceText, format ?? traceFormatOfPath(path), request.trace?.name ?? path);

  // A first pass over the requests gives the run's length for the progress bar, and finds a
  // bad trace line before the simulation starts.
  let expectedRequests = 0;
  let lastArrivalS = 0;
  for (const r of scenarioRequests(scenario, open) as Iterable<TraceRequest>) {
    expectedRequests += 1;
    lastArrivalS = r.arrivalS;
  }
  const expectedS = Math.max(lastArrivalS, scenario.runAtLeastS);

  let lastPostMs = 0;
  const model = new PerformanceModel(profile);
  const result = await runSimulation({
    ...scenarioSettings(scenario),
    model,
    requests: scenarioRequests(scenario, open),
    onProgress: (atS, arrived) => {
      const now = performance.now();
      if (now - lastPostMs < 100) return;
      lastPostMs = now;
      post({ kind: "progress", atS, expectedS, arrived, expectedRequests });
    },
  });
  const report = buildReport(scenario, result);
  const wallS = (performance.now() - startedMs) / 1000;
  // The yardstick every run is shown against: what an oracle sizing by throughput would spend.
  const bound = await hindsightLowerBound(scenario, model, scenarioRequests(scenario, open));
  post({ kind: "done", report, wallS, boundGpuHours: bound.gpuHours });
}

/** The trace's text: the uploaded file's, or the bundled file's that the scenario names. */
async function traceTextOf(request: RunRequest, path: string): Promise<string> {
  if (request.trace !== null) return new TextDecoder().decode(request.trace.bytes);
  const url = bundledTraceUrl(path);
  if (url === undefined) {
    throw new Error(
      `${request.fileName}: trace.file "${path}" is not bundled with the workbench: upload the trace file`,
    );
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path}: could not be fetched (HTTP ${response.status})`);
  return response.text();
}

function uploadedProfile(files: NonNullable<RunRequest["profile"]>): EngineProfile {
  return {
    source: "uploaded profile",
    prefill: parsePrefillProfileFile(files.prefill.bytes, files.prefill.name),
    decode: parseDecodeProfileFile(files.decode.bytes, files.decode.name),
  };
}
