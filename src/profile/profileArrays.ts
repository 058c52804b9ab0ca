/**
 * The named numeric arrays of one Dynamo profile file, whichever form the file takes: NumPy's
 * .npz as Dynamo's profiler writes it, or JSON (see profileJson.ts). Values stay in the file's
 * own units here, with the unit each time array is in; the prefill and decode parsers validate
 * them and convert.
 */

import { InputError } from "../errors.ts";
import { hexBytes } from "./npy.ts";
import { parseNpz } from "./npz.ts";
import { parseProfileJson } from "./profileJson.ts";

/** One array of a profile file, flattened in row-major order. */
export interface ProfileArray {
  /** Extent of each dimension; empty for a single number. */
  readonly shape: readonly number[];
  readonly values: readonly number[];
  /** The unit the file declares for the values ("ms" or "s" for times), if it declares one. */
  readonly unit?: string;
}

/** Arrays holding times, whose unit a file must make known. */
export const TIME_ARRAY_NAMES: readonly string[] = ["prefill_ttft", "z_itl"];

/** A profile file's arrays by key, e.g. `prefill_ttft`. */
export type ProfileArrays = ReadonlyMap<string, ProfileArray>;

/**
 * Reads a profile file's arrays: a zip (starting "PK") is read as .npz, anything else as JSON.
 * With `arrayNames` only those keys are read; missing keys are left for the caller to report.
 */
export function parseProfileArrays(
  bytes: Uint8Array,
  file: string,
  arrayNames?: readonly string[],
): ProfileArrays {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b)
    return withDynamoTimeUnits(parseNpz(bytes, file, arrayNames));
  return parseProfileJson(readJsonText(bytes, file), file, arrayNames);
}

/**
 * Dynamo's profiler writes times in milliseconds into .npz files that carry no unit; its
 * convention is the only reading of such a file.
 */
function withDynamoTimeUnits(arrays: Map<string, ProfileArray>): ProfileArrays {
  for (const key of TIME_ARRAY_NAMES) {
    const array = arrays.get(key);
    if (array !== undefined) arrays.set(key, { ...array, unit: "ms" });
  }
  return arrays;
}

function readJsonText(bytes: Uint8Array, file: string): string {
  let text: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  if (text === undefined || !text.trimStart().startsWith("{")) {
    throw new InputError(
      `${file}: expected a .npz archive (a zip, starting with "PK") or a JSON object, found ${hexBytes(bytes, 8)}`,
    );
  }
  return text;
}
