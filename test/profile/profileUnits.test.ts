import { describe, expect, it } from "vitest";
import { buildProfileModel, DEFAULT_PLANNER_CONFIG, SlaPlanner } from "../../src/planner/index.ts";
import { parseDecodeProfileFile } from "../../src/profile/parseDecodeProfile.ts";
import { parsePrefillProfileFile } from "../../src/profile/parsePrefillProfile.ts";
import { makeDecodeArrays, toNpz, toNumpyLikeJson, toPlainJson } from "./makeProfileFile.ts";

const FILE = "p/selected_prefill_interpolation/raw_data.json";
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Prefill at ISL 1,024..4,096 taking 0.150 s flat, declared in seconds. */
function prefillInSeconds() {
  return {
    prefill_isl: [1024, 2048, 3072, 4096],
    prefill_ttft: { values: [0.15, 0.15, 0.15, 0.15], unit: "s" },
    prefill_thpt_per_gpu: [6827, 13653, 20480, 27307],
  };
}

describe("profile time units", () => {
  it("reads TTFT declared in seconds as seconds", () => {
    const prefill = parsePrefillProfileFile(encode(prefillInSeconds()), FILE);
    expect(prefill.ttftS).toEqual([0.15, 0.15, 0.15, 0.15]);
  });

  it("gives a prefill correction of exactly 1.2 for 0.180 s observed against 0.150 s", () => {
    const prefill = parsePrefillProfileFile(encode(prefillInSeconds()), FILE);
    const decode = parseDecodeProfileFile(toPlainJson(makeDecodeArrays()), "d.json");
    const planner = new SlaPlanner(
      { ...DEFAULT_PLANNER_CONFIG, mode: "dynamo-0.4", adjustmentIntervalS: 60 },
      buildProfileModel({ source: "s", prefill, decode }),
    );
    const decision = planner.adjust({
      numReq: 60,
      islTokens: 2048,
      oslTokens: 100,
      ttftS: 0.18,
      itlS: 0.01,
      requestDurationS: 1.2,
      numPrefillWorkers: 1,
      numDecodeWorkers: 1,
    });
    expect(decision.correction?.expectedTtftS).toBe(0.15);
    expect(decision.correction?.prefill).toBe(0.18 / 0.15);
    expect(decision.correction?.prefill).toBeCloseTo(1.2, 15);
  });

  it("accepts the unit in a top-level units object", () => {
    const { prefill_ttft, ...rest } = prefillInSeconds();
    const file = { ...rest, prefill_ttft: [150, 150, 150, 150], units: { prefill_ttft: "ms" } };
    expect(parsePrefillProfileFile(encode(file), FILE).ttftS).toEqual([0.15, 0.15, 0.15, 0.15]);
    void prefill_ttft;
  });

  it("refuses a JSON profile whose times declare no unit, naming the array", () => {
    const { prefill_ttft, ...rest } = prefillInSeconds();
    const file = { ...rest, prefill_ttft: prefill_ttft.values };
    expect(() => parsePrefillProfileFile(encode(file), FILE)).toThrow(
      `${FILE}: prefill_ttft must declare its unit, "ms" or "s"`,
    );
  });

  it("refuses a unit other than ms or s", () => {
    const file = { ...prefillInSeconds(), units: undefined };
    file.prefill_ttft = { values: [150, 150, 150, 150], unit: "us" };
    expect(() => parsePrefillProfileFile(encode(file), FILE)).toThrow(/got "us"/);
  });

  it("reads Dynamo's .npz, which carries no unit, as milliseconds", () => {
    const decode = parseDecodeProfileFile(toNpz(makeDecodeArrays()), "d.npz");
    expect(decode.itlS).toEqual([0.005, 0.015, 0.008]);
    const fromJson = parseDecodeProfileFile(toNumpyLikeJson(makeDecodeArrays()), "d.json");
    expect(fromJson.itlS).toEqual(decode.itlS);
  });
});
