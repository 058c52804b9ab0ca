/**
 * The runs kept in this session: which is shown as A and which as B, each one's report to
 * download, and the table of differences when two are shown.
 */
import { reportToJson } from "../../sim/report/simulationReport.ts";
import { compareRuns, formatValue } from "../state/runComparison.ts";
import { useWorkbench } from "../state/workbenchStore.ts";
import { downloadText } from "./download.ts";

export function RunsPanel() {
  const runs = useWorkbench((s) => s.runs);
  const shownA = useWorkbench((s) => s.shownA);
  const shownB = useWorkbench((s) => s.shownB);
  const show = useWorkbench((s) => s.show);
  const removeRun = useWorkbench((s) => s.removeRun);
  if (runs.length === 0) return null;
  return (
    <section className="runs" aria-label="Runs">
      <h2>Runs</h2>
      <table className="runs-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Attainment</th>
            <th scope="col">GPU-hours</th>
            <th scope="col">× bound</th>
            <th scope="col">Took</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">{run.label}</th>
              <td>
                <input
                  type="radio"
                  name="shown-a"
                  aria-label={`Show ${run.label} as A`}
                  checked={shownA === run.id}
                  onChange={() => show("A", run.id)}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare ${run.label} as B`}
                  checked={shownB === run.id}
                  disabled={shownA === run.id}
                  onChange={(event) => show("B", event.target.checked ? run.id : null)}
                />
              </td>
              <td>{formatValue(run.report.summary.slaAttainment, "percent")}</td>
              <td>{formatValue(run.report.summary.gpuHours, "gpu-hours")}</td>
              <td>
                {run.boundGpuHours > 0
                  ? (run.report.summary.gpuHours / run.boundGpuHours).toFixed(2)
                  : "–"}
              </td>
              <td>{run.wallS.toFixed(1)} s</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    downloadText(
                      `${run.report.scenario.name}-run${run.id}.json`,
                      reportToJson(run.report),
                      "application/json",
                    )
                  }
                >
                  Report
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${run.label}`}
                  onClick={() => removeRun(run.id)}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Comparison />
    </section>
  );
}

function Comparison() {
  const runs = useWorkbench((s) => s.runs);
  const shownA = useWorkbench((s) => s.shownA);
  const shownB = useWorkbench((s) => s.shownB);
  const a = runs.find((r) => r.id === shownA);
  const b = runs.find((r) => r.id === shownB);
  const comparison = useWorkbench((s) => s.comparison);
  const setComparison = useWorkbench((s) => s.setComparison);
  if (a === undefined || b === undefined) return null;
  return (
    <>
      <fieldset className="comparison-layout">
        <legend>Show A and B</legend>
        {(["overlaid", "side-by-side"] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="comparison-layout"
              value={choice}
              checked={comparison === choice}
              onChange={() => setComparison(choice)}
            />{" "}
            {choice === "overlaid" ? "overlaid on one set of charts" : "side by side"}
          </label>
        ))}
      </fieldset>
      <table className="comparison" data-testid="comparison">
        <caption>
          {b.label} (B) against {a.label} (A)
        </caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          {compareRuns(a.report.summary, b.report.summary).map((row) => {
            const judged =
              row.better === "neither" || row.difference === 0 || !Number.isFinite(row.difference)
                ? ""
                : row.difference > 0 === (row.better === "higher")
                  ? "better"
                  : "worse";
            return (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{formatValue(row.a, row.unit)}</td>
                <td>{formatValue(row.b, row.unit)}</td>
                <td className={judged}>
                  {formatValue(row.difference, row.unit, true)}
                  {judged !== "" && <span className="visually-hidden"> ({judged})</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
