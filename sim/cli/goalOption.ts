import { decimalNumber } from "./numberOptions.ts";
import { DEFAULT_ATTAINMENT_GOAL } from "../capacity/staticSizing.ts";
import { UsageError } from "./usageError.ts";

/** `--goal G`: the SLA attainment to reach, a share in (0, 1]; the default when absent. */
export function parseGoal(text: string | undefined, command: string): number {
  if (text === undefined) return DEFAULT_ATTAINMENT_GOAL;
  const goal = decimalNumber(text);
  if (text.trim() === "" || !(goal > 0 && goal <= 1)) {
    throw new UsageError(`--goal must be a share above 0 and at most 1, got "${text}"`, command);
  }
  return goal;
}
