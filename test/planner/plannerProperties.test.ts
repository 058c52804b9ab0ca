import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildProfileModel,
  PLANNER_MODES,
  type ProfileModel,
  computeReplicaRequirements,
  DecodeInterpolator,
  DEFAULT_PLANNER_CONFIG,
  PrefillInterpolator,
  SlaPlanner,
} from "../../src/planner/index.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import { observationArb, replicaInputsArb } from "../arbitraries/plannerArbitraries.ts";

const modeArb = fc.constantFrom(...PLANNER_MODES);
const GATE_MESSAGE = "Metrics contain None or NaN values";
let model: ProfileModel;
let prefill: PrefillInterpolator;
let decode: DecodeInterpolator;

beforeAll(async () => {
  model = buildProfileModel(await readProfileDir("profiles/h200-llama3.1-8b-fp8"));
  prefill = model.prefill;
  decode = model.decode;
});

describe("replica requirements, for any finite load", () => {
  it("are whole numbers, never NaN or Infinity", () => {
    fc.assert(
      fc.property(replicaInputsArb, (inputs) => {
        const r = computeReplicaRequirements(inputs, prefill, decode);
        expect(Number.isInteger(r.numPrefill) && Number.isInteger(r.numDecode)).toBe(true);
      }),
    );
  });

  it("never go below the minimum endpoints", () => {
    fc.assert(
      fc.property(replicaInputsArb, (inputs) => {
        const r = computeReplicaRequirements(inputs, prefill, decode);
        expect(Math.min(r.numPrefill, r.numDecode)).toBeGreaterThanOrEqual(inputs.minEndpoint);
      }),
    );
  });

  it("stay within the GPU budget unless they say why not", () => {
    fc.assert(
      fc.property(replicaInputsArb, (inputs) => {
        const r = computeReplicaRequirements(inputs, prefill, decode);
        const used =
          r.numPrefill * inputs.prefillEngineNumGpu + r.numDecode * inputs.decodeEngineNumGpu;
        expect(used).toBe(r.gpusAllocated);
        if (used <= inputs.maxGpuBudget) {
          expect(r.overBudget).toBeNull();
          return;
        }
        const minimumsNeed =
          inputs.minEndpoint * (inputs.prefillEngineNumGpu + inputs.decodeEngineNumGpu);
        if (minimumsNeed > inputs.maxGpuBudget) expect(r.overBudget).toBe("minimum-endpoints");
        else expect(["decode-minimum", "rounding"]).toContain(r.overBudget);
        if (r.overBudget === "decode-minimum") expect(r.numDecode).toBe(inputs.minEndpoint);
        // Rounding a share to the nearest whole engine adds at most half an engine: prefill's
        // round(P·scale)·gP ≤ P·scale·gP + gP/2, and decode's round((B − P'·gP)/gD)·gD ≤
        // B − P'·gP + gD/2, so the total stays within half the larger engine of the budget.
        if (r.overBudget === "rounding") {
          const largerEngine = Math.max(inputs.prefillEngineNumGpu, inputs.decodeEngineNumGpu);
          expect(used - inputs.maxGpuBudget).toBeLessThanOrEqual(largerEngine / 2);
        }
      }),
    );
  });

  it("never ask for fewer replicas when more requests are predicted", () => {
    fc.assert(
      fc.property(replicaInputsArb, fc.double({ min: 1, max: 10, noNaN: true }), (inputs, k) => {
        const unbounded = { ...inputs, maxGpuBudget: 1e9 };
        const low = computeReplicaRequirements(unbounded, prefill, decode);
        const high = computeReplicaRequirements(
          { ...unbounded, numReq: inputs.numReq * k },
          prefill,
          decode,
        );
        expect(high.numPrefill).toBeGreaterThanOrEqual(low.numPrefill);
        expect(high.numDecode).toBeGreaterThanOrEqual(low.numDecode);
      }),
    );
  });
});

describe("SlaPlanner.adjust, for any sequence of observations", () => {
  it("never puts NaN or Infinity in a target, a log line or the JSON of a decision", () => {
    fc.assert(
      fc.property(
        modeArb,
        fc.array(observationArb, { minLength: 1, maxLength: 8 }),
        (mode, observations) => {
          const planner = new SlaPlanner(
            { ...DEFAULT_PLANNER_CONFIG, mode, adjustmentIntervalS: 60 },
            model,
          );
          for (const observed of observations) {
            const decision = planner.adjust(observed);
            if (decision.target !== null) {
              expect(Number.isInteger(decision.target.numPrefill)).toBe(true);
              expect(Number.isInteger(decision.target.numDecode)).toBe(true);
              expect(decision.target.numPrefill).toBeGreaterThanOrEqual(1);
              expect(decision.target.numDecode).toBeGreaterThanOrEqual(1);
            }
            const { observed: _observed, log, ...rest } = decision;
            const nonFinite = JSON.stringify(rest, (_key, value) =>
              typeof value === "number" && !Number.isFinite(value) ? "NON-FINITE" : value,
            );
            expect(nonFinite).not.toContain("NON-FINITE");
            // Dynamo's own messages name NaN ("None or NaN values", "float NaN"); no number may
            // print as JavaScript's NaN or Infinity (Python prints nan and inf).
            const text = log.map((line) => line.message.replace(GATE_MESSAGE, "")).join("\n");
            expect(text).not.toMatch(/(?<!float )\b(NaN|Infinity)\b/);
          }
        },
      ),
    );
  });
});
