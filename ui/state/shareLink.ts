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
 * The scenario a URL hash carries: null when the hash carries none; an Error when it is damaged,
 * whose message is the reason in our own words ("it is not valid base64; the link may be cut
 * short"), ready for `unreadableLinkNotice`. The browser's and the decompressor's own error texts
 * name their internals ("Failed to execute 'atob' on 'Window'"), so each step is checked or
 * caught on its own and explained here instead; only JSON's reason, which names a position in
 * the scenario, is kept.
 */
export function scenarioOfHash(hash: string): ScenarioDraft | null | Error {
  const text = hash.replace(/^#/, "");
  if (!text.startsWith(KEY)) return null;
  const base64 = text.slice(KEY.length).replace(/-/g, "+").replace(/_/g, "/");
  if (base64 === "") return new Error("it is empty; the link may be cut short");
  // Base64 never leaves a single character over a group of four.
  if (!/^[A-Za-z0-9+/]*$/.test(base64) || base64.length % 4 === 1) {
    return new Error("it is not valid base64; the link may be cut short");
  }
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  let json: string;
  try {
    json = strFromU8(inflateSync(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return new Error("it is not a compressed scenario; the link may be cut short");
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return new Error(`it is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new Error("it is not a JSON object, as a scenario file is");
  }
  return value as ScenarioDraft;
}

/**
 * The page's one-sentence notice for a link whose scenario `problem` kept from opening. The
 * reason goes in brackets with any full stop of its own dropped, so the sentence never ends ".."
 */
export function unreadableLinkNotice(problem: Error): string {
  const reason = problem.message.trim().replace(/[.\s]+$/, "");
  const why = reason === "" ? "" : ` (${reason})`;
  return `This link's scenario could not be read${why}. Showing the default scenario instead.`;
}
