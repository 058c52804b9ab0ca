/**
 * What differs between the scenarios of two runs, field by field, so that a comparison says what
 * was changed ("planner.mode "dynamo-0.4" → "improved"") and not only what came of it. The
 * workbench is for changing one thing and comparing; without this, two runs of one scenario
 * name read alike in the runs table.
 */
import type { FieldPath, ScenarioDraft } from "./scenarioDraft.ts";

/** One field whose value differs; `undefined` is a field that side does not set. */
export interface ScenarioDifference {
  /** Dot-separated keys, as the form names fields ("trace.poisson.durationS"). */
  readonly path: FieldPath;
  readonly a: unknown;
  readonly b: unknown;
}

/** How a field that one side does not set is printed. */
export const NOT_SET = "(not set)";

/**
 * The fields whose values differ between drafts `a` and `b`, ordered by path key by key (so
 * one section's fields stay together whatever order either file wrote its keys in). Objects
 * present on both sides are compared field by field; arrays, and a section present on one side
 * only, are one value each: a list of its every field would bury the one change that matters.
 */
export function scenarioDifferences(a: ScenarioDraft, b: ScenarioDraft): ScenarioDifference[] {
  const differences: ScenarioDifference[] = [];
  collectDifferences(a, b, [], differences);
  return differences;
}

function collectDifferences(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
  keysBefore: readonly string[],
  differences: ScenarioDifference[],
): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodeUnits);
  for (const key of keys) {
    const path = [...keysBefore, key];
    const [valueA, valueB] = [a[key], b[key]];
    if (isSection(valueA) && isSection(valueB)) {
      collectDifferences(valueA, valueB, path, differences);
    } else if (!sameJson(valueA, valueB)) {
      differences.push({ path: path.join("."), a: valueA, b: valueB });
    }
  }
}

/** A plain object of fields (a scenario section), as opposed to an array or a single value. */
function isSection(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether two JSON values are equal; an object's key order does not count, a type does. */
function sameJson(x: unknown, y: unknown): boolean {
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((item, k) => sameJson(item, y[k]));
  }
  if (isSection(x) && isSection(y)) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].every((key) => sameJson(x[key], y[key]));
  }
  return Object.is(x, y);
}

// Locale-free, so the order is the same in every browser and in the tests.
function byCodeUnits(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A field's value as the comparison prints it: JSON (strings quoted, so 8 and "8" read apart),
 * cut to `maxChars` with an ellipsis, or "(not set)".
 */
export function formatDraftValue(value: unknown, maxChars = 24): string {
  if (value === undefined) return NOT_SET;
  const json = JSON.stringify(value);
  return json.length <= maxChars ? json : `${json.slice(0, maxChars - 1)}…`;
}

/** One difference as a line reads it: `planner.maxGpuBudget 8 → 12`. */
export function formatDifference(difference: ScenarioDifference, maxChars = 24): string {
  const { path, a, b } = difference;
  return `${path} ${formatDraftValue(a, maxChars)} → ${formatDraftValue(b, maxChars)}`;
}

/** How many differences the comparison's line names before "and N more": more would not scan. */
export const MAX_DIFFERENCES_SHOWN = 5;

/**
 * The comparison's one line about the scenarios: "Same scenario as A", or "B differs from A in:"
 * and the first `maxShown` differences, then "and N more" (the rest are for a fuller list).
 */
export function differencesLine(
  differences: readonly ScenarioDifference[],
  maxShown = MAX_DIFFERENCES_SHOWN,
): string {
  if (differences.length === 0) return "Same scenario as A";
  const shown = differences
    .slice(0, maxShown)
    .map((d) => formatDifference(d))
    .join("; ");
  const more = differences.length - maxShown;
  return `B differs from A in: ${shown}${more > 0 ? `; and ${more} more` : ""}`;
}

/**
 * A few words for a run's row in the runs table: the first field it changed and its new value
 * ("planner.mode "improved""), with "+N" for the others; null when nothing differs.
 */
export function differencesHint(differences: readonly ScenarioDifference[]): string | null {
  if (differences.length === 0) return null;
  const [{ path, b }] = differences;
  const others = differences.length - 1;
  return `${path} ${formatDraftValue(b, 16)}${others > 0 ? ` +${others}` : ""}`;
}
