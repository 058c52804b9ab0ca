// The scenario form's labels for synthetic-load options: plain words and units in place of the
// scenario file's JSON keys.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_BURST_LOAD,
  DEFAULT_DIURNAL_LOAD,
  DEFAULT_POISSON_LOAD,
  DEFAULT_REQUEST_SHAPES,
  DEFAULT_SINUSOIDAL_LOAD,
} from "../../sim/traces/index.ts";
import { loadOptionLabel } from "../../ui/components/loadOptionLabels.ts";

const LOADS = {
  sinusoidal: DEFAULT_SINUSOIDAL_LOAD,
  poisson: DEFAULT_POISSON_LOAD,
  steps: DEFAULT_REQUEST_SHAPES,
  bursts: DEFAULT_BURST_LOAD,
  diurnal: DEFAULT_DIURNAL_LOAD,
};

describe("loadOptionLabel(key)", () => {
  it("gives every option the form shows a label that is not its key", () => {
    for (const [load, defaults] of Object.entries(LOADS)) {
      for (const key of Object.keys(defaults)) {
        expect(loadOptionLabel(key).label, `${load}.${key}`).not.toBe(key);
      }
    }
  });

  it("gives every option with a unit in its key that unit", () => {
    const unitOfKey = (key: string) =>
      key.endsWith("PerS") ? "req/s" : key.endsWith("Tokens") ? "tokens" : "s";
    for (const defaults of Object.values(LOADS)) {
      for (const key of Object.keys(defaults).filter((k) => /(S|Tokens)$/.test(k))) {
        expect(loadOptionLabel(key).unit, key).toBe(unitOfKey(key));
      }
    }
  });

  it("names the sinusoidal load's options as Dynamo's generator means them", () => {
    expect(loadOptionLabel("durationS")).toEqual({ label: "Duration", unit: "s" });
    expect(loadOptionLabel("slotS")).toEqual({ label: "Slot", unit: "s" });
    expect(loadOptionLabel("requestRateMinPerS")).toEqual({
      label: "Lowest request rate",
      unit: "req/s",
    });
    // isl1/osl1 are the first of two request shapes mixed at a share, not a phase in time.
    expect(loadOptionLabel("isl1Tokens")).toEqual({ label: "ISL, shape 1", unit: "tokens" });
    expect(loadOptionLabel("islOslRatioMax")).toEqual({
      label: "Highest share of shape 1",
      unit: "0–1",
    });
  });

  it("shows an option it does not know by its key", () => {
    expect(loadOptionLabel("newOptionS")).toEqual({ label: "newOptionS" });
  });
});
