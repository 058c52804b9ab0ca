import { lstat, mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { InputError } from "../../src/errors.ts";

/**
 * Checks, before a run, that `path` can take a report: not empty, not one of the run's input
 * files, if something is there already a regular file (never a folder, a link or a device,
 * which the rename that writes the report would replace), and in a place where a file can be
 * made (a probe file is created and removed in the nearest folder that exists; no folder is
 * made yet).
 */
export async function checkReportPath(
  path: string,
  inputs: readonly string[],
  inputFolders: readonly string[] = [],
  what = "report",
): Promise<void> {
  if (path.trim() === "") {
    const flag = what === "report" ? "--report " : "";
    throw new InputError(`${flag}needs a file name, got an empty one`);
  }
  // Links are followed, so that a report cannot reach an input through another name.
  const real = await realPathOf(path);
  const realInputs = await Promise.all(inputs.map(realPathOf));
  if (realInputs.includes(real)) {
    throw new InputError(`${path}: is an input of this run; choose another ${what} file`);
  }
  for (const folder of await Promise.all(inputFolders.map(realPathOf))) {
    if (real.startsWith(folder + sep)) {
      throw new InputError(
        `${path}: is inside ${folder}, an input of this run; choose another ${what} file`,
      );
    }
  }
  let kind: string | undefined;
  try {
    const stats = await lstat(path);
    if (!stats.isFile()) kind = stats.isDirectory() ? "a folder" : "not a regular file";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(`${path}: cannot use as the ${what} file (${code})`);
    }
  }
  if (kind !== undefined) {
    throw new InputError(`${path}: is ${kind}; the ${what} must go to a regular file`);
  }
  await probeWritable(path, what);
}

/**
 * Makes and removes an empty file in the nearest existing folder on the way to `path`, so that
 * a place no file can be written (under /proc, a read-only mount, a file where a folder should
 * be) is refused before a run rather than after it.
 */
async function probeWritable(path: string, what: string): Promise<void> {
  try {
    const { existing } = await nearestFolder(dirname(path));
    const probe = join(existing, `.slaplan-probe-${process.pid}`);
    await writeFile(probe, "", { flag: "wx" });
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${path}: cannot write the ${what} (${code})`);
  }
}

/**
 * Writes `text` to `path` through a temporary file renamed into place, so a reader never sees a
 * half-written file and a failed write leaves nothing behind. Missing folders are created.
 */
export async function writeFileAtomically(
  path: string,
  text: string,
  what = "report",
): Promise<void> {
  const temporary = `${path}.partial-${process.pid}`;
  try {
    await makeFolders(dirname(path));
    await writeFile(temporary, text, "utf8");
    await rename(temporary, path);
  } catch (error) {
    // The temporary file may not exist (or its folder may be a file): nothing to clean then.
    await rm(temporary, { force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${path}: cannot write the ${what} (${code})`);
  }
}

/**
 * Creates `folder` and any missing folders above it, one level at a time. (Node's recursive
 * mkdir never returns for a path under /proc whose parent cannot be created: it retries the
 * parent forever.) Throws the first error, as mkdir gives it.
 */
async function makeFolders(folder: string): Promise<void> {
  const { missing } = await nearestFolder(folder);
  for (const level of missing) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
}

/**
 * The nearest folder that exists at or above `folder`, and the missing levels below it, top
 * first. Throws ENOTDIR when something other than a folder is in the way.
 */
async function nearestFolder(folder: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  for (let current = resolve(folder); ; current = dirname(current)) {
    try {
      if ((await lstat(current)).isDirectory()) return { existing: current, missing };
      const error = new Error(`${current} is not a folder`) as NodeJS.ErrnoException;
      error.code = "ENOTDIR";
      throw error;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" || dirname(current) === current) throw error;
      missing.unshift(current);
    }
  }
}

/** `path` with every link in its existing part resolved (the rest, not created yet, appended). */
async function realPathOf(path: string): Promise<string> {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(current) === current) {
        return resolve(path);
      }
      missing.push(basename(current));
    }
  }
}
