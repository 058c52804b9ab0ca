import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { InputError } from "../../src/errors.ts";

/**
 * Writes `text` to `path` through a temporary file renamed into place, so a reader never sees a
 * half-written file and a failed write leaves nothing behind.
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
