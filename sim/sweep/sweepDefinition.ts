/**
 * A sweep file: a base scenario and the scenario fields to vary, each named by its dotted path
 * in the scenario's JSON ("planner.maxGpuBudget", "fleet.startupDelayS", "seed"), either over a
 * full grid or over a seeded random sample, each point repeated over a list of seeds.
 */
import { ConfigError, describeValue } from "../../src/errors.ts";

/** A value a parameter may take: anything a scenario field holds. */
export type ParameterValue = string | number | boolean | null | readonly unknown[] | object;

/** How a random sample draws one parameter: one of a list, or uniformly from a range. */
export type ParameterDistribution =
  | { readonly kind: "choice"; readonly values: readonly ParameterValue[] }
  | { readonly kind: "range"; readonly min: number; readonly max: number; readonly whole: boolean };

export type SweepDesign =
  | {
      readonly kind: "grid";
      /** Each parameter's values, in the order written; the last parameter varies fastest. */
      readonly grid: ReadonlyMap<string, readonly ParameterValue[]>;
    }
  | {
      readonly kind: "random";
      readonly samples: number;
      readonly seed: number;
      readonly parameters: ReadonlyMap<string, ParameterDistribution>;
    };

export interface SweepDefinition {
  /** Names the default results file, reports/<name>.sweep.jsonl. */
  readonly name: string;
  readonly description: string;
  /** The base scenario file, as written: relative to the sweep file. */
  readonly scenario: string;
  /** Fields set the same way in every point (e.g. a shorter trace.durationS). */
  readonly set: ReadonlyMap<string, ParameterValue>;
  readonly design: SweepDesign;
  /**
   * Scenario seeds each point is run with; null: once, with the scenario's own seed (or the
   * seed a parameter gives).
   */
  readonly seeds: readonly number[] | null;
}

const SWEEP_FIELDS = ["name", "description", "scenario", "set", "grid", "random", "seeds"];
const RANDOM_FIELDS = ["samples", "seed", "parameters"];
const RANGE_FIELDS = ["min", "max", "whole"];
const LARGEST_SEED = 2 ** 32 - 1;

/**
 * Reads and checks a sweep file's JSON value; `file` names it in errors and `fallbackName` is
 * the sweep's name when the file gives none. The scenario itself is checked later, per point.
 */
export function parseSweepDefinition(
  raw: unknown,
  file: string,
  fallbackName: string,
): SweepDefinition {
  const sweep = objectOf(raw, `${file}: the sweep`);
  for (const name of Object.keys(sweep)) {
    if (!SWEEP_FIELDS.includes(name)) {
      throw new ConfigError(
        `${file}: unknown field "${name}" (known fields: ${SWEEP_FIELDS.join(", ")})`,
      );
    }
  }
  if ((sweep.grid === undefined) === (sweep.random === undefined)) {
    const found = sweep.grid === undefined ? "neither" : "both";
    throw new ConfigError(`${file}: a sweep needs exactly one of "grid" or "random", got ${found}`);
  }
  const design =
    sweep.grid !== undefined ? parseGrid(sweep.grid, file) : parseRandom(sweep.random, file);
  const seeds = sweep.seeds === undefined ? null : parseSeeds(sweep.seeds, file);
  if (seeds !== null && parameterNames(design).includes("seed")) {
    throw new ConfigError(
      `${file}: "seeds" and a parameter "seed" both set the scenario's seed; keep one`,
    );
  }
  return {
    name: optionalString(sweep, "name", file) ?? fallbackName,
    description: optionalString(sweep, "description", file) ?? "",
    scenario: requiredString(sweep, "scenario", file),
    set: parseSet(sweep.set, file),
    design,
    seeds,
  };
}

/** The varied parameters' paths, in the order the file gives them. */
export function parameterNames(design: SweepDesign): string[] {
  return [...(design.kind === "grid" ? design.grid.keys() : design.parameters.keys())];
}

function parseGrid(raw: unknown, file: string): SweepDesign {
  const entries = Object.entries(objectOf(raw, `${file}: grid`));
  if (entries.length === 0) {
    throw new ConfigError(`${file}: grid names no parameter; give at least one, with its values`);
  }
  const grid = new Map<string, readonly ParameterValue[]>();
  for (const [path, values] of entries) {
    checkPath(path, `${file}: grid`);
    grid.set(path, valueList(values, `${file}: grid "${path}"`));
  }
  return { kind: "grid", grid };
}

