/**
 * The runs kept in this session: which is shown as A and which as B, each one's report to
 * download, and the table of differences when two are shown. Runs of one scenario name say what
 * their scenarios changed, so "change one thing and compare" reads as such.
 */
import { reportToJson } from "../../sim/report/simulationReport.ts";
import { compareRuns, formatValue } from "../state/runComparison.ts";
import {
  differencesHint,
  differencesLine,
  formatDifference,
  MAX_DIFFERENCES_SHOWN,
  scenarioDifferences,
} from "../state/scenarioDifferences.ts";
import { useWorkbench, type KeptRun } from "../state/workbenchStore.ts";
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
              <th scope="row">
                {run.label}
                <RunHint run={run} runs={runs} />
              </th>
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
      <ScenarioDifferences a={a} b={b} />
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

/**
 * Under a run's label, what its scenario changed from the first kept run of the same name (the
 * one a person most likely edited); nothing for that first run or an unchanged one.
 */
function RunHint({ run, runs }: { run: KeptRun; runs: readonly KeptRun[] }) {
  const first = runs.find((r) => r.report.scenario.name === run.report.scenario.name);
  if (first === undefined || first === run) return null;
  const differences = scenarioDifferences(first.draft, run.draft);
  const hint = differencesHint(differences);
  if (hint === null) return null;
  const title = [
    `Changed from ${first.label}:`,
    ...differences.map((d) => formatDifference(d, 80)),
  ];
  return (
    <span className="run-hint" title={title.join("\n")}>
      {hint}
    </span>
  );
}

/**
 * What B's scenario changed from A's, in one line; when the line cannot hold every field, the
 * whole list opens from it, each value less shortened.
 */
function ScenarioDifferences({ a, b }: { a: KeptRun; b: KeptRun }) {
  const differences = scenarioDifferences(a.draft, b.draft);
  const line = differencesLine(differences);
  const listed = differences.map((d) => ({ path: d.path, text: formatDifference(d, 80) }));
  const title = listed.length > 0 ? listed.map((d) => d.text).join("\n") : undefined;
  if (listed.length <= MAX_DIFFERENCES_SHOWN) {
    return (
      <p className="scenario-differences" data-testid="scenario-differences" title={title}>
        {line}
      </p>
    );
  }
  return (
    <details className="scenario-differences" data-testid="scenario-differences">
      <summary title={title}>{line}</summary>
      <ul>
        {listed.map(({ path, text }) => (
          <li key={path}>{text}</li>
        ))}
      </ul>
    </details>
  );
}
