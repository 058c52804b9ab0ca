/**
 * Sweep one field of the scenario over a few values, with a few seeds each, and see which
 * values lie on the cost–attainment frontier. Runs use the scenario as edited. Every value is
 * judged before anything runs, and whenever Run sweep is disabled the panel says why.
 */
import { useMemo, useState } from "react";
import { formatValue } from "../state/runComparison.ts";
import {
  checkSweepValues,
  frontierChart,
  parseSweepValues,
  sweepRows,
  SWEEP_FIELDS,
} from "../state/smallSweep.ts";
import { useSweep } from "../state/sweepStore.ts";
import { useWorkbench } from "../state/workbenchStore.ts";
import { ChartView } from "./ChartView.tsx";
import { FieldError } from "./fields.tsx";

export function SweepPanel() {
  const [path, setPath] = useState(SWEEP_FIELDS[0].path);
  const [text, setText] = useState("4, 6, 8, 12");
  const [seeds, setSeeds] = useState(1);
  const check = useWorkbench((s) => s.check);
  const draft = useWorkbench((s) => s.draft);
  const fileName = useWorkbench((s) => s.fileName);
  const sweep = useSweep();
  // Each value is judged by running the parser on the whole scenario: once per edit, not per
  // render, since a sweep's progress re-renders the panel often. While the scenario itself has a
  // problem every value would be blamed for it, so only the typing is checked then (and the
  // scenario's problem is said once, under the controls).
  const parsed = useMemo(
    () =>
      check.ok
        ? checkSweepValues(draft, fileName, path, text, seeds)
        : parseSweepValues(text, seeds),
    [check.ok, draft, fileName, path, text, seeds],
  );
  const valuesProblem = parsed instanceof Error ? parsed.message : null;
  const label = SWEEP_FIELDS.find((f) => f.path === sweep.path)?.label ?? sweep.path ?? "";
  const rows = useMemo(
    () => sweepRows(sweep.values, sweep.outcomes),
    [sweep.values, sweep.outcomes],
  );
  return (
    <section className="sweep" aria-label="Sweep">
      <h2>Sweep one setting</h2>
      <div className="sweep-controls">
        <div className="field">
          <label htmlFor="sweep-field">Setting</label>
          <select id="sweep-field" value={path} onChange={(event) => setPath(event.target.value)}>
            {SWEEP_FIELDS.map((f) => (
              <option key={f.path} value={f.path}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className={valuesProblem === null ? "field" : "field invalid"}>
          <label htmlFor="sweep-values">Values (comma-separated)</label>
          <input
            id="sweep-values"
            value={text}
            aria-invalid={valuesProblem !== null}
            aria-describedby={valuesProblem === null ? undefined : "sweep-values-error"}
            onChange={(event) => setText(event.target.value)}
          />
          <FieldError message={valuesProblem} id="sweep-values-error" />
        </div>
        <div className="field">
          <label htmlFor="sweep-seeds">Seeds per value</label>
          <select
            id="sweep-seeds"
            value={seeds}
            onChange={(event) => setSeeds(Number(event.target.value))}
          >
            {[1, 2, 3, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={!check.ok || parsed instanceof Error || sweep.running}
          onClick={() => {
            if (!check.ok || parsed instanceof Error) return;
            const { draft, fileName, trace, profile } = useWorkbench.getState();
            sweep.start({ draft, fileName, trace, profile }, path, parsed, seeds);
          }}
        >
          Run sweep
        </button>
        {sweep.running && (
          <>
            <span role="status" data-testid="sweep-progress">
              {sweep.outcomes.length} of {sweep.total} runs done
            </span>
            <button type="button" onClick={sweep.cancel}>
              Cancel sweep
            </button>
          </>
        )}
      </div>
      {!check.ok && (
        <p className="run-blocked" role="status">
          Cannot sweep until the scenario can run: {check.message}
        </p>
      )}
      {sweep.error !== null && (
        <p className="run-error" role="alert">
          The sweep stopped: {sweep.error}
        </p>
      )}
      {rows.length > 0 && (
        <div className="sweep-results">
          <table data-testid="sweep-table">
            <caption>By {label}: mean over seeds; ★ on the cost–attainment frontier</caption>
            <thead>
              <tr>
                <th scope="col">{label}</th>
                <th scope="col">Runs</th>
                <th scope="col">Attainment</th>
                <th scope="col">Range over seeds</th>
                <th scope="col">GPU-hours</th>
                <th scope="col">Frontier</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={String(row.value)}>
                  <th scope="row">{String(row.value)}</th>
                  <td>{row.runs}</td>
                  <td>{formatValue(row.attainment, "percent")}</td>
                  <td>
                    {formatValue(row.attainmentRange[0], "percent")} –{" "}
                    {formatValue(row.attainmentRange[1], "percent")}
                  </td>
                  <td>{formatValue(row.gpuHours, "gpu-hours")}</td>
                  <td>{row.onFrontier ? "★" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ChartView spec={frontierChart(rows, label)} hoverX={null} fileStem="sweep" />
        </div>
      )}
    </section>
  );
}
