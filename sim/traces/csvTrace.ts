/**
 * CSV traces whose format the file name cannot tell: Azure and BurstGPT files both end in
 * .csv, so the header decides which reader takes the file.
 */
import { AZURE_LAYOUT, createAzureLineReader } from "./azureTrace.ts";
import { BURSTGPT_LAYOUT, createBurstGptLineReader } from "./burstGptTrace.ts";
import { traceFieldError, traceLineLocation } from "./traceFieldError.ts";
import type { TraceLineReader } from "./traceLineReader.ts";
import { withoutByteOrderMark } from "./textLines.ts";

/**
 * The format whose columns the header line `line` names, all of them: Azure's `TIMESTAMP`,
 * `ContextTokens`, `GeneratedTokens` or BurstGPT's `Timestamp`, `Request tokens`,
 * `Response tokens`. Undefined when it names neither set in full.
 */
export function csvTraceFormatOfHeader(line: string): "azure" | "burstgpt" | undefined {
  const names = new Set(
    withoutByteOrderMark(line)
      .split(",")
      .map((name) => name.trim()),
  );
  if (AZURE_LAYOUT.columnNames.every((name) => names.has(name))) return "azure";
  if (BURSTGPT_LAYOUT.columnNames.every((name) => names.has(name))) return "burstgpt";
  return undefined;
}

/**
 * A line reader for a CSV trace of either format. Lines up to the header are held back, then
 * replayed into the chosen format's reader, so that it numbers lines as if it had read the
 * file from the start.
 */
export function createCsvLineReader(fileName: string): TraceLineReader {
  const heldLines: string[] = [];
  let readLine: TraceLineReader | undefined;
  return (line) => {
    if (readLine !== undefined) return readLine(line);
    heldLines.push(line);
    if (line.trim() === "") return undefined;
    readLine = chooseReader(line, fileName, heldLines.length);
    // The held lines are blank, then the header: none gives a request.
    for (const held of heldLines) readLine(held);
    return undefined;
  };
}

function chooseReader(header: string, fileName: string, lineNumber: number): TraceLineReader {
  switch (csvTraceFormatOfHeader(header)) {
    case "azure":
      return createAzureLineReader(fileName);
    case "burstgpt":
      return createBurstGptLineReader(fileName);
    case undefined: {
      const expected =
        "a list naming TIMESTAMP, ContextTokens and GeneratedTokens (Azure) or " +
        "Timestamp, Request tokens and Response tokens (BurstGPT)";
      const where = traceLineLocation(fileName, lineNumber);
      throw traceFieldError(where, "the header", expected, withoutByteOrderMark(header).trim());
    }
  }
}
