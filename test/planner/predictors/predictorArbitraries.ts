// fast-check arbitraries for the predictor tests. The house style keeps arbitraries in
// test/arbitraries/; this work may only touch test/planner/predictors/, so they live here.
import fc from "fast-check";
import { LOAD_PREDICTOR_NAMES } from "../../../src/planner/loadPredictor.ts";

/** Any predictor the planner can be configured with. */
export const predictorNameArb = fc.constantFrom(...LOAD_PREDICTOR_NAMES);

/** A figure Prometheus could hand over, and worse: any finite double, or NaN. */
export const anyFigureArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(Number.NaN),
);

/** A plausible load figure: a count or token mean, with empty windows (NaN) and idle zeros. */
export const loadFigureArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1e5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);
