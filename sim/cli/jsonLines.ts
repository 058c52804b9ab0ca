import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { InputError, jsonSyntaxReason, NotFoundError } from "../../src/errors.ts";

/** One parsed JSON line and where it came from. */
export interface JsonLine {
  readonly value: Record<string, unknown>;
  /** "stdin line 3" or "intervals.jsonl line 3", for error messages. */
  readonly where: string;
}

/**
 * The JSON objects of a JSON-lines file, or of standard input when `path` is "-", one per
 * non-blank line, read as they are consumed.
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  const name = path === "-" ? "stdin" : path;
  if (path !== "-") await requireFile(path);
  const input = path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    const where = `${name} line ${lineNumber}`;
    let value: unknown;
    try {
      value = JSON.parse(lineNumber === 1 ? line.replace(/^\uFEFF/, "") : line);
    } catch (error) {
      throw new InputError(`${where}: not valid JSON (${jsonSyntaxReason(error)})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError(`${where}: expected a JSON object, got ${line.slice(0, 40)}`);
    }
    yield { value: value as Record<string, unknown>, where };
  }
}

async function requireFile(path: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) return;
  } catch {
    throw new NotFoundError(`${path}: no such file`);
  }
  throw new InputError(`${path}: not a file`);
}
