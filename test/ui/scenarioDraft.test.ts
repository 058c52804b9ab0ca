// The workbench's scenario editing: fields set and removed by path, the simulator's parser as
// the judge, its messages pinned to the field they are about.
import { describe, expect, it } from "vitest";
import azureConv from "../../scenarios/azure-conv.json";
import {
  checkDraft,
  errorBelongsTo,
  fieldValue,
  numberFromInput,
  splitMessage,
  withField,
} from "../../ui/state/scenarioDraft.ts";

describe("editing a scenario draft", () => {
  it("sets a nested field without touching the original, creating objects on the way", () => {
    const edited = withField(azureConv, "engine.routing.prefill", "kv-aware");
    expect(fieldValue(edited, "engine.routing.prefill")).toBe("kv-aware");
    expect(fieldValue(azureConv, "engine")).toBeUndefined();
    expect(fieldValue(edited, "planner.maxGpuBudget")).toBe(8);
  });

  it("removes a field given undefined, so the scenario's default applies", () => {
    const edited = withField(azureConv, "planner.maxGpuBudget", undefined);
    expect("maxGpuBudget" in (edited.planner as object)).toBe(false);
    const check = checkDraft(edited, "azure-conv.json");
    expect(check.ok && check.scenario.planner.maxGpuBudget).toBe(8);
  });

  it("reads a number field's text as a number, nothing, or text for the parser to refuse", () => {
    expect(numberFromInput(" 12 ")).toBe(12);
    expect(numberFromInput("1e-3")).toBe(0.001);
    expect(numberFromInput("")).toBeUndefined();
    expect(numberFromInput("twelve")).toBe("twelve");
  });
});

describe("checking a draft with the simulator's parser", () => {
  it("accepts a bundled scenario as it is", () => {
    const check = checkDraft(azureConv, "azure-conv.json");
    expect(check.ok).toBe(true);
    expect(check.ok && check.scenario.trace.kind).toBe("file");
  });

  it("pins a bad budget to planner.maxGpuBudget with the parser's reason", () => {
    const check = checkDraft(withField(azureConv, "planner.maxGpuBudget", -1), "azure-conv.json");
    expect(check).toMatchObject({
      ok: false,
      path: "planner.maxGpuBudget",
      reason: "must be a whole number ≥ 1, got -1",
    });
  });

  it("pins text in a number field, and a nested engine choice, to their fields", () => {
    const text = checkDraft(withField(azureConv, "fleet.startupDelayS", "soon"), "x.json");
    expect(text).toMatchObject({ ok: false, path: "fleet.startupDelayS" });
    expect(!text.ok && text.reason).toContain('got "soon"');
    const routing = checkDraft(withField(azureConv, "engine.routing.prefill", "random"), "x.json");
    expect(routing).toMatchObject({ ok: false, path: "engine.routing.prefill" });
  });

  it("pins a synthetic load's option to its field, even one checked only when the load starts", () => {
    const sinusoid = { ...azureConv, trace: { sinusoidal: { durationS: 1e12 } } };
    expect(checkDraft(sinusoid, "x.json")).toMatchObject({
      ok: false,
      path: "trace.sinusoidal.durationS",
      reason: "must be a number of seconds > 0 and ≤ 31622400 (a year), got 1000000000000",
    });
    const poisson = { ...azureConv, trace: { poisson: { ratePerS: -1 } } };
    expect(checkDraft(poisson, "x.json")).toMatchObject({
      ok: false,
      path: "trace.poisson.ratePerS",
    });
  });

  it("pins an unknown field to the section holding it", () => {
    const check = checkDraft(withField(azureConv, "planner.maxGpuBudgt", 4), "x.json");
    expect(check).toMatchObject({ ok: false, path: "planner" });
    expect(!check.ok && check.reason).toContain('unknown field "maxGpuBudgt"');
  });

  it("splits messages about no one field to the path ''", () => {
    expect(splitMessage("x.json: the scenario must be an object, got []", "x.json")).toEqual({
      path: "",
      reason: "the scenario must be an object, got []",
    });
    expect(splitMessage("something else entirely", "x.json")).toEqual({
      path: "",
      reason: "something else entirely",
    });
  });

  it("shows an error at a field when it is about that field or inside it", () => {
    expect(errorBelongsTo("planner.maxGpuBudget", "planner.maxGpuBudget")).toBe(true);
    expect(errorBelongsTo("engine.routing.prefill", "engine.routing")).toBe(true);
    expect(errorBelongsTo("planner.maxGpuBudgetX", "planner.maxGpuBudget")).toBe(false);
  });
});
