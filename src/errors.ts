/**
 * The error classes every boundary of the product raises (profile, trace, scenario, planner
 * configuration, Prometheus answer). Each carries a `code`; the command line maps codes to exit
 * statuses and the workbench to messages. Messages say where, what was expected and what was
 * found, e.g. `traces/x.jsonl line 42: output_length must be a whole number ≥ 0, got "-3"`.
 */

export type ErrorCode = "BAD_INPUT" | "BAD_CONFIG" | "NOT_FOUND" | "UNAVAILABLE";

/** Base class: an error whose message is meant for the user, never a stack trace. */
export class PlannerWorkbenchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }

  /** The same error with `context` put in front ("loading scenario x: reading profile y: ..."). */
  withContext(context: string): PlannerWorkbenchError {
    const wrapped = new (this.constructor as new (m: string) => PlannerWorkbenchError)(
      `${context}: ${this.message}`,
    );
    return wrapped;
  }
}

/** A file or record that does not have the form it must have. */
export class InputError extends PlannerWorkbenchError {
  constructor(message: string) {
    super("BAD_INPUT", message);
  }
}

/** A configuration value out of its allowed range, or an unknown field. */
export class ConfigError extends PlannerWorkbenchError {
  constructor(message: string) {
    super("BAD_CONFIG", message);
  }
}

/** A named file, scenario or resource that does not exist. */
export class NotFoundError extends PlannerWorkbenchError {
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}

/** A service that did not answer (Prometheus, the Kubernetes API). */
export class UnavailableError extends PlannerWorkbenchError {
  constructor(message: string) {
    super("UNAVAILABLE", message);
  }
}

/** Renders a value for an error message: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/**
 * The reason JSON.parse gave, on one line (V8 quotes the offending input, line breaks included,
 * and an error message must stay one line). Given the text it parsed, "at position 27" becomes
 * "at line 3 column 12", which an editor can go to.
 */
export function jsonSyntaxReason(error: unknown, text?: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  if (text === undefined) return message.trim();
  if (text.trim() === "") return "the file is empty";
  const at = /at position (\d+)/.exec(message);
  if (at !== null) return message.replace(at[0], `at ${lineAndColumn(text, Number(at[1]))}`).trim();
  // "Unexpected end of JSON input" names no position: the fault is where the text stops.
  if (/end of JSON input/.test(message)) {
    return `${message.trim()} at ${lineAndColumn(text.trimEnd(), text.trimEnd().length)}`;
  }
  return message.trim();
}

/** "line 3 column 12" of the character at `position` in `text` (both counted from 1). */
function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `line ${line} column ${column}`;
}
