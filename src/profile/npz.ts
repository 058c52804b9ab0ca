/**
 * Reads NumPy's .npz archives: a zip holding one `<name>.npy` per array, stored (np.savez) or
 * deflated (np.savez_compressed). Pure, so it runs in the browser too.
 */

import { unzipSync } from "fflate";

import { InputError } from "../errors.ts";
import { parseNpy, type NpyArray } from "./npy.ts";

/**
 * Parses the arrays of a .npz, keyed by name without `.npy`. With `arrayNames`, only those
 * entries are inflated and parsed, so an extra array of an unsupported dtype does no harm;
 * a requested name the archive lacks is simply absent from the result.
 */
export function parseNpz(
  bytes: Uint8Array,
  file: string,
  arrayNames?: readonly string[],
): Map<string, NpyArray> {
  const wanted = arrayNames === undefined ? undefined : new Set(arrayNames);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        const name = arrayName(entry.name);
        return name !== undefined && (wanted === undefined || wanted.has(name));
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      `${file}: not a readable .npz archive (expected a zip of .npy files; ${reason})`,
    );
  }

  const arrays = new Map<string, NpyArray>();
  for (const [entryName, entryBytes] of Object.entries(entries)) {
    const name = arrayName(entryName) as string;
    arrays.set(name, parseNpy(entryBytes, `${file}: array "${name}"`));
  }
  return arrays;
}

/** NumPy names each entry `<array>.npy`; any other entry is not an array and is skipped. */
function arrayName(entryName: string): string | undefined {
  return entryName.endsWith(".npy") ? entryName.slice(0, -".npy".length) : undefined;
}
