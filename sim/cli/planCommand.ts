import { UsageError } from "./usageError.ts";
export async function runPlanCommand(args: readonly string[]): Promise<number> {
  throw new UsageError(`plan: not yet (${args.join(" ")})`);
}
