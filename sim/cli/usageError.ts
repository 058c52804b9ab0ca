import { PlannerWorkbenchError } from "../../src/errors.ts";

/**
 * Wrong words on the command line: exit status 2, one line naming the mistake and where the
 * usage is (`slaplan sim --help`), never the whole usage text.
 */
export class UsageError extends PlannerWorkbenchError {
  constructor(message: string, command?: string) {
    const help =
      command === undefined ? "" : ` (see 'slaplan ${command}${command ? " " : ""}--help')`;
    super("BAD_INPUT", `${message}${help}`);
  }
}
