// The workbench in a real browser: Debian's Chromium driven by playwright-core, on the static
// files `npm run build` makes, served by a plain file server on 127.0.0.1. It runs the default
// scenario and checks the page shows the simulator's own numbers, edits a field (a bad value is
// refused at the field), compares two runs, shares a scenario by link and by file, lays a real
// live recording over a run, and cancels a run of over 400,000 requests while the page keeps
// answering. Screenshots go to reports/screenshots/ for a person to look at.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import dynamoSinLoad from "../../scenarios/dynamo-sin-load.json";
import { hindsightLowerBound } from "../../sim/capacity/hindsightBound.ts";
import { PerformanceModel } from "../../sim/engine/performanceModel.ts";
import { runSimulation } from "../../sim/engine/runSimulation.ts";
import { summarize, type RunSummary } from "../../sim/report/simulationReport.ts";
import { parseScenario, scenarioSettings } from "../../sim/scenario/scenario.ts";
import { limitDuration, sinusoidalLoad } from "../../sim/traces/index.ts";
import { readTrace } from "../../sim/traces/readTrace.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { formatValue } from "../../ui/state/runComparison.ts";
import { serveFolder, type StaticServer } from "../support/staticServer.ts";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS = resolve("reports/screenshots");

let folder: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
/** What the command line's simulator makes of the default scenario, and its hindsight bound. */
let expected: RunSummary;
let boundGpuHours: number;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "slaplan-workbench-"));
  await build({ logLevel: "silent", build: { outDir: folder, emptyOutDir: true } });
  server = await serveFolder(folder);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page.on("pageerror", (error) => {
    throw error;
  });
  mkdirSync(SCREENSHOTS, { recursive: true });

  const scenario = parseScenario(dynamoSinLoad, "dynamo-sin-load.json");
  if (scenario.trace.kind !== "sinusoidal") throw new Error("expected Dynamo's sinusoidal load");
  const model = new PerformanceModel(await readProfileDir("profiles/h200-llama3.1-8b-fp8"));
  const result = await runSimulation({
    ...scenarioSettings(scenario),
    model,
    requests: sinusoidalLoad(scenario.seed, scenario.trace.load),
  });
  expected = summarize(scenario, result);
  const load = scenario.trace.load;
  boundGpuHours = (await hindsightLowerBound(scenario, model, sinusoidalLoad(scenario.seed, load)))
    .gpuHours;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

/** Runs the scenario in the form and waits for its run to appear in the runs table. */
async function runAndWait(runNumber: number): Promise<void> {
  await page.getByRole("button", { name: "Run scenario" }).click();
  await page
    .getByRole("row", { name: new RegExp(`^${runNumber} · `) })
    .waitFor({ timeout: 90_000 });
}

/** The text of a chart's SVG export, as the browser hands the file over. */
async function exportedSvg(title: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: `Export ${title} as SVG` }).click(),
  ]);
  return readFileSync(await download.path(), "utf8");
}

