/**
 * Files a person gives the workbench, checked when given so a bad one is refused at its field
 * with the reader's own message (file, line, what was expected), not at the end of a run.
 */
import { parseTraceText, traceFormatOfPath } from "../../sim/traces/index.ts";
import { parseDecodeProfileFile, parsePrefillProfileFile } from "../../src/profile/index.ts";
import type { GivenFile } from "../runner/protocol.ts";

/** Lines of an uploaded trace read at once to check it; the rest are read by the run. */
const LINES_CHECKED = 1000;

/** A trace file's bytes, once its name gives a format and its first lines read as that format. */
export async function readTraceFile(file: File): Promise<GivenFile | Error> {
  try {
    const text = await file.text();
    const format = traceFormatOfPath(file.name);
    const head = text
      .split("\n", LINES_CHECKED + 1)
      .slice(0, LINES_CHECKED)
      .join("\n");
    let count = 0;
    for (const _request of parseTraceText(head, format, file.name)) count += 1;
    if (count === 0)
      return new Error(`${file.name}: no requests found (expected a trace with at least one row)`);
    return { name: file.name, bytes: new TextEncoder().encode(text) };
  } catch (error) {
    return shortened(error as Error);
  }
}

/** Messages quote what they found; a bad file's "line" can be megabytes long. */
const MESSAGE_LIMIT = 400;

function shortened(error: Error): Error {
  const { message } = error;
  if (message.length <= MESSAGE_LIMIT) return error;
  return new Error(
    `${message.slice(0, MESSAGE_LIMIT)}… (${message.length.toLocaleString("en-US")} characters)`,
  );
}

const PREFILL = /(^|\/)selected_prefill_interpolation\/raw_data\.(npz|json)$/;
const DECODE = /(^|\/)selected_decode_interpolation\/raw_data\.(npz|json)$/;

/**
 * The prefill and decode interpolation data of a Dynamo profiler result folder (or of the two
 * files chosen one by one: the first whose name holds "prefill" and the first holding "decode"),
 * parsed once to check them. The npz wins over a json beside it, as on the command line.
 */
export async function readProfileFiles(
  files: readonly File[],
): Promise<{ prefill: GivenFile; decode: GivenFile } | Error> {
  const pathOf = (f: File) => f.webkitRelativePath || f.name;
  const pick = (pattern: RegExp, word: string) => {
    const inFolder = files.filter((f) => pattern.test(pathOf(f)));
    const loose = files.filter(
      (f) => f.name.toLowerCase().includes(word) && /\.(npz|json)$/.test(f.name),
    );
    const found = [...inFolder, ...loose];
    return found.find((f) => f.name.endsWith(".npz")) ?? found[0];
  };
  const prefill = pick(PREFILL, "prefill");
  const decode = pick(DECODE, "decode");
  if (prefill === undefined || decode === undefined) {
    const missing = [
      prefill === undefined ? "prefill" : null,
      decode === undefined ? "decode" : null,
    ]
      .filter(Boolean)
      .join(" and ");
    return new Error(
      `no ${missing} data among the ${files.length} file(s) given ` +
        `(expected selected_prefill_interpolation/raw_data.npz ` +
        "and selected_decode_interpolation/raw_data.npz, or .json)",
    );
  }
  try {
    const given = async (f: File): Promise<GivenFile> => ({
      name: pathOf(f),
      bytes: new Uint8Array(await f.arrayBuffer()),
    });
    const result = { prefill: await given(prefill), decode: await given(decode) };
    parsePrefillProfileFile(result.prefill.bytes, result.prefill.name);
    parseDecodeProfileFile(result.decode.bytes, result.decode.name);
    return result;
  } catch (error) {
    return shortened(error as Error);
  }
}
