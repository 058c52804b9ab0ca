import { combinationSummaries } from "../sweep/combinationSummaries.ts";
import type { PointResult } from "../sweep/pointResult.ts";
import { sweepHtml } from "../sweep/sweepHtml.ts";
import { sweepReportTable, sweepReportText } from "../sweep/sweepReportText.ts";
import { withContext } from "./withContext.ts";
import type { SweepHeader } from "./sweepResultsFile.ts";
import { writeFileAtomically } from "./writeFileAtomically.ts";

/**
 * Prints the report of `results` (one row per parameter combination, cheapest first) through
 * `out`, and writes it as an HTML page to `htmlFile` when given. `notes` describe the run;
 * `bounds`, when given, the hindsight bound of each combination, for a "× bound" column.
 */
export async function reportSweep(
  out: (line: string) => void,
  header: SweepHeader,
  results: readonly PointResult[],
  notes: readonly string[],
  htmlFile: string | undefined,
  bounds?: ReadonlyMap<string, number>,
): Promise<void> {
  const summaries = combinationSummaries(results);
  const table = sweepReportTable(summaries, header.parameters, bounds);
  const onFrontier = summaries.filter((s) => s.onFrontier).length;
  out("");
  for (const line of sweepReportText(table)) out(line);
  out("");
  out(
    `${summaries.length} combinations, ${onFrontier} on the cost–attainment frontier (no ` +
      `other is as cheap and serves as well); means over seeds, 95 % intervals from Student's t.`,
  );
  if (bounds !== undefined) {
    out(
      "× bound: mean GPU-hours over the hindsight lower bound of the combination's scenario (see " +
        "slaplan bound).",
    );
  }
  if (htmlFile === undefined) return;
  const page = sweepHtml(
    { title: `Sweep ${header.sweep}`, description: `Scenario ${header.scenario}`, notes },
    summaries,
    table,
  );
  await withContext("--html", () => writeFileAtomically(htmlFile, page));
  out(`HTML report written to ${htmlFile}`);
}
