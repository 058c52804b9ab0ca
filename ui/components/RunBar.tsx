/** Run, its progress, and cancel; the scenario's first problem when it cannot run. */
import { useWorkbench } from "../state/workbenchStore.ts";
import { ShareControls } from "./ShareControls.tsx";

export function RunBar() {
  const check = useWorkbench((s) => s.check);
  const progress = useWorkbench((s) => s.progress);
  const runError = useWorkbench((s) => s.runError);
  const run = useWorkbench((s) => s.run);
  const cancel = useWorkbench((s) => s.cancel);
  const running = progress !== null;
  return (
    <section className="run-bar" aria-label="Run">
      <button type="button" className="primary" onClick={run} disabled={!check.ok || running}>
        Run scenario
      </button>
      {running && (
        <>
          <progress
            max={1}
            value={progress.fraction}
            aria-label="Simulation progress"
            aria-valuetext={`${Math.round(progress.fraction * 100)} %`}
          />
          <span className="progress-text" data-testid="progress-text">
            {Math.round(progress.fraction * 100)} % · {progress.arrived.toLocaleString("en-US")} of{" "}
            {progress.expectedRequests.toLocaleString("en-US")} requests
          </span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </>
      )}
      {!check.ok && (
        <p className="run-blocked" role="status">
          Cannot run: {check.message}
        </p>
      )}
      {runError !== null && (
        <p className="run-error" role="alert">
          The run failed: {runError}
        </p>
      )}
      <ShareControls />
    </section>
  );
}
