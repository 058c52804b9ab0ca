/**
 * Streams a trace file from disk. Node only (it uses node:fs), so the traces index does not
 * re-export it: the browser would fail to bundle it. The workbench uses parseTraceText.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError, NotFoundError, PlannerWorkbenchError } from "../../src/errors.ts";
import { LineSplitter } from "./textLines.ts";
import { traceFormatOfPath, type TraceFormat } from "./traceFormat.ts";
import { createTraceLineReader } from "./traceLineReader.ts";
import type { TraceRequest } from "./traceRequest.ts";
import { chunkedRequests, type ChunkedRequests } from "./traceTransform.ts";

/** How to read a trace file. */
export interface ReadTraceOptions {
  /**
   * The file's format; by default implied by its name: .jsonl is Mooncake, and .csv is Azure
   * or BurstGPT, whichever its header names the columns of.
   */
  readonly format?: TraceFormat;
  /** How errors name the file; by default the path as given. */
  readonly fileName?: string;
}

/**
 * The requests of the trace at `path`, read as they are consumed, so memory stays flat however
 * long the trace; each chunk of the file read gives an array of requests (see ChunkedRequests).
 * Stopping early (break, limitDuration) closes the file. Errors, a missing file or an unknown
 * extension included, surface at the first read.
 */
export function readTrace(path: string, options: ReadTraceOptions = {}): ChunkedRequests {
  return chunkedRequests(() => readTraceChunks(path, options));
}

async function* readTraceChunks(
  path: string,
  options: ReadTraceOptions,
): AsyncGenerator<readonly TraceRequest[]> {
  const fileName = options.fileName ?? path;
  const readLine = createTraceLineReader(options.format ?? traceFormatOfPath(path), fileName);
  await checkIsFile(path, fileName);
  const input = createReadStream(path, { encoding: "utf8" });
  const lines = new LineSplitter();
  try {
    for await (const text of input) {
      const requests: TraceRequest[] = [];
      for (const line of lines.push(text as string)) {
        const request = readLine(line);
        if (request !== undefined) requests.push(request);
      }
      if (requests.length > 0) yield requests;
    }
    const last = lines.end();
    const request = last === undefined ? undefined : readLine(last);
    if (request !== undefined) yield [request];
  } catch (error) {
    // Our own errors already name the line; a failure of the stream itself gets the file name.
    if (error instanceof PlannerWorkbenchError) throw error;
    throw new InputError(`${fileName}: reading the trace failed: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
}

// Checked before streaming so that a wrong path gives our error, not a raw ENOENT from a stream.
async function checkIsFile(path: string, fileName: string): Promise<void> {
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new NotFoundError(`${fileName}: no such trace file`);
    throw new InputError(`${fileName}: trace file cannot be read (${error.code ?? error.message})`);
  });
  if (!found.isFile()) {
    throw new InputError(`${fileName}: trace must be a file, got a directory or device`);
  }
}
