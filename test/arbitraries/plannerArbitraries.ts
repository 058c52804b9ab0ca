import fc from "fast-check";
import type { IntervalObservation, ReplicaInputs } from "../../src/planner/index.ts";

/** Any finite load and sizing rules a planner could be asked to serve. */
export const replicaInputsArb: fc.Arbitrary<ReplicaInputs> = fc.record({
  numReq: fc.double({ min: 0, max: 1e6, noNaN: true }),
  islTokens: fc.double({ min: 1, max: 40_000, noNaN: true }),
  oslTokens: fc.double({ min: 1, max: 8_000, noNaN: true }),
  intervalS: fc.integer({ min: 1, max: 600 }),
  prefillCorrection: fc.double({ min: 0, max: 50, noNaN: true }),
  decodeCorrection: fc.double({ min: 0, max: 50, noNaN: true }),
  itlTargetS: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  maxGpuBudget: fc.integer({ min: 1, max: 64 }),
  minEndpoint: fc.integer({ min: 0, max: 3 }),
  prefillEngineNumGpu: fc.constantFrom(1, 2, 4, 8),
  decodeEngineNumGpu: fc.constantFrom(1, 2, 4, 8),
});

/** A figure as Prometheus may report it: a number, or NaN for an empty window. */
const figureArb = (max: number) =>
  fc.oneof(fc.double({ min: 0, max, noNaN: true }), fc.constant(Number.NaN));

/** Any interval observation, including windows with no traffic and fleets with no workers. */
export const observationArb: fc.Arbitrary<IntervalObservation> = fc.record({
  numReq: fc.oneof(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.constant(Number.NaN)),
  islTokens: figureArb(40_000),
  oslTokens: figureArb(8_000),
  ttftS: figureArb(100),
  itlS: figureArb(1),
  requestDurationS: figureArb(1000),
  numPrefillWorkers: fc.integer({ min: 0, max: 16 }),
  numDecodeWorkers: fc.integer({ min: 0, max: 16 }),
});
