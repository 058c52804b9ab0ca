/**
 * A load whose rate jumps between levels: step i holds rate λᵢ over [untilS of step i − 1,
 * untilS of step i), the first starting at 0 and the last ending the load. Within a step the
 * arrivals are Poisson, so the count in step i is Poisson with mean λᵢ × its length. Used to
 * see how fast a planner follows a sudden change of load.
 */
import { ConfigError, describeValue } from "../../src/errors.ts";
import { Random } from "../random.ts";
import { checkLoadOptions, MAX_DURATION_S, MAX_RATE_PER_S } from "./loadOptionRules.ts";
import { poissonArrivals, type RatePiece } from "./ratePieces.ts";
import {
  DEFAULT_REQUEST_SHAPES,
  REQUEST_SHAPE_RULES,
  drawShapedRequest,
  type RequestShapeOptions,
} from "./requestShapes.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** One level of a step load: `ratePerS` until `untilS` (seconds from the load's start). */
export interface LoadStep {
  readonly untilS: number;
  readonly ratePerS: number;
}

/** The step load's parameters: its steps, in time order, and the request shapes. */
export interface StepLoadOptions extends RequestShapeOptions {
  readonly steps: readonly LoadStep[];
}

/**
 * The load for `seed`, as an iterable that draws requests only as they are consumed and
 * replays the same requests each time it is iterated. Options are checked here, up front.
 */
export function stepLoad(
  seed: number,
  options: Pick<StepLoadOptions, "steps"> & Partial<RequestShapeOptions>,
): Iterable<TraceRequest> {
  const load: StepLoadOptions = { ...DEFAULT_REQUEST_SHAPES, ...options };
  checkSteps(load.steps);
  checkLoadOptions<RequestShapeOptions>("step load", load, REQUEST_SHAPE_RULES);
  return { [Symbol.iterator]: () => generateStepLoad(seed, load) };
}

function* generateStepLoad(seed: number, load: StepLoadOptions): Generator<TraceRequest> {
  const random = new Random(seed);
  const pieces: RatePiece[] = load.steps.map((step, i) => ({
    startS: i === 0 ? 0 : load.steps[i - 1].untilS,
    endS: step.untilS,
    ratePerS: step.ratePerS,
  }));
  for (const arrivalS of poissonArrivals(random, pieces)) {
    yield drawShapedRequest(arrivalS, load, random);
  }
}

function checkSteps(steps: unknown): void {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw stepError("steps", "a non-empty list of { untilS, ratePerS }", steps);
  }
  steps.forEach((step: Partial<LoadStep> | undefined, i) => {
    const previousUntilS = i === 0 ? 0 : (steps[i - 1] as LoadStep).untilS;
    const untilS = step?.untilS;
    if (typeof untilS !== "number" || !(untilS > previousUntilS && untilS <= MAX_DURATION_S)) {
      const bound = i === 0 ? "0" : `steps[${i - 1}].untilS (${previousUntilS})`;
      throw stepError(`steps[${i}].untilS`, `a number of seconds > ${bound}`, untilS);
    }
    const ratePerS = step?.ratePerS;
    if (typeof ratePerS !== "number" || !(ratePerS >= 0 && ratePerS <= MAX_RATE_PER_S)) {
      throw stepError(`steps[${i}].ratePerS`, `a number ≥ 0 and ≤ ${MAX_RATE_PER_S}`, ratePerS);
    }
    const unknown = Object.keys(step ?? {}).find((key) => key !== "untilS" && key !== "ratePerS");
    if (unknown !== undefined) {
      throw new ConfigError(
        `step load: steps[${i}] has an unknown field "${unknown}" (known fields: untilS, ratePerS)`,
      );
    }
  });
}

function stepError(name: string, expected: string, found: unknown): ConfigError {
  const shown = found === undefined ? "nothing" : describeValue(found);
  return new ConfigError(`step load: ${name} must be ${expected}, got ${shown}`);
}
