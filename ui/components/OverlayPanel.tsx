/**
 * Before and after deployment: a recording of a live cluster (the live scaler's JSON log, or a
 * Prometheus range-query export of the frontend's and the planner's metrics) laid over the runs
 * shown, on the same time axis, shifted to line up with the simulated period.
 */
import { useState } from "react";
import { parseLiveRecording } from "../../sim/report/liveRecording.ts";
import { useWorkbench } from "../state/workbenchStore.ts";
import { FieldError, FileField } from "./fields.tsx";

export function OverlayPanel() {
  const overlay = useWorkbench((s) => s.overlay);
  const setOverlay = useWorkbench((s) => s.setOverlay);
  const setOverlayOffset = useWorkbench((s) => s.setOverlayOffset);
  return (
    <section className="overlay" aria-label="Live overlay">
      <h2>What the live cluster recorded</h2>
      <FileField
        id="overlay-upload"
        label={
          <>
            Overlay a recording: <code>slaplan live --log-format json</code> output, or a Prometheus
            query_range export
          </>
        }
        accept=".json,.jsonl,.log,.txt"
        take={async ([file]) => {
          try {
            const recording = parseLiveRecording(await file.text(), file.name);
            setOverlay({ name: file.name, recording, offsetS: 0 });
            return null;
          } catch (error) {
            return (error as Error).message;
          }
        }}
      />
      {overlay !== null && (
        <div className="overlay-info" data-testid="overlay-info">
          <p>
            {overlay.name}: {overlay.recording.points.length.toLocaleString("en-US")} points from{" "}
            {overlay.recording.source === "live-log" ? "the live scaler's log" : "Prometheus"},
            starting{" "}
            {new Date(overlay.recording.startTime * 1000).toISOString().replace(".000Z", "Z")}
          </p>
          <OffsetField offsetS={overlay.offsetS} onChange={setOverlayOffset} />
          <button type="button" onClick={() => setOverlay(null)}>
            Remove the overlay
          </button>
        </div>
      )}
    </section>
  );
}

/** Seconds to move the recording by: a number within a year either way, else refused here. */
function OffsetField(props: { offsetS: number; onChange: (offsetS: number) => void }) {
  const [text, setText] = useState(String(props.offsetS));
  const value = Number(text);
  const problem =
    text.trim() === "" || !Number.isFinite(value)
      ? `must be a number of seconds, got "${text}"`
      : Math.abs(value) > 366 * 24 * 3600
        ? `must be within a year (31,622,400 s) either way, got ${text}`
        : null;
  return (
    <div className={problem === null ? "field offset" : "field offset invalid"}>
      <label htmlFor="overlay-offset">Shift the recording by (s)</label>
      <input
        id="overlay-offset"
        inputMode="decimal"
        value={text}
        aria-invalid={problem !== null}
        onChange={(event) => {
          setText(event.target.value);
          const next = Number(event.target.value);
          if (
            event.target.value.trim() !== "" &&
            Number.isFinite(next) &&
            Math.abs(next) <= 366 * 24 * 3600
          ) {
            props.onChange(next);
          }
        }}
      />
      <FieldError message={problem} />
    </div>
  );
}
