/**
 * The workbench page: the scenario editor on the left; on the right the run controls, the
 * headline figures of the run shown, its charts on one time axis with the planner's decision
 * under the pointer, the runs kept for comparison and the live-cluster overlay.
 */
import { useEffect } from "react";
import { scenarioOfHash, unreadableLinkNotice } from "./state/shareLink.ts";
import { useWorkbench } from "./state/workbenchStore.ts";
import { ChartsPanel } from "./components/ChartsPanel.tsx";
import { DecisionPanel } from "./components/DecisionPanel.tsx";
import { OverlayPanel } from "./components/OverlayPanel.tsx";
import { RunBar } from "./components/RunBar.tsx";
import { RunsPanel } from "./components/RunsPanel.tsx";
import { ScenarioForm } from "./components/ScenarioForm.tsx";
import { SummaryCards } from "./components/SummaryCards.tsx";
import { SweepPanel } from "./components/SweepPanel.tsx";

export function App() {
  useScenarioFromLink();
  return (
    <div className="workbench">
      <header>
        <h1>SLA Planner Workbench</h1>
        <p>
          What-if runs of an SLA planner scaling disaggregated prefill and decode workers: edit a
          scenario, run it, see whether TTFT and ITL stay under target and what it costs.
        </p>
      </header>
      <aside className="editor">
        <ScenarioForm />
      </aside>
      <main>
        <Notice />
        <RunBar />
        <ShownRun />
        <RunsPanel />
        <SweepPanel />
        <OverlayPanel />
      </main>
    </div>
  );
}

/** Opens the scenario a shared link carries, once, when the page loads. */
function useScenarioFromLink() {
  const loadScenario = useWorkbench((s) => s.loadScenario);
  const setNotice = useWorkbench((s) => s.setNotice);
  useEffect(() => {
    const draft = scenarioOfHash(location.hash);
    if (draft === null) return;
    if (draft instanceof Error) {
      setNotice(unreadableLinkNotice(draft));
      return;
    }
    const name = typeof draft.name === "string" ? draft.name : "shared";
    loadScenario(draft, `${name}.json`);
  }, [loadScenario, setNotice]);
}

/** A page-wide message, such as a shared link that could not be read. */
function Notice() {
  const notice = useWorkbench((s) => s.notice);
  const setNotice = useWorkbench((s) => s.setNotice);
  if (notice === null) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice}</span>
      <button type="button" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}

function ShownRun() {
  const runs = useWorkbench((s) => s.runs);
  const shownA = useWorkbench((s) => s.shownA);
  const hoverIndex = useWorkbench((s) => s.hoverIndex);
  const run = runs.find((r) => r.id === shownA);
  if (run === undefined) {
    return <p className="note">No run yet: choose or edit a scenario, then run it.</p>;
  }
  const planner = run.report.scenario.planner;
  return (
    <section aria-label={`Run ${run.label}`}>
      <h2>{run.label}</h2>
      <SummaryCards
        summary={run.report.summary}
        targets={{ ttftS: planner.ttftTargetS, itlS: planner.itlTargetS }}
        boundGpuHours={run.boundGpuHours}
      />
      <div className="charts-and-decision">
        <ChartsPanel />
        <DecisionPanel
          interval={hoverIndex === null ? undefined : run.report.intervals[hoverIndex]}
        />
      </div>
    </section>
  );
}
