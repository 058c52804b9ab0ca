import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usageError.ts";

/**
 * node:util's parseArgs in strict mode, its errors turned into one-line usage errors (exit
 * status 2) that point at the command's help.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: T,
  command: string,
) {
  try {
    const joined = withNegativeValuesJoined(args, options);
    return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node explains at length how to pass a positional that starts with "-"; the first
    // sentence says what is wrong.
    const message = (error as Error).message
      .split("\n")[0]
      .split(". To specify")[0]
      .replace(/\s+/g, " ")
      .trim();
    throw new UsageError(message, command);
  }
}

/** A number with a leading minus, as a user types a (wrong) value: "-5", "-0.5", "-1e3". */
const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity$)/;

/**
 * parseArgs takes "--interval -5" for two options and answers "ambiguous". A value option
 * followed by a negative number is joined into "--interval=-5", so that the command's own
 * check of the value names what it expected and what it got.
 */
function withNegativeValuesJoined(
  args: readonly string[],
  options: NonNullable<ParseArgsConfig["options"]>,
): string[] {
  const joined: string[] = [];
  for (let k = 0; k < args.length; k += 1) {
    const arg = args[k];
    if (arg === "--") return [...joined, ...args.slice(k)];
    const next = args[k + 1];
    if (next !== undefined && NEGATIVE_NUMBER.test(next) && takesValue(arg, options)) {
      joined.push(`${arg}=${next}`);
      k += 1;
    } else joined.push(arg);
  }
  return joined;
}

function takesValue(arg: string, options: NonNullable<ParseArgsConfig["options"]>): boolean {
  if (arg.startsWith("--") && !arg.includes("=")) return options[arg.slice(2)]?.type === "string";
  if (/^-[^-]$/.test(arg)) {
    return Object.values(options).some((o) => o.short === arg[1] && o.type === "string");
  }
  return false;
}
