import { useState } from "react";
import { PerformanceModel } from "../sim/engine/performanceModel.ts";
import { runSimulation } from "../sim/engine/runSimulation.ts";
import { summarize } from "../sim/report/simulationReport.ts";
import { summaryText } from "../sim/report/summaryText.ts";
import { parseScenario, scenarioSettings } from "../sim/scenario/scenario.ts";
import { sinusoidalLoad } from "../sim/traces/index.ts";
import dynamoSinLoad from "../scenarios/dynamo-sin-load.json";
import { bundledProfile } from "./bundledProfile.ts";

type RunState =
  | { readonly kind: "idle" }
  | { readonly kind: "running" }
  | { readonly kind: "done"; readonly lines: readonly string[] }
  | { readonly kind: "failed"; readonly message: string };

/**
 * The workbench's first page: it runs Dynamo's sinusoidal planner test with the same planner
 * and simulator the command line uses, in the browser, and shows the summary. The scenario
 * editor and charts come later.
 */
export function App() {
  const [state, setState] = useState<RunState>({ kind: "idle" });

  async function runDynamoSinLoad() {
    setState({ kind: "running" });
    try {
      const scenario = parseScenario(dynamoSinLoad, "scenarios/dynamo-sin-load.json");
      if (scenario.trace.kind !== "sinusoidal") throw new Error("expected a sinusoidal load");
      const result = await runSimulation({
        ...scenarioSettings(scenario),
        model: new PerformanceModel(bundledProfile()),
        requests: sinusoidalLoad(scenario.seed, scenario.trace.load),
      });
      setState({ kind: "done", lines: summaryText(scenario, summarize(scenario, result), result) });
    } catch (error) {
      setState({ kind: "failed", message: (error as Error).message });
    }
  }

  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: "60rem", margin: "2rem auto" }}>
      <h1>SLA Planner Workbench</h1>
      <p>
        Dynamo's SLA planner scaling a simulated prefill/decode fleet. This page runs Dynamo's own
        planner test (20–80 req/s sinusoid, ISL 3000, OSL 300) on the bundled H200 profile.
      </p>
      <button type="button" onClick={runDynamoSinLoad} disabled={state.kind === "running"}>
        {state.kind === "running" ? "Running…" : "Run dynamo-sin-load"}
      </button>
      {state.kind === "done" && <pre data-testid="summary">{state.lines.join("\n")}</pre>}
      {state.kind === "failed" && <p role="alert">{state.message}</p>}
    </main>
  );
}
