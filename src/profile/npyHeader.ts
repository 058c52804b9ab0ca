/**
 * The header of a NumPy .npy array: a Python dict literal such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (17,), }`. NumPy reads it with a restricted
 * `literal_eval`; this reads the same small subset of Python (strings, integers, booleans, None,
 * tuples, lists, dicts) and nothing more, so a header can never run code.
 */

import { InputError, describeValue } from "../errors.ts";

/** The three fields every .npy header carries. */
export interface NpyHeader {
  /** The dtype in NumPy's array-protocol form, e.g. `<f8`; structured dtypes arrive as a list. */
  readonly descr: PythonValue;
  /** True when the data is laid out column-major. */
  readonly fortranOrder: boolean;
  /** Extent of each dimension; empty for a 0-d (scalar) array. */
  readonly shape: readonly number[];
}

/** A value of the Python literal subset; tuples and lists both become arrays. */
export type PythonValue =
  | string
  | number
  | boolean
  | null
  | readonly PythonValue[]
  | { readonly [key: string]: PythonValue };

/** Reads a .npy header text; `where` names the array for error messages. */
export function parseNpyHeader(text: string, where: string): NpyHeader {
  const dict = parsePythonLiteral(text, where);
  if (dict === null || typeof dict !== "object" || Array.isArray(dict)) {
    throw new InputError(`${where}: header must be a dict, found ${describeValue(text.trim())}`);
  }
  const fields = dict as { readonly [key: string]: PythonValue };
  for (const key of ["descr", "fortran_order", "shape"]) {
    if (!(key in fields)) {
      throw new InputError(
        `${where}: header has no '${key}' (found ${describeValue(text.trim())})`,
      );
    }
  }
  return {
    descr: fields.descr,
    fortranOrder: requireBoolean(fields.fortran_order, where),
    shape: requireShape(fields.shape, where),
  };
}

function requireBoolean(value: PythonValue, where: string): boolean {
  if (typeof value === "boolean") return value;
  throw new InputError(
    `${where}: header 'fortran_order' must be True or False, got ${describeValue(value)}`,
  );
}

function requireShape(value: PythonValue, where: string): number[] {
  const isShape =
    Array.isArray(value) &&
    value.every((n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0);
  if (isShape) return value as number[];
  throw new InputError(
    `${where}: header 'shape' must be a tuple of whole numbers ≥ 0, got ${describeValue(value)}`,
  );
}

/** Parses one Python literal that spans the whole text (surrounding whitespace allowed). */
export function parsePythonLiteral(text: string, where: string): PythonValue {
  const reader = new LiteralReader(text, where);
  const value = reader.value();
  reader.skipSpace();
  if (!reader.atEnd()) reader.fail("end of header");
  return value;
}

const CLOSING: Readonly<Record<string, string>> = { "(": ")", "[": "]" };

/** A cursor over the header text; each method consumes one construct. */
class LiteralReader {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly where: string,
  ) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.position])) this.position += 1;
  }

  fail(expected: string): never {
    const found = this.atEnd()
      ? "end of header"
      : describeValue(this.text.slice(this.position, this.position + 12));
    throw new InputError(
      `${this.where}: header is not a valid literal (expected ${expected} at character ${this.position}, found ${found})`,
    );
  }

  value(): PythonValue {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "{") return this.dict();
    if (char === "(" || char === "[") return this.sequence(CLOSING[char]);
    if (char === "'" || char === '"') return this.string();
    return this.word();
  }

  private dict(): { [key: string]: PythonValue } {
    const entries: { [key: string]: PythonValue } = {};
    this.position += 1;
    while (!this.consume("}")) {
      this.skipSpace();
      const key = this.value();
      if (typeof key !== "string") this.fail("a string key");
      if (!this.consume(":")) this.fail("':'");
      entries[key] = this.value();
      if (!this.consume(",") && !this.peek("}")) this.fail("',' or '}'");
    }
    return entries;
  }

  private sequence(closing: string): PythonValue[] {
    const items: PythonValue[] = [];
    this.position += 1;
    while (!this.consume(closing)) {
      items.push(this.value());
      if (!this.consume(",") && !this.peek(closing)) this.fail(`',' or '${closing}'`);
    }
    return items;
  }

  private string(): string {
    const quote = this.text[this.position];
    let result = "";
    this.position += 1;
    while (!this.atEnd() && this.text[this.position] !== quote) {
      // A backslash keeps the next character literally; dtype names never need more escapes.
      if (this.text[this.position] === "\\") this.position += 1;
      result += this.text[this.position] ?? "";
      this.position += 1;
    }
    if (this.atEnd()) this.fail(`a closing ${quote}`);
    this.position += 1;
    return result;
  }

  private word(): PythonValue {
    // Python 2 wrote long integers with an L suffix, e.g. shape (17L,).
    const match = /^(-?\d+)L?|^(True|False|None)\b/.exec(this.text.slice(this.position));
    if (match === null) this.fail("a string, number, True, False, None, tuple, list or dict");
    this.position += match[0].length;
    if (match[1] !== undefined) return Number(match[1]);
    return match[2] === "None" ? null : match[2] === "True";
  }

  private consume(char: string): boolean {
    if (!this.peek(char)) return false;
    this.skipSpace();
    this.position += 1;
    return true;
  }

  private peek(char: string): boolean {
    this.skipSpace();
    return this.text[this.position] === char;
  }
}
