import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usageError.ts";

/**
 * node:util's parseArgs in strict mode, its errors turned into usage errors (exit status 2)
 * that carry the command's usage text.
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}
