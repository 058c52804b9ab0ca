import { PlannerWorkbenchError } from "../../src/errors.ts";

/** Wrong words on the command line: exit status 2 and the command's usage. */
export class UsageError extends PlannerWorkbenchError {
  constructor(message: string) {
    super("BAD_INPUT", message);
  }
}
