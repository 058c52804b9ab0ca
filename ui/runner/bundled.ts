/**
 * What ships inside the workbench: the scenarios of `scenarios/` (the same files the command
 * line runs) and the trace files they name, fetched by URL only when a run needs one.
 */
const scenarioModules = import.meta.glob<{ default: Record<string, unknown> }>(
  "../../scenarios/*.json",
  { eager: true },
);
const traceUrls = import.meta.glob<string>("../../scenarios/traces/*.{csv,jsonl}", {
  eager: true,
  query: "?url",
  import: "default",
});

/** The bundled scenarios by name (the file name without .json), in name order. */
export const BUNDLED_SCENARIOS: ReadonlyMap<string, Record<string, unknown>> = new Map(
  Object.entries(scenarioModules)
    .map(([path, module]) => [/([^/]+)\.json$/.exec(path)![1], module.default] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);

/** The scenario a new visitor sees first: Dynamo's own planner test, quick to run. */
export const DEFAULT_SCENARIO = "dynamo-sin-load";

/** The bundled profile, as scenarios name it (relative to the scenarios folder). */
export const BUNDLED_PROFILE = "../profiles/h200-llama3.1-8b-fp8";

/** The URL of a bundled trace, by the path a scenario gives it ("traces/x.csv"), if bundled. */
export function bundledTraceUrl(path: string): string | undefined {
  return traceUrls[`../../scenarios/${path.replace(/^\.\//, "")}`];
}

/** The bundled trace files, as scenarios name them ("traces/AzureLLMInferenceTrace_conv.csv"). */
export function bundledTraceNames(): string[] {
  return Object.keys(traceUrls)
    .map((path) => path.replace("../../scenarios/", ""))
    .sort();
}
