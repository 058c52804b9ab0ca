/**
 * A scenario's JSON value with fields replaced by dotted path, for one point of a sweep. Missing
 * objects along a path are created (a field the base scenario leaves to its default can be
 * varied); the scenario parser then checks the result as it checks any scenario file.
 */
import { ConfigError, describeValue } from "../../src/errors.ts";
import type { ParameterValue } from "./sweepDefinition.ts";

/** A copy of `scenario` with each `[path, value]` set; the input is left untouched. */
export function withParameters(
  scenario: unknown,
  parameters: Iterable<readonly [string, ParameterValue]>,
): unknown {
  if (typeof scenario !== "object" || scenario === null || Array.isArray(scenario)) {
    throw new ConfigError(`the scenario must be an object, got ${describeValue(scenario)}`);
  }
  const copy = structuredClone(scenario) as Record<string, unknown>;
  for (const [path, value] of parameters) setPath(copy, path, structuredClone(value));
  return copy;
}

function setPath(scenario: Record<string, unknown>, path: string, value: unknown): void {
  const names = path.split(".");
  let object = scenario;
  for (const [depth, name] of names.slice(0, -1).entries()) {
    const next = object[name];
    if (next === undefined) {
      object[name] = {};
    } else if (typeof next !== "object" || next === null || Array.isArray(next)) {
      const prefix = names.slice(0, depth + 1).join(".");
      throw new ConfigError(
        `"${path}": the scenario's ${prefix} is ${describeValue(next)}, not an object with fields`,
      );
    }
    object = object[name] as Record<string, unknown>;
  }
  object[names[names.length - 1]] = value;
}
