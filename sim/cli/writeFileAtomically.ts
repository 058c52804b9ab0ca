import { lstat, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError } from "../../src/errors.ts";

/**
 * Checks, before a run, that `path` can take a report: not empty, not one of the run's input
 * files, and, if something is there already, a regular file (never a folder, a link or a
 * device, which the rename that writes the report would replace).
 */
export async function checkReportPath(path: string, inputs: readonly string[]): Promise<void> {
  if (path.trim() === "") throw new InputError("--report needs a file name, got an empty one");
  if (inputs.some((input) => resolve(input) === resolve(path))) {
    throw new InputError(`${path}: is an input of this run; choose another report file`);
  }
  let kind: string | undefined;
  try {
    const stats = await lstat(path);
    if (!stats.isFile()) kind = stats.isDirectory() ? "a folder" : "not a regular file";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(`${path}: cannot use as the report file (${code})`);
    }
  }
  if (kind !== undefined) {
    throw new InputError(`${path}: is ${kind}; the report must go to a regular file`);
  }
}

/**
 * Writes `text` to `path` through a temporary file renamed into place, so a reader never sees a
 * half-written file and a failed write leaves nothing behind. Missing folders are created.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.partial-${process.pid}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, text, "utf8");
    await rename(temporary, path);
  } catch (error) {
    // The temporary file may not exist (or its folder may be a file): nothing to clean then.
    await rm(temporary, { force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${path}: cannot write the report (${code})`);
  }
}
