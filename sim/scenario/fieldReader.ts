import { ConfigError, describeValue } from "../../src/errors.ts";

/**
 * Reads the fields of one JSON object of a scenario file, checking each and naming it in every
 * error (`scenarios/x.json: fleet.startupDelayS must be a number ≥ 0, got -5`). Unknown fields
 * are errors: a misspelt setting silently ignored would run a different scenario than intended.
 */
export class FieldReader {
  /** The file the object came from. */
  readonly file: string;
  /** The object's path inside the file ("" for the whole file, "trace", "trace.sinusoidal"). */
  readonly path: string;
  private readonly object: Record<string, unknown>;

  constructor(raw: unknown, file: string, path: string, knownFields: readonly string[]) {
    this.file = file;
    this.path = path;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      const what = path === "" ? "the scenario" : path;
      throw new ConfigError(`${file}: ${what} must be an object, got ${describeValue(raw)}`);
    }
    this.object = raw as Record<string, unknown>;
    for (const name of Object.keys(this.object)) {
      if (!knownFields.includes(name)) {
        const where = path === "" ? file : `${file}: ${path}`;
        throw new ConfigError(
          `${where}: unknown field "${name}" (known fields: ${knownFields.join(", ")})`,
        );
      }
    }
  }

  /** How errors name field `name`: `scenarios/x.json: fleet.startupDelayS`. */
  where(name: string): string {
    return `${this.file}: ${this.path === "" ? "" : `${this.path}.`}${name}`;
  }

  has(name: string): boolean {
    return this.object[name] !== undefined;
  }

  raw(name: string): unknown {
    return this.object[name];
  }

  /** The object's fields as given (after the unknown-field check). */
  entries(): Record<string, unknown> {
    return { ...this.object };
  }

  /** A finite number in [min, max] (whole if asked), or the fallback when absent. */
  number(
    name: string,
    fallback: number | undefined,
    rule: { min?: number; max?: number; whole?: boolean; above?: number } = {},
  ): number {
    const value = this.object[name];
    if (value === undefined && fallback !== undefined) return fallback;
    const isValid =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (rule.whole !== true || Number.isInteger(value)) &&
      (rule.min === undefined || value >= rule.min) &&
      (rule.above === undefined || value > rule.above) &&
      (rule.max === undefined || value <= rule.max);
    if (!isValid) {
      throw new ConfigError(
        `${this.where(name)} must be ${describeRule(rule)}, ${foundText(value)}`,
      );
    }
    return value as number;
  }

  /** A non-empty string, or the fallback when absent. */
  string(name: string, fallback?: string): string {
    const value = this.object[name];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== "string" || value.length === 0) {
      throw new ConfigError(`${this.where(name)} must be a non-empty string, ${foundText(value)}`);
    }
    return value;
  }

  /** One of `choices`, or the fallback when absent. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.object[name];
    if (value === undefined) return fallback;
    if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
      const listed = choices.map((c) => `"${c}"`).join(", ");
      throw new ConfigError(
        `${this.where(name)} must be one of ${listed}, got ${describeValue(value)}`,
      );
    }
    return value as T;
  }

  /** true or false, or the fallback when absent. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.object[name];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") {
      throw new ConfigError(
        `${this.where(name)} must be true or false, got ${describeValue(value)}`,
      );
    }
    return value;
  }
}

function describeRule(rule: { min?: number; max?: number; whole?: boolean; above?: number }) {
  const kind = rule.whole ? "a whole number" : "a number";
  const bounds = [
    rule.above !== undefined ? `> ${rule.above}` : undefined,
    rule.min !== undefined ? `≥ ${rule.min}` : undefined,
    rule.max !== undefined ? `≤ ${rule.max}` : undefined,
  ].filter((b) => b !== undefined);
  return bounds.length === 0 ? kind : `${kind} ${bounds.join(" and ")}`;
}

/** How an error shows what it found: "got -5", or "but it is missing". */
function foundText(value: unknown): string {
  return value === undefined ? "but it is missing" : `got ${describeValue(value)}`;
}
