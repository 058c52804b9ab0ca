/**
 * The profile loaders' public API. Everything here is pure and runs in the browser;
 * `readProfileDir` reads from disk and is imported from "./readProfileDir.ts" by Node shells only.
 */

export type { DecodeProfile, EngineProfile, PrefillProfile } from "./engineProfile.ts";
export { parseNpy, type NpyArray } from "./npy.ts";
export { parseNpz } from "./npz.ts";
export { parseProfileArrays, type ProfileArray, type ProfileArrays } from "./profileArrays.ts";
export {
  DECODE_ARRAY_NAMES,
  parseDecodeProfile,
  parseDecodeProfileFile,
} from "./parseDecodeProfile.ts";
export {
  PREFILL_ARRAY_NAMES,
  parsePrefillProfile,
  parsePrefillProfileFile,
} from "./parsePrefillProfile.ts";