function parseRandom(raw: unknown, file: string): SweepDesign {
  const random = objectOf(raw, `${file}: random`);
  for (const name of Object.keys(random)) {
    if (!RANDOM_FIELDS.includes(name)) {
      throw new ConfigError(
        `${file}: random: unknown field "${name}" (known fields: ${RANDOM_FIELDS.join(", ")})`,
      );
    }
  }
  const samples = wholeNumber(random.samples, `${file}: random.samples`, 1, 1_000_000);
  const seed = wholeNumber(random.seed ?? 1, `${file}: random.seed`, 0, LARGEST_SEED);
  const entries = Object.entries(objectOf(random.parameters, `${file}: random.parameters`));
  if (entries.length === 0) {
    throw new ConfigError(`${file}: random.parameters names no parameter; give at least one`);
  }
  const parameters = new Map<string, ParameterDistribution>();
  for (const [path, spec] of entries) {
    checkPath(path, `${file}: random.parameters`);
    parameters.set(path, parseDistribution(spec, `${file}: random.parameters "${path}"`));
  }
  return { kind: "random", samples, seed, parameters };
}

function parseDistribution(raw: unknown, where: string): ParameterDistribution {
  if (Array.isArray(raw)) return { kind: "choice", values: valueList(raw, where) };
  const range = objectOf(raw, `${where} (a list of values or {"min", "max", "whole"})`);
  for (const name of Object.keys(range)) {
    if (!RANGE_FIELDS.includes(name)) {
      throw new ConfigError(
        `${where}: unknown field "${name}" (known fields: ${RANGE_FIELDS.join(", ")})`,
      );
    }
  }
  const whole = range.whole ?? false;
  if (typeof whole !== "boolean") {
    throw new ConfigError(`${where}.whole must be true or false, got ${describeValue(whole)}`);
  }
  const min = finiteNumber(range.min, `${where}.min`, whole);
  const max = finiteNumber(range.max, `${where}.max`, whole);
  if (max < min) throw new ConfigError(`${where}: max (${max}) must not be below min (${min})`);
  return { kind: "range", min, max, whole };
}

function parseSet(raw: unknown, file: string): ReadonlyMap<string, ParameterValue> {
  if (raw === undefined) return new Map();
  const set = new Map<string, ParameterValue>();
  for (const [path, value] of Object.entries(objectOf(raw, `${file}: set`))) {
    checkPath(path, `${file}: set`);
    set.set(path, value as ParameterValue);
  }
  return set;
}

function parseSeeds(raw: unknown, file: string): number[] {
  const where = `${file}: seeds`;
  if (typeof raw === "number") {
    const count = wholeNumber(raw, where, 1, 10_000);
    return Array.from({ length: count }, (_, i) => i + 1);
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigError(
      `${where} must be a count (seeds 1..k) or a non-empty list of seeds, got ${describeValue(raw)}`,
    );
  }
  const seeds = raw.map((seed, i) => wholeNumber(seed, `${where}[${i}]`, 0, LARGEST_SEED));
  const repeated = seeds.find((seed, i) => seeds.indexOf(seed) !== i);
  if (repeated !== undefined) throw new ConfigError(`${where} lists seed ${repeated} twice`);
  return seeds;
}

/** A non-empty list of values, none repeated (a repeat would run the same point twice). */
function valueList(raw: unknown, where: string): ParameterValue[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigError(`${where} must be a non-empty list of values, got ${describeValue(raw)}`);
  }
  const keys = raw.map((value) => JSON.stringify(value));
  const repeated = keys.findIndex((key, i) => keys.indexOf(key) !== i);
  if (repeated >= 0) {
    throw new ConfigError(`${where} lists ${describeValue(raw[repeated])} twice`);
  }
  return raw as ParameterValue[];
}

/** A dotted path of field names: "planner.maxGpuBudget". */
function checkPath(path: string, where: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
    throw new ConfigError(
      `${where}: "${path}" is not a dotted path of scenario fields (such as "planner.maxGpuBudget")`,
    );
  }
}

function objectOf(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${what} must be an object, got ${describeValue(raw)}`);
  }
  return raw as Record<string, unknown>;
}

function requiredString(object: Record<string, unknown>, name: string, file: string): string {
  const value = optionalString(object, name, file);
  if (value === undefined) {
    throw new ConfigError(`${file}: "${name}" is missing; it names the base scenario file`);
  }
  return value;
}

function optionalString(
  object: Record<string, unknown>,
  name: string,
  file: string,
): string | undefined {
  const value = object[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(
      `${file}: ${name} must be a non-empty string, got ${describeValue(value)}`,
    );
  }
  return value;
}

function wholeNumber(raw: unknown, where: string, min: number, max: number): number {
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min || raw > max) {
    throw new ConfigError(
      `${where} must be a whole number from ${min} to ${max}, got ${describeValue(raw)}`,
    );
  }
  return raw;
}

function finiteNumber(raw: unknown, where: string, whole: boolean): number {
  const isValid = typeof raw === "number" && Number.isFinite(raw);
  if (!isValid || (whole && !Number.isInteger(raw))) {
    const expected = whole ? "a whole number" : "a finite number";
    throw new ConfigError(`${where} must be ${expected}, got ${describeValue(raw)}`);
  }
  return raw;
}
