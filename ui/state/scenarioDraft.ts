/**
 * The scenario being edited in the workbench, kept as the very JSON object a scenario file holds
 * (so it downloads, uploads and shares as the file `slaplan sim` runs), and checked by the
 * simulator's own parser. An error names a field path ("planner.maxGpuBudget"), which the form
 * shows at that field.
 */
import { parseScenario, type Scenario } from "../../sim/scenario/scenario.ts";
import { scenarioRequests } from "../../sim/scenario/scenarioRequests.ts";

/** A scenario file's JSON object, as edited. */
export type ScenarioDraft = Readonly<Record<string, unknown>>;

/** A field's path in the draft: dot-separated keys ("trace.replicate"). */
export type FieldPath = string;

/** The draft parsed, or the first problem the parser found and the field it is about. */
export type DraftCheck =
  | { readonly ok: true; readonly scenario: Scenario }
  | {
      readonly ok: false;
      /** The field the message is about ("" when it is about the whole scenario). */
      readonly path: FieldPath;
      /** The reason, without the file name: "must be a whole number ≥ 1, got -1". */
      readonly reason: string;
      /** The parser's whole message. */
      readonly message: string;
    };

/** The value at `path`, or undefined where any key on the way is missing. */
export function fieldValue(draft: ScenarioDraft, path: FieldPath): unknown {
  let value: unknown = draft;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A copy of `draft` with `path` set to `value` (objects on the way created as needed);
 * `undefined` removes the field, so the scenario's default applies again.
 */
export function withField(draft: ScenarioDraft, path: FieldPath, value: unknown): ScenarioDraft {
  const [key, ...rest] = path.split(".");
  const copy: Record<string, unknown> = { ...draft };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  }
  const inner = copy[key];
  const child =
    typeof inner === "object" && inner !== null && !Array.isArray(inner)
      ? (inner as ScenarioDraft)
      : {};
  copy[key] = withField(child, rest.join("."), value);
  return copy;
}

/** Checks the draft with the simulator's parser; `fileName` is how messages name the file. */
export function checkDraft(draft: ScenarioDraft, fileName: string): DraftCheck {
  let scenario: Scenario;
  try {
    scenario = parseScenario(draft, fileName);
  } catch (error) {
    const message = (error as Error).message;
    const { path, reason } = splitMessage(message, fileName);
    return { ok: false, path, reason, message };
  }
  // A synthetic load checks some of its options only when it starts: start it here, so that a
  // bad one is refused at its field rather than when the run begins.
  const { trace } = scenario;
  if (trace.kind !== "file") {
    try {
      const requests = scenarioRequests(scenario, () => []) as Iterable<unknown>;
      requests[Symbol.iterator]().next();
    } catch (error) {
      const source = trace.kind === "sinusoidal" ? "sinusoidal" : trace.generator;
      const message = `${fileName}: trace.${source}: ${(error as Error).message}`;
      const { path, reason } = splitMessage(message, fileName);
      return { ok: false, path, reason, message };
    }
  }
  return { ok: true, scenario };
}

/**
 * The field path and reason of a parser message `<file>: <path> must …` or
 * `<file>: <path>: unknown field "x" …`; messages about no one field get the path "".
 */
export function splitMessage(message: string, fileName: string): { path: string; reason: string } {
  const rest = message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
  const match = /^([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)(?::\s+(.*)|\s+(must .*))$/s.exec(rest);
  if (match === null) return { path: "", reason: rest };
  const reason = match[2] ?? match[3];
  // A load generator names its option after its own name: "poisson load: ratePerS must …".
  const option = /^[a-z]+ load: (\w+) (must .*)$/s.exec(reason);
  if (option !== null) return { path: `${match[1]}.${option[1]}`, reason: option[2] };
  return { path: match[1], reason };
}

/** Whether an error at `errorPath` belongs to the field at `fieldPath` (or inside it). */
export function errorBelongsTo(errorPath: FieldPath, fieldPath: FieldPath): boolean {
  return errorPath === fieldPath || errorPath.startsWith(`${fieldPath}.`);
}

/**
 * What a number field's text means: empty is "not set" (the default applies), a number is that
 * number, and anything else is kept as text so the parser refuses it with its own words.
 */
export function numberFromInput(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}
