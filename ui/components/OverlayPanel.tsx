/**
 * Before and after deployment: a recording of a live cluster (the live scaler's JSON log, or a
 * Prometheus range-query export of the frontend's and the planner's metrics) laid over the runs
 * shown, on the same time axis, shifted to line up with the simulated period.
 */
import { useState } from "react";
import { parseLiveRecording } from "../../sim/report/liveRecording.ts";
import { useWorkbench } from "../state/workbenchStore.ts";

export function OverlayPanel() {
  const overlay = useWorkbench((s) => s.overlay);
  const setOverlay = useWorkbench((s) => s.setOverlay);
  const setOverlayOffset = useWorkbench((s) => s.setOverlayOffset);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="overlay" aria-label="Live overlay">
      <h2>What the live cluster recorded</h2>
      <div className="field">
        <label htmlFor="overlay-upload">
          Overlay a recording: <code>slaplan live --log-format json</code> output, or a Prometheus
          query_range export
        </label>
        <input
          id="overlay-upload"
          type="file"
          accept=".json,.jsonl,.log,.txt"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file === undefined) return;
            try {
              const recording = parseLiveRecording(await file.text(), file.name);
              setOverlay({ name: file.name, recording, offsetS: 0 });
              setProblem(null);
            } catch (error) {
              setProblem((error as Error).message);
            }
          }}
        />
        {problem !== null && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      {overlay !== null && (
        <div className="overlay-info" data-testid="overlay-info">
          <p>
            {overlay.name}: {overlay.recording.points.length.toLocaleString("en-US")} points from{" "}
            {overlay.recording.source === "live-log" ? "the live scaler's log" : "Prometheus"},
            starting{" "}
            {new Date(overlay.recording.startTime * 1000).toISOString().replace(".000Z", "Z")}
          </p>
          <div className="field">
            <label htmlFor="overlay-offset">Shift the recording by (s)</label>
            <input
              id="overlay-offset"
              inputMode="decimal"
              defaultValue={overlay.offsetS}
              onChange={(event) => {
                const value = Number(event.target.value);
                if (Number.isFinite(value)) setOverlayOffset(value);
              }}
            />
          </div>
          <button type="button" onClick={() => setOverlay(null)}>
            Remove the overlay
          </button>
        </div>
      )}
    </section>
  );
}
