// `slaplan sim --html` end to end: one run of the bundled sinusoidal scenario in a child
// process, then the page it wrote checked against the JSON report of the same run.
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cumulativeGpuHours,
  distributionCharts,
  runCharts,
} from "../../sim/report/charts/index.ts";
import type { SimulationReport } from "../../sim/report/simulationReport.ts";
import { runSlaplan, type SlaplanRun } from "../support/runSlaplan.ts";
import { makeTempFolder } from "../support/scenarioFactories.ts";

let folder: Awaited<ReturnType<typeof makeTempFolder>>;
let run: SlaplanRun;
let html: string;
/** The JSON report as read back: NaN figures are null in it. */
let report: SimulationReport;

beforeAll(async () => {
  folder = await makeTempFolder("slaplan-html-");
  const jsonFile = join(folder.path, "sin.json");
  const htmlFile = join(folder.path, "pages", "sin.html");
  run = await runSlaplan([
    "sim",
    "scenarios/dynamo-sin-load.json",
    "--quiet",
    "--report",
    jsonFile,
    "--html",
    htmlFile,
  ]);
  html = await readFile(htmlFile, "utf8");
  report = JSON.parse(await readFile(jsonFile, "utf8"));
});

afterAll(async () => {
  await folder.remove();
});

describe("slaplan sim scenarios/dynamo-sin-load.json --html FILE", () => {
  it("exits 0 with nothing on standard error and says where the page went", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^HTML report written to .*sin\.html$/m);
  });

  it("shows the SLA attainment the JSON report holds, as the text summary prints it", () => {
    const attainment = `${(report.summary.slaAttainment * 100).toFixed(1)} %`;
    expect(html).toContain(
      `<th>SLA attained</th><td>${attainment} of requests met both targets</td>`,
    );
  });

  it("holds one <svg> per chart: seven over time and two distributions", () => {
    const expected = runCharts(report).length + distributionCharts(report).length;
    expect(expected).toBe(9);
    expect(html.match(/<svg /g)).toHaveLength(expected);
    expect(html.match(/<\/svg>/g)).toHaveLength(expected);
  });

  it("starts the plots of the seven charts over time at one x, so their moments line up", () => {
    const plotLefts = [...html.matchAll(/<clipPath id="plot-([a-z-]+)"><rect x="([\d.]+)"/g)];
    const timeIds = new Set(runCharts(report).map((c) => c.id));
    const lefts = plotLefts.filter(([, id]) => timeIds.has(id)).map(([, , x]) => x);
    expect(lefts).toHaveLength(7);
    expect(new Set(lefts).size).toBe(1);
  });

  it("draws the TTFT distribution on a log x axis: whole decades, the 0.1 s target among them", () => {
    // The run's slowest TTFT (about 107 s) is over 20 times the target.
    const figure = html.match(/<figure id="ttft-cdf">[\s\S]*?<\/figure>/)?.[0] ?? "";
    const xLabels = [...figure.matchAll(/text-anchor="middle"[^>]*>([\d.]+)</g)].map(([, x]) => x);
    expect(xLabels).toEqual(["0.01", "0.1", "1", "10", "100", "1000"]);
    expect(figure).toContain("target 0.1 s");
  });

  it("names the scenario and carries its description", () => {
    expect(html).toContain("<h1>dynamo-sin-load</h1>");
    expect(html).toContain(report.scenario.description.slice(0, 40));
  });

  it("needs nothing from outside: no script, link, image, font or stylesheet reference", () => {
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)|src=|href=/i);
    // The only address is the SVG namespace, which names the format and is never fetched.
    const addresses = html.match(/https?:\/\/[^"'\s)]+/g) ?? [];
    expect(new Set(addresses)).toEqual(new Set(["http://www.w3.org/2000/svg"]));
  });

  it("keeps the JSON report's latency distributions, 119 points each", () => {
    expect(report.distributions.probabilities).toHaveLength(119);
    expect(report.distributions.ttftS).toHaveLength(119);
  });

  it("ends the GPU-hours curve at the run's own figure, never decreasing on the way", () => {
    const points = cumulativeGpuHours(report);
    expect(points.ys[points.ys.length - 1]).toBe(report.summary.gpuHours);
    for (let k = 1; k < points.ys.length; k += 1) {
      expect(points.ys[k]).toBeGreaterThanOrEqual(points.ys[k - 1]);
    }
  });
});

describe("slaplan sim --html with a path it cannot use", () => {
  it("refuses a folder, naming --html and the path, before running and writing anything", async () => {
    const target = join(folder.path, "a-folder");
    await mkdir(target);
    const jsonFile = join(folder.path, "refused.json");
    const refused = await runSlaplan([
      "sim",
      "scenarios/dynamo-sin-load.json",
      "--report",
      jsonFile,
      "--html",
      target,
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `slaplan: --html: ${target}: is a folder; the report must go to a regular file\n`,
    );
    await expect(stat(jsonFile)).rejects.toThrow();
  });

  it("refuses a place no file can be made (under /proc) before running, making no folder", async () => {
    const jsonFile = join(folder.path, "not-made", "refused.json");
    const failed = await runSlaplan([
      "sim",
      "scenarios/dynamo-sin-load.json",
      "--quiet",
      "--report",
      jsonFile,
      "--html",
      "/proc/no-such-folder/report.html",
    ]);
    expect(failed.status).toBe(2);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toBe(
      "slaplan: --html: /proc/no-such-folder/report.html: cannot write the report (ENOENT)\n",
    );
    await expect(stat(join(folder.path, "not-made"))).rejects.toThrow();
  });

  it("refuses the JSON report's own path", async () => {
    const jsonFile = join(folder.path, "same.json");
    const refused = await runSlaplan([
      "sim",
      "scenarios/dynamo-sin-load.json",
      "--report",
      jsonFile,
      "--html",
      jsonFile,
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`--html ${jsonFile}: is also the JSON report file`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses to overwrite the scenario file", async () => {
    const refused = await runSlaplan([
      "sim",
      "scenarios/dynamo-sin-load.json",
      "--report",
      join(folder.path, "x.json"),
      "--html",
      "scenarios/dynamo-sin-load.json",
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      "--html: scenarios/dynamo-sin-load.json: is an input of this run",
    );
  });

  it("refuses an empty name", async () => {
    const refused = await runSlaplan(["sim", "scenarios/dynamo-sin-load.json", "--html", ""]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--html needs a file name, got an empty one");
  });
});