describe("the workbench in Chromium", () => {
  it("runs the default scenario and shows the simulator's own numbers", async () => {
    await page.goto(server.url);
    await expect(page.getByLabel("Start from").inputValue()).resolves.toBe("dynamo-sin-load");
    await runAndWait(1);
    const summary = page.getByTestId("summary");
    await expect(summary.innerText()).resolves.toContain(
      formatValue(expected.slaAttainment, "percent"),
    );
    await expect(summary.innerText()).resolves.toContain(
      formatValue(expected.gpuHours, "gpu-hours"),
    );
    const times = (expected.gpuHours / boundGpuHours).toFixed(2);
    await expect(summary.innerText()).resolves.toContain(
      `${times}× the hindsight bound of ${boundGpuHours.toFixed(2)}`,
    );
    await expect(page.locator("[data-chart]").count()).resolves.toBe(9);
    await page.screenshot({ path: join(SCREENSHOTS, "1-default-run.png"), fullPage: true });
  });

  it("shows the decision record of the interval chosen on a chart with the keyboard", async () => {
    const chart = page.getByRole("img", { name: /^Request rate/ });
    await chart.focus();
    await chart.press("ArrowRight");
    await chart.press("ArrowRight");
    const decision = page.getByTestId("decision");
    await expect(decision.locator("h3").innerText()).resolves.toMatch(/^Interval 2: 1–2 min/);
    await expect(decision.innerText()).resolves.toMatch(/Observed\s+\d/);
    // Dynamo's replica terms in words, each with the report's key in its tooltip.
    const term = decision.locator("dt", { hasText: "Prefill tokens/s to serve" });
    await expect(term.getAttribute("title")).resolves.toBe("prefillTokensPerS");
    await expect(decision.locator("dt", { hasText: /^prefillTokensPerS$/ }).count()).resolves.toBe(
      0,
    );
    await page
      .getByTestId("decision")
      .screenshot({ path: join(SCREENSHOTS, "1b-decision-record.png") });
    // The hover line marks the same moment at the same pixel on every chart over time.
    const lines = page.locator(".hover-line");
    await expect(lines.count()).resolves.toBe(7);
    const lefts = await lines.evaluateAll((all) => all.map((l) => l.getBoundingClientRect().x));
    expect(new Set(lefts).size).toBe(1);
  });

  it("draws the charts from the run: the SVG export carries the axis, the target and the lines", async () => {
    const svg = await exportedSvg("TTFT per interval");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("target 0.1 s");
    expect(svg).toContain("simulated time (s)");
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it("draws TTFT on a log scale when its p99 dwarfs the target, and switches to linear", async () => {
    // The default run's worst TTFT p99 is about 1,000 times the 0.1 s target.
    const yLabels = (svg: string) =>
      [...svg.matchAll(/text-anchor="end"[^>]*>([\d.,]+)</g)].map(([, label]) => label);
    const toggle = page.getByRole("button", { name: "Log y scale for TTFT per interval" });
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    expect(yLabels(await exportedSvg("TTFT per interval"))).toEqual([
      "0.01",
      "0.1",
      "1",
      "10",
      "100",
      "1000",
    ]);
    await toggle.click();
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("false");
    const linear = yLabels(await exportedSvg("TTFT per interval"));
    expect(linear[0]).toBe("0");
    expect(linear).not.toContain("0.1");
    await toggle.click();
  });

  it(
    "draws the TTFT distribution on a log x axis when its slowest request dwarfs the target, and " +
      "switches to linear",
    async () => {
      // The default run's slowest TTFT is about 1,000 times the 0.1 s target.
      const xLabels = async () =>
        [
          ...(await exportedSvg("TTFT distribution")).matchAll(
            /text-anchor="middle"[^>]*>([\d.,]+)</g,
          ),
        ].map(([, label]) => Number(label.replace(/,/g, "")));
      const toggle = page.getByRole("button", { name: "Log x scale for TTFT distribution" });
      await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
      const log = await xLabels();
      // Whole decades, each ten times the one before, the target's among them.
      expect(log.length).toBeGreaterThanOrEqual(4);
      expect(log).toContain(0.1);
      for (const [k, label] of log.entries()) {
        expect(Math.log10(label)).toBeCloseTo(Math.round(Math.log10(label)), 9);
        if (k > 0) expect(label / log[k - 1]).toBeCloseTo(10, 9);
      }
      await toggle.click();
      await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("false");
      // Linear: evenly spaced labels, the target far below the first step.
      const linear = await xLabels();
      const steps = linear.slice(1).map((label, k) => label - linear[k]);
      expect(new Set(steps).size).toBe(1);
      expect(steps[0]).toBeGreaterThan(1);
      await toggle.click();
      await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    },
  );

  it("refuses a bad value at its field, with the simulator's reason, and runs again once fixed", async () => {
    const budget = page.getByLabel("GPU budget");
    await budget.fill("-1");
    // At the field itself: its own alert, beside the input.
    const field = page.locator(".field.invalid", { has: budget });
    await field
      .getByRole("alert")
      .filter({ hasText: "must be a whole number ≥ 1, got -1" })
      .waitFor();
    await expect(page.getByRole("button", { name: "Run scenario" }).isDisabled()).resolves.toBe(
      true,
    );
    await budget.fill("4");
    await expect(page.getByRole("button", { name: "Run scenario" }).isEnabled()).resolves.toBe(
      true,
    );
    await runAndWait(2);
  });

  it("compares the two runs, with the differences in a table", async () => {
    // The new run is shown as A, the one before it as B.
    await expect(page.getByRole("checkbox", { name: /^Compare 1 · / }).isChecked()).resolves.toBe(
      true,
    );
    // Run 2 set the GPU budget to 4 where run 1 kept the bundled 8: the comparison names that
    // field, A's value first, and run 2's row carries it as a hint.
    const differences = page.getByTestId("scenario-differences");
    await expect(differences.innerText()).resolves.toBe(
      "B differs from A in: planner.maxGpuBudget 4 → 8",
    );
    await expect(
      page.getByRole("row", { name: /^2 · / }).locator(".run-hint").innerText(),
    ).resolves.toBe("planner.maxGpuBudget 4");
    await expect(
      page.getByRole("row", { name: /^1 · / }).locator(".run-hint").count(),
    ).resolves.toBe(0);
    const table = page.getByTestId("comparison");
    const rows = (await table.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t"));
    expect(rows[0].slice(0, 3)).toEqual([
      "SLA attainment",
      expect.stringMatching(/%$/),
      formatValue(expected.slaAttainment, "percent"),
    ]);
    expect(rows[1][2]).toBe(formatValue(expected.gpuHours, "gpu-hours"));
    const gpuHoursA = Number(rows[1][1]);
    expect(rows[1][3]).toMatch(
      new RegExp(
        `^${formatValue(expected.gpuHours - gpuHoursA, "gpu-hours", true).replace("+", "\\+")}`,
      ),
    );
    // Run 2 (A) has a budget of 4 GPUs with one replica of each role at least: no role's peak
    // passes 3 (the two peaks may fall at different times).
    expect(Number(rows[3][1])).toBeLessThanOrEqual(3);
    expect(Number(rows[4][1])).toBeLessThanOrEqual(3);
    const svg = await exportedSvg("Request rate");
    expect(svg).toContain("observed (B)");
    await page.screenshot({ path: join(SCREENSHOTS, "2-compare.png"), fullPage: true });
    // Side by side: each time chart twice (A and B), then the two distributions.
    await page.getByLabel("side by side").check();
    await expect(page.locator("[data-chart]").count()).resolves.toBe(7 * 2 + 2);
    await expect(page.locator(".chart-pair").first().getByRole("img").count()).resolves.toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, "2b-side-by-side.png"), fullPage: true });
    await page.getByLabel("overlaid on one set of charts").check();
    await expect(page.locator("[data-chart]").count()).resolves.toBe(9);
    // B's run chosen as A swaps the two: a run is never compared with itself.
    const caption = table.locator("caption");
    await page.getByRole("radio", { name: /^Show 1 · .* as A$/ }).check();
    await expect(caption.innerText()).resolves.toMatch(/^2 · .* \(B\) against 1 · .* \(A\)$/);
    await expect(differences.innerText()).resolves.toBe(
      "B differs from A in: planner.maxGpuBudget 8 → 4",
    );
    await page.getByRole("radio", { name: /^Show 2 · .* as A$/ }).check();
    await expect(caption.innerText()).resolves.toMatch(/^1 · .* \(B\) against 2 · .* \(A\)$/);
  });

  it("shares the scenario by link and as the file the command line runs", async () => {
    await page.getByRole("button", { name: "Link to this scenario" }).click();
    const link = page.url();
    expect(link).toMatch(/#scenario=/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download scenario" }).click(),
    ]);
    const file = JSON.parse(readFileSync(await download.path(), "utf8"));
    expect(file.planner.maxGpuBudget).toBe(4);
    expect(parseScenario(file, "downloaded.json").trace.kind).toBe("sinusoidal");
    const other = await browser.newPage();
    await other.goto(link);
    await expect(other.getByLabel("GPU budget").inputValue()).resolves.toBe("4");
    // A link cut short is said so on the page, not silently replaced by the default.
    await other.close();
    // A fresh page: a new hash on a loaded page is no new page load.
    const damaged = await browser.newPage();
    await damaged.goto(`${server.url}#scenario=garbage`);
    const notice = damaged.getByRole("alert").filter({ hasText: /^This link's scenario/ });
    await expect(notice.locator("span").innerText()).resolves.toBe(
      "This link's scenario could not be read (it is not a compressed scenario; the link may " +
        "be cut short). Showing the default scenario instead.",
    );
    // Characters base64 never has: said in our words, not the browser's.
    await damaged.goto("about:blank");
    await damaged.goto(`${server.url}#scenario=a*b`);
    await expect(notice.locator("span").innerText()).resolves.toBe(
      "This link's scenario could not be read (it is not valid base64; the link may be cut " +
        "short). Showing the default scenario instead.",
    );
    await damaged.close();
  });

  it("lays a live scaler's recorded log over the run", async () => {
    await page
      .getByLabel(/^Overlay a recording/)
      .setInputFiles("test/fixtures/live/live-log.jsonl");
    await page
      .getByTestId("overlay-info")
      .getByText(/live-log\.jsonl: \d+ points from the live scaler's log/)
      .waitFor();
    const svg = await exportedSvg("Request rate");
    expect(svg).toContain("live observed");
    await page.screenshot({ path: join(SCREENSHOTS, "3-live-overlay.png"), fullPage: true });
  });

  it("lays a Prometheus range-query export over the run, and exports a chart as PNG", async () => {
    await page
      .getByLabel(/^Overlay a recording/)
      .setInputFiles("test/fixtures/live/prometheus-range.json");
    await page
      .getByTestId("overlay-info")
      .getByText(/prometheus-range\.json: \d+ points from Prometheus/)
      .waitFor();
    const svg = await exportedSvg("Replicas and GPUs");
    expect(svg).toContain("live prefill");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export Request rate as PNG" }).click(),
    ]);
    const png = readFileSync(await download.path());
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(download.suggestedFilename()).toMatch(/-request-rate\.png$/);
  });

  it("refuses a file that is no recording, naming it", async () => {
    await page.getByLabel(/^Overlay a recording/).setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hello"),
    });
    await page.getByText(/^notes\.txt: expected the JSON log of slaplan live/).waitFor();
  });

  it("refuses a scenario naming a profile it does not have, at the profile", async () => {
    await page.getByText("Scenario JSON (every setting)").click();
    const editor = page.getByLabel("Scenario JSON");
    const edited = { ...JSON.parse(await editor.inputValue()), profile: "../profiles/b200-llama" };
    await editor.fill(JSON.stringify(edited));
    await page.getByRole("button", { name: "Apply JSON" }).click();
    await page
      .getByRole("group", { name: "Profile" })
      .getByRole("alert")
      .filter({ hasText: '"../profiles/b200-llama" is not bundled with the workbench' })
      .waitFor();
    await expect(page.getByRole("button", { name: "Run scenario" }).isDisabled()).resolves.toBe(
      true,
    );
    await page.getByLabel("Start from").selectOption("dynamo-sin-load");
    await expect(page.getByRole("button", { name: "Run scenario" }).isEnabled()).resolves.toBe(
      true,
    );
    await page.getByText("Scenario JSON (every setting)").click();
  });

  it("runs an uploaded trace, and refuses a bad one naming its line", async () => {
    await page.getByLabel("Requests from").selectOption("file");
    const upload = page.getByLabel(/^Upload a trace/);
    await upload.setInputFiles({
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,abc,3\n",
      ),
    });
    await page.getByText(/^bad\.csv line 2: /).waitFor();
    await upload.setInputFiles("scenarios/traces/AzureLLMInferenceTrace_code.csv");
    await page.getByRole("option", { name: "AzureLLMInferenceTrace_code.csv (uploaded)" }).waitFor({
      state: "attached",
    });
    await expect(page.getByLabel("Trace file").inputValue()).resolves.toBe(
      "AzureLLMInferenceTrace_code.csv",
    );
    await page.getByLabel("Replay only the first").fill("600");
    await runAndWait(3);
    const requests = limitDuration(600)(
      readTrace("scenarios/traces/AzureLLMInferenceTrace_code.csv"),
    );
    let count = 0;
    for await (const _request of requests) count += 1;
    await expect(page.getByTestId("summary").innerText()).resolves.toContain(
      `of ${count.toLocaleString("en-US")} requests completed`,
    );
  });

  it("takes a Dynamo profiler result folder, and refuses half of one", async () => {
    const upload = page.getByLabel(/^Upload a Dynamo profiler result folder/);
    await upload.setInputFiles("profiles/h200-llama3.1-8b-fp8/selected_prefill_interpolation");
    await page
      .getByText(/^no decode data among the \d+ file\(s\) given/)
      .waitFor({ timeout: 5000 });
    await upload.setInputFiles("profiles/h200-llama3.1-8b-fp8");
    await page
      .getByText(/^Uploaded: .*selected_prefill_interpolation\/raw_data\.npz and /)
      .waitFor();
    await runAndWait(4);
    // The same profile as the bundled one: the same run as run 3.
    const rows = await page.locator(".runs-table tbody tr").allInnerTexts();
    expect(rows[3].split("\t").slice(3, 5)).toEqual(rows[2].split("\t").slice(3, 5));
    await page.getByRole("button", { name: "Use the bundled profile again" }).click();
  });

  it("sweeps the GPU budget and marks the cost–attainment frontier", async () => {
    await page.getByLabel("Start from").selectOption("dynamo-sin-load");
    await page.getByLabel("Setting", { exact: true }).selectOption("planner.maxGpuBudget");
    // Values the scenario would refuse are refused at the field, before anything runs.
    const values = page.getByLabel("Values (comma-separated)");
    const valuesField = page.locator(".field.invalid", { has: values });
    const runSweep = page.getByRole("button", { name: "Run sweep" });
    await values.fill("abc, -1");
    await expect(valuesField.getByRole("alert").innerText()).resolves.toBe(
      'abc: GPU budget must be a whole number ≥ 1, got "abc"; ' +
        "-1: GPU budget must be a whole number ≥ 1, got -1",
    );
    await expect(runSweep.isDisabled()).resolves.toBe(true);
    await values.fill("4, 4");
    await expect(valuesField.getByRole("alert").innerText()).resolves.toBe("4 is given twice");
    await expect(runSweep.isDisabled()).resolves.toBe(true);
    await page
      .getByRole("region", { name: "Sweep" })
      .screenshot({ path: join(SCREENSHOTS, "5a-sweep-refused.png") });
    await values.fill("2, 4, 8");
    await runSweep.click();
    const table = page.getByTestId("sweep-table");
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=sweep-table] tbody tr").length === 3,
      undefined,
      { timeout: 90_000 },
    );
    await page.getByTestId("sweep-progress").waitFor({ state: "detached" });
    const rows = (await table.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t"));
    expect(rows.map((r) => r[0])).toEqual(["2", "4", "8"]);
    // Budget 8 is the scenario as bundled: the same run as the command line's.
    expect(rows[2][2]).toBe(formatValue(expected.slaAttainment, "percent"));
    expect(rows[2][4]).toBe(formatValue(expected.gpuHours, "gpu-hours"));
    expect(rows.some((r) => r[5] === "★")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "5-sweep.png"), fullPage: true });
  });

  it("keeps the page answering during a run of over 400,000 requests, and cancels it", async () => {
    // 720,000 Poisson arrivals over two hours, on a fleet big enough to serve them.
    const editor = page.getByLabel("Scenario JSON");
    await page.getByText("Scenario JSON (every setting)").click();
    const large = {
      ...dynamoSinLoad,
      name: "large-poisson",
      trace: { poisson: { durationS: 7200, ratePerS: 100, isl1Tokens: 3000, osl1Tokens: 300 } },
      planner: { ...dynamoSinLoad.planner, mode: "improved", maxGpuBudget: 64 },
    };
    await editor.fill(JSON.stringify(large));
    await page.getByRole("button", { name: "Apply JSON" }).click();
    // The load's options are labelled in words and units, the JSON key in the tooltip.
    const isl = page.getByLabel("ISL, shape 1 (tokens)");
    await expect(isl.inputValue()).resolves.toBe("3000");
    await expect(page.getByLabel("Request rate (req/s)").inputValue()).resolves.toBe("100");
    await expect(page.locator(".field", { has: isl }).getAttribute("title")).resolves.toBe(
      "trace.poisson.isl1Tokens",
    );
    await page
      .getByRole("group", { name: "Trace" })
      .screenshot({ path: join(SCREENSHOTS, "4a-poisson-fields.png") });
    const runsBefore = await page.locator(".runs-table tbody tr").count();
    await page.getByRole("button", { name: "Run scenario" }).click();
    const progress = page.getByTestId("progress-text");
    await page.waitForFunction(
      () =>
        /% · [\d,]+ of 7\d\d,\d{3} requests/.test(
          document.querySelector("[data-testid=progress-text]")?.textContent ?? "",
        ),
      undefined,
      { timeout: 60_000 },
    );
    // The page's own thread stays free: timers fire and a field takes typing while it runs.
    const longestGapMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let last = performance.now();
          let longest = 0;
          const timer = setInterval(() => {
            const now = performance.now();
            longest = Math.max(longest, now - last);
            last = now;
          }, 20);
          setTimeout(() => (clearInterval(timer), resolve(longest)), 1000);
        }),
    );
    console.log(`longest gap between 20 ms timers during the run: ${longestGapMs.toFixed(0)} ms`);
    expect(longestGapMs).toBeLessThan(1000);
    await page.getByLabel("Random seed").fill("7");
    await expect(page.getByLabel("Random seed").inputValue()).resolves.toBe("7");
    const done = Number(/^(\d+) %/.exec(await progress.innerText())?.[1]);
    expect(done).toBeLessThan(100);
    await page.screenshot({ path: join(SCREENSHOTS, "4-large-run.png") });
    await page.getByRole("button", { name: "Cancel" }).click();
    await progress.waitFor({ state: "detached" });
    await expect(page.locator(".runs-table tbody tr").count()).resolves.toBe(runsBefore);
    await expect(page.getByRole("button", { name: "Run scenario" }).isEnabled()).resolves.toBe(
      true,
    );
  });
});
