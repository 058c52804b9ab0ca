import {
  limitDuration,
  replicate,
  sinusoidalLoad,
  speedUp,
  type TraceFormat,
  type TraceStream,
} from "../traces/index.ts";
import { LOAD_GENERATORS, type Scenario } from "./scenario.ts";

/**
 * Opens a scenario's trace file: its path as the scenario writes it (relative to the scenario),
 * its format when the scenario names one. The command line streams it from disk; the workbench
 * parses the text it fetched or was given.
 */
export type TraceOpener = (path: string, format: TraceFormat | undefined) => TraceStream;

/**
 * The scenario's requests in arrival order, read or generated as they are consumed: its trace
 * file or synthetic load, then its replication, speed-up and duration limit. Runs anywhere.
 */
export function scenarioRequests(scenario: Scenario, openTrace: TraceOpener): TraceStream {
  const { trace, seed } = scenario;
  let stream: TraceStream =
    trace.kind === "file"
      ? openTrace(trace.path, trace.format)
      : trace.kind === "sinusoidal"
        ? sinusoidalLoad(seed, trace.load)
        : LOAD_GENERATORS[trace.generator](seed, trace.options);
  if (trace.replicate > 1) stream = replicate(trace.replicate, seed)(stream);
  if (trace.speedUp !== 1) stream = speedUp(trace.speedUp)(stream);
  if (trace.durationS !== Infinity) stream = limitDuration(trace.durationS)(stream);
  return stream;
}
