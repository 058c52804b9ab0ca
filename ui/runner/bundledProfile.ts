import decodeJson from "../../profiles/h200-llama3.1-8b-fp8/selected_decode_interpolation/raw_data.json?raw";
import prefillJson from "../../profiles/h200-llama3.1-8b-fp8/selected_prefill_interpolation/raw_data.json?raw";
import { parseDecodeProfileFile, parsePrefillProfileFile } from "../../src/profile/index.ts";
import type { EngineProfile } from "../../src/profile/index.ts";

/** The bundled H200 Llama-3.1-8B-FP8 profile, parsed by the same loaders the CLI uses. */
export function bundledProfile(): EngineProfile {
  const encoder = new TextEncoder();
  const dir = "profiles/h200-llama3.1-8b-fp8";
  return {
    source: dir,
    prefill: parsePrefillProfileFile(
      encoder.encode(prefillJson),
      `${dir}/selected_prefill_interpolation/raw_data.json`,
    ),
    decode: parseDecodeProfileFile(
      encoder.encode(decodeJson),
      `${dir}/selected_decode_interpolation/raw_data.json`,
    ),
  };
}
