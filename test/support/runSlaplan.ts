// Runs the `slaplan` command line in a child process from the repository root, as a user would.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root, where the bundled scenarios and profiles are found. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What a finished `slaplan` process left: its exit status and everything it printed. */
export interface SlaplanRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node sim/cli/slaplan.mjs ...args` with the repository root as working directory,
 * writing `input` to its standard input when given.
 */
export function runSlaplan(args: readonly string[], input?: string): Promise<SlaplanRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["sim/cli/slaplan.mjs", ...args], {
      cwd: REPO_ROOT,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (input !== undefined) child.stdin?.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
