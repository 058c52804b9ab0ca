/**
 * The points of a sweep in their stable order: each parameter combination in turn (a grid with
 * its last parameter varying fastest, or a random sample in the order drawn), and within each,
 * its seeds. A point's index in this order names it in results files and shards.
 */
import { ConfigError } from "../../src/errors.ts";
import { Random } from "../random.ts";
import type {
  ParameterDistribution,
  ParameterValue,
  SweepDefinition,
  SweepDesign,
} from "./sweepDefinition.ts";

/** One combination of parameter values, keyed by dotted path, in the sweep's parameter order. */
export type ParameterCombination = Readonly<Record<string, ParameterValue>>;

export interface SweepPoint {
  readonly index: number;
  readonly parameters: ParameterCombination;
  /** The scenario seed this point runs with; null: the scenario's own (or a parameter's). */
  readonly seed: number | null;
}

/** Every point of the sweep; `file` names the sweep file in errors. */
export function sweepPoints(definition: SweepDefinition, file: string): SweepPoint[] {
  const combinations = designCombinations(definition.design, file);
  const seeds = definition.seeds ?? [null];
  return combinations.flatMap((parameters, c) =>
    seeds.map((seed, s) => ({ index: c * seeds.length + s, parameters, seed })),
  );
}

/** The design's parameter combinations, in order. */
export function designCombinations(design: SweepDesign, file: string): ParameterCombination[] {
  return design.kind === "grid"
    ? gridCombinations(design.grid)
    : randomCombinations(design.parameters, design.samples, design.seed, file);
}

/** Every combination of the grid's values; the last parameter varies fastest. */
export function gridCombinations(
  grid: ReadonlyMap<string, readonly ParameterValue[]>,
): ParameterCombination[] {
  let combinations: Record<string, ParameterValue>[] = [{}];
  for (const [path, values] of grid) {
    combinations = combinations.flatMap((partial) =>
      values.map((value) => ({ ...partial, [path]: value })),
    );
  }
  return combinations;
}

/**
 * `samples` distinct combinations drawn from `parameters` with a generator seeded by `seed`:
 * the same definition always gives the same points. A repeated draw is drawn again, since it
 * would run the same point twice; a space too small for `samples` distinct points is an error.
 */
export function randomCombinations(
  parameters: ReadonlyMap<string, ParameterDistribution>,
  samples: number,
  seed: number,
  file: string,
): ParameterCombination[] {
  const size = discreteSize(parameters);
  if (size < samples) {
    throw new ConfigError(
      `${file}: random.samples asks for ${samples} distinct points but ` +
        `the parameters allow only ${size}; lower samples or use "grid"`,
    );
  }
  const random = new Random(seed);
  const drawn = new Map<string, ParameterCombination>();
  while (drawn.size < samples) {
    const combination: Record<string, ParameterValue> = {};
    for (const [path, distribution] of parameters) {
      combination[path] = draw(distribution, random);
    }
    const key = JSON.stringify(combination);
    if (!drawn.has(key)) drawn.set(key, combination);
  }
  return [...drawn.values()];
}

function draw(distribution: ParameterDistribution, random: Random): ParameterValue {
  if (distribution.kind === "choice") {
    return distribution.values[random.integer(distribution.values.length)];
  }
  const { min, max, whole } = distribution;
  return whole ? min + random.integer(max - min + 1) : min + random.uniform() * (max - min);
}

/** How many distinct combinations the parameters allow (Infinity with a continuous range). */
function discreteSize(parameters: ReadonlyMap<string, ParameterDistribution>): number {
  let size = 1;
  for (const distribution of parameters.values()) {
    if (distribution.kind === "choice") size *= distribution.values.length;
    else if (distribution.whole) size *= distribution.max - distribution.min + 1;
    else if (distribution.max > distribution.min) return Infinity;
  }
  return size;
}

/** The key two points share when they differ only in their seed. */
export function combinationKey(parameters: ParameterCombination): string {
  return JSON.stringify(parameters);
}
