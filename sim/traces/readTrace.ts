/**
 * Streams a trace file from disk. Node only (it uses node:fs), so the traces index does not
 * re-export it: the browser would fail to bundle it. The workbench uses parseTraceText.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { InputError, NotFoundError, PlannerWorkbenchError } from "../../src/errors.ts";
import { traceFormatOfPath, type TraceFormat } from "./traceFormat.ts";
import { createTraceLineReader } from "./traceLineReader.ts";
import type { TraceRequest } from "./traceRequest.ts";

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
 * The requests of the trace at `path`, read line by line as they are consumed, so memory stays
 * flat however long the trace. Stopping early (break, limitDuration) closes the file. Errors,
 * a missing file or an unknown extension included, surface at the first read.
 */
export async function* readTrace(
  path: string,
  options: ReadTraceOptions = {},
): AsyncGenerator<TraceRequest> {
  const fileName = options.fileName ?? path;
  const readLine = createTraceLineReader(options.format ?? traceFormatOfPath(path), fileName);
  await checkIsFile(path, fileName);
  const input = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const request = readLine(line);
      if (request !== undefined) yield request;
    }
  } catch (error) {
    // Our own errors already name the line; a failure of the stream itself gets the file name.
    if (error instanceof PlannerWorkbenchError) throw error;
    throw new InputError(`${fileName}: reading the trace failed: ${(error as Error).message}`);
  } finally {
    lines.close();
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
