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
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
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
