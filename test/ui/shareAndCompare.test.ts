// A scenario carried in a link, and two runs compared: the plain logic behind the workbench's
// share button and comparison table.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deflateSync, strToU8 } from "fflate";
import azureConv from "../../scenarios/azure-conv.json";
import mooncake from "../../scenarios/mooncake-conv-kv-routing.json";
import type { RunSummary } from "../../sim/report/simulationReport.ts";
import { compareRuns, formatValue } from "../../ui/state/runComparison.ts";
import { hashOfScenario, scenarioOfHash, unreadableLinkNotice } from "../../ui/state/shareLink.ts";

describe("a scenario in a link", () => {
  it("comes back exactly, for every bundled shape of scenario", () => {
    for (const scenario of [azureConv, mooncake]) {
      const hash = hashOfScenario(scenario);
      expect(hash).toMatch(/^#scenario=[A-Za-z0-9_-]+$/);
      expect(scenarioOfHash(hash)).toEqual(scenario);
    }
  });

  it("comes back exactly for any JSON object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const back = scenarioOfHash(hashOfScenario(object));
        expect(back).toEqual(JSON.parse(JSON.stringify(object)));
      }),
    );
  });

  it("keeps a long scenario short: deflated, the Mooncake scenario fits a link", () => {
    expect(hashOfScenario(mooncake).length).toBeLessThan(JSON.stringify(mooncake).length);
  });

  it("is no scenario without the key, and an error, not a throw, when cut short", () => {
    expect(scenarioOfHash("")).toBeNull();
    expect(scenarioOfHash("#other=1")).toBeNull();
    const hash = hashOfScenario(azureConv);
    const cut = scenarioOfHash(hash.slice(0, hash.length / 2));
    expect(cut).toBeInstanceOf(Error);
    expect((cut as Error).message).toBe(
      "it is not a compressed scenario; the link may be cut short",
    );
  });

  it("names each kind of damage in its own words, never the browser's", () => {
    const reason = (hash: string) => (scenarioOfHash(hash) as Error).message;
    expect(reason("#scenario=")).toBe("it is empty; the link may be cut short");
    // Five characters leave one over a group of four, which base64 never does.
    expect(reason("#scenario=abcde")).toBe("it is not valid base64; the link may be cut short");
    expect(reason("#scenario=ab%cd")).toBe("it is not valid base64; the link may be cut short");
    expect(reason("#scenario=garbage")).toBe(
      "it is not a compressed scenario; the link may be cut short",
    );
    expect(reason(hashOfScenario([1, 2] as never))).toBe(
      "it is not a JSON object, as a scenario file is",
    );
  });

  it("keeps JSON's own reason for a link that inflates to something not JSON", () => {
    const packed = deflateSync(strToU8('{"name": '));
    const base64 = btoa(String.fromCharCode(...packed)).replace(/=+$/, "");
    const problem = scenarioOfHash(`#scenario=${base64.replace(/\+/g, "-").replace(/\//g, "_")}`);
    expect((problem as Error).message).toMatch(/^it is not valid JSON: \S/);
  });
});

describe("unreadableLinkNotice(problem)", () => {
  it("says in one sentence why the link was not opened and what is shown instead", () => {
    expect(
      unreadableLinkNotice(new Error("it is not valid base64; the link may be cut short")),
    ).toBe(
      "This link's scenario could not be read (it is not valid base64; the link may be cut " +
        "short). Showing the default scenario instead.",
    );
  });

  it("drops a reason's own full stop, so the sentence never ends with two", () => {
    const notice = unreadableLinkNotice(new Error("it is not valid JSON: Unexpected end. "));
    expect(notice).toBe(
      "This link's scenario could not be read (it is not valid JSON: Unexpected end). " +
        "Showing the default scenario instead.",
    );
    expect(notice).not.toContain("..");
  });

  it("leaves out the brackets when there is no reason to put in them", () => {
    expect(unreadableLinkNotice(new Error(" . "))).toBe(
      "This link's scenario could not be read. Showing the default scenario instead.",
    );
  });

  it("never puts a full stop before its bracket closes, whatever the reason", () => {
    fc.assert(
      fc.property(fc.string(), (reason) => {
        const notice = unreadableLinkNotice(new Error(reason));
        expect(notice).toMatch(/[^.\s]\)\. Showing the default scenario instead\.$|read\. Show/);
      }),
    );
  });
});

function summary(overrides: Partial<RunSummary>): RunSummary {
  const latency = { p50: 0.05, p90: 0.08, p99: 0.12, mean: 0.06 };
  return {
    requests: { rejected: 0 } as RunSummary["requests"],
    engine: {} as RunSummary["engine"],
    ttftS: latency,
    itlS: latency,
    requestDurationS: latency,
    slaAttainment: 0.9,
    gpuHours: 4,
    simulatedS: 3600,
    scalingActions: 10,
    decisionsDroppedNotReady: 0,
    peakPrefillReplicas: 3,
    peakDecodeReplicas: 2,
    ...overrides,
  };
}

describe("two runs compared", () => {
  it("gives each row B − A", () => {
    const rows = compareRuns(
      summary({}),
      summary({ slaAttainment: 0.95, gpuHours: 3.5, scalingActions: 12 }),
    );
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
    expect(byLabel["SLA attainment"].difference).toBeCloseTo(0.05, 12);
    expect(byLabel["GPU-hours"].difference).toBe(-0.5);
    expect(byLabel["Scaling actions"].difference).toBe(2);
    expect(byLabel["Peak prefill replicas"].difference).toBe(0);
    expect(rows.map((r) => r.label)).toEqual([
      "SLA attainment",
      "GPU-hours",
      "Scaling actions",
      "Peak prefill replicas",
      "Peak decode replicas",
      "TTFT p99",
      "ITL p99",
      "Requests rejected",
    ]);
  });

  it("prints each unit as the table shows it, NaN as a dash", () => {
    expect(formatValue(0.9234, "percent")).toBe("92.3 %");
    expect(formatValue(0.05, "percent", true)).toBe("+5.0 pt");
    expect(formatValue(-0.5, "gpu-hours", true)).toBe("-0.50");
    expect(formatValue(12345, "count")).toBe("12,345");
    expect(formatValue(0.1234, "seconds")).toBe("123.4 ms");
    expect(formatValue(2.5, "seconds")).toBe("2.50 s");
    expect(formatValue(Number.NaN, "percent")).toBe("–");
  });
});
