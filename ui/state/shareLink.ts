/**
 * A scenario in a link: the JSON deflated and written in URL-safe base64 after `#scenario=`, so
 * a link carries every setting and opens the same scenario elsewhere. Uploaded trace and profile
 * files stay on the machine that has them; the link names them.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import type { ScenarioDraft } from "./scenarioDraft.ts";

const KEY = "scenario=";

/** The URL hash (with its #) that carries `draft`. */
export function hashOfScenario(draft: ScenarioDraft): string {
  const packed = deflateSync(strToU8(JSON.stringify(draft)), { level: 9 });
  let binary = "";
  for (const byte of packed) binary += String.fromCharCode(byte);
  const base64 = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `#${KEY}${base64}`;
}

/**
 * The scenario a URL hash carries: null when the hash carries none; an Error naming what is
 * wrong when it is damaged (cut short, or not a scenario).
 */
export function scenarioOfHash(hash: string): ScenarioDraft | null | Error {
  const text = hash.replace(/^#/, "");
  if (!text.startsWith(KEY)) return null;
  const base64 = text.slice(KEY.length).replace(/-/g, "+").replace(/_/g, "/");
  try {
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(strFromU8(inflateSync(bytes)));
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return new Error("the link's scenario is not a JSON object");
    }
    return value as ScenarioDraft;
  } catch (error) {
    return new Error(
      `the link's scenario cannot be read (cut short?): ${(error as Error).message}`,
    );
  }
}
