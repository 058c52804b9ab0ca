// Scenario file fixtures: the JSON object a scenario file holds, valid by default, and a
// temporary folder to write such files (and traces, profiles) into.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A scenario file's object: a name, a profile, a trace file, overridden field by field. */
export function makeScenarioJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "tiny", profile: "profiles/p", trace: { file: "t.jsonl" }, ...overrides };
}

/** A fresh folder under the system's temporary directory, and a way to remove it. */
export async function makeTempFolder(prefix: string) {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
