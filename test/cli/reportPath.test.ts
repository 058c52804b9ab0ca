// The report may not land on an input of the run, whatever name or link leads there.
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReportPath } from "../../sim/cli/writeFileAtomically.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

let folder: Awaited<ReturnType<typeof makeTempFolder>>;
let trace: string;
let profile: string;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-report-path-");
  await mkdir(join(folder.path, "traces"));
  trace = join(folder.path, "traces", "t.csv");
  await writeFile(trace, "x\n");
  profile = join(folder.path, "profile");
  await mkdir(join(profile, "prefill"), { recursive: true });
  await symlink(join(folder.path, "traces"), join(folder.path, "link"));
});

afterAll(async () => {
  await folder.remove();
});

describe("checkReportPath", () => {
  it("refuses the trace reached through a link to its folder", async () => {
    const report = join(folder.path, "link", "t.csv");
    await expect(checkReportPath(report, [trace], [profile])).rejects.toThrow(
      `${report}: is an input of this run; choose another report file`,
    );
  });

  it("refuses any file inside the profile folder, existing or not", async () => {
    const report = join(profile, "prefill", "raw_data.npz");
    await expect(checkReportPath(report, [trace], [profile])).rejects.toThrow(
      "an input of this run; choose another report file",
    );
  });

  it("accepts a new file beside the inputs, in folders not created yet", async () => {
    const report = join(folder.path, "reports", "deep", "run.json");
    await expect(checkReportPath(report, [trace], [profile])).resolves.toBeUndefined();
  });
});
