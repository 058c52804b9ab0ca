/**
 * What the page has of a scenario's files. A scenario names its profile and trace by path, as
 * the command line reads them from disk; the page has only the bundled ones and those uploaded.
 * A path it does not have is a problem at that field, found before Run, never a silent swap.
 */
import type { Scenario } from "../../sim/scenario/scenario.ts";
import { BUNDLED_PROFILE, bundledTraceUrl } from "../runner/bundled.ts";
import type { GivenFile } from "../runner/protocol.ts";
import type { DraftCheck } from "./scenarioDraft.ts";

export function missingFile(
  scenario: Scenario,
  fileName: string,
  trace: GivenFile | null,
  profile: { prefill: GivenFile; decode: GivenFile } | null,
): DraftCheck | null {
  const problem = (path: string, reason: string): DraftCheck => ({
    ok: false,
    path,
    reason,
    message: `${fileName}: ${path}: ${reason}`,
  });
  if (profile === null && scenario.profile !== BUNDLED_PROFILE) {
    return problem(
      "profile",
      `"${scenario.profile}" is not bundled with the workbench: upload ` +
        `its Dynamo profiler results (Profile), or use "${BUNDLED_PROFILE}"`,
    );
  }
  const spec = scenario.trace;
  if (
    spec.kind === "file" &&
    bundledTraceUrl(spec.path) === undefined &&
    trace?.name !== spec.path
  ) {
    return problem(
      "trace.file",
      `"${spec.path}" is not bundled with the workbench: upload the trace file`,
    );
  }
  return null;
}
