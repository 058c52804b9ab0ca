/**
 * Loads a Dynamo profiler result directory from disk (Node only; the browser passes file bytes
 * to parsePrefillProfileFile / parseDecodeProfileFile instead). Dynamo's layout:
 *   <dir>/selected_prefill_interpolation/raw_data.npz
 *   <dir>/selected_decode_interpolation/raw_data.npz
 * Each raw_data.npz may be replaced by a raw_data.json (see profileJson.ts); the npz wins when
 * both exist, since it is the profiler's own output.
 */

import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

import { InputError, NotFoundError } from "../errors.ts";
import type { EngineProfile } from "./engineProfile.ts";
import { parseDecodeProfileFile } from "./parseDecodeProfile.ts";
import { parsePrefillProfileFile } from "./parsePrefillProfile.ts";

export const PREFILL_SUBDIR = "selected_prefill_interpolation";
export const DECODE_SUBDIR = "selected_decode_interpolation";
const DATA_FILES = ["raw_data.npz", "raw_data.json"] as const;

/** Reads and validates the prefill and decode profiles under `dir`; `source` is `dir`. */
export async function readProfileDir(dir: string): Promise<EngineProfile> {
  await requireDirectory(
    dir,
    `a Dynamo profile directory holding ${PREFILL_SUBDIR}/ and ${DECODE_SUBDIR}/`,
  );
  const prefill = await readDataFile(dir, PREFILL_SUBDIR, "prefill");
  const decode = await readDataFile(dir, DECODE_SUBDIR, "decode");
  return {
    source: dir,
    prefill: parsePrefillProfileFile(prefill.bytes, prefill.file),
    decode: parseDecodeProfileFile(decode.bytes, decode.file),
  };
}

/** The first of raw_data.npz / raw_data.json that exists in `<dir>/<subdir>`. */
async function readDataFile(dir: string, subdir: string, phase: string) {
  const folder = join(dir, subdir);
  const expected = `Dynamo's ${phase} interpolation data`;
  await requireDirectory(folder, `${expected} in ${DATA_FILES.join(" or ")}`);
  for (const name of DATA_FILES) {
    const file = join(folder, name);
    const bytes = await readIfPresent(file);
    if (bytes !== undefined) return { file, bytes };
  }
  throw new NotFoundError(
    `${folder}: neither ${DATA_FILES.join(" nor ")} found (expected ${expected})`,
  );
}

async function requireDirectory(path: string, expected: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    if (!isMissing(error)) throw unreadable(path, error);
    throw new NotFoundError(`${path}: directory not found (expected ${expected})`);
  }
  if (!isDirectory) throw new NotFoundError(`${path}: not a directory (expected ${expected})`);
}

/** The file's bytes, or undefined when there is no such file. */
async function readIfPresent(file: string): Promise<Uint8Array | undefined> {
  try {
    const buffer = await readFile(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw unreadable(file, error);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function unreadable(path: string, error: unknown): InputError {
  const code = (error as { code?: unknown } | null)?.code;
  return new InputError(
    `${path}: cannot be read (${typeof code === "string" ? code : String(error)})`,
  );
}
