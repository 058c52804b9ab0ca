import { ConfigError, InputError, describeValue } from "../../src/errors.ts";

/** The trace formats the simulator reads: Mooncake JSONL and the Azure LLM inference CSV. */
export type TraceFormat = "mooncake" | "azure";

const FORMAT_OF_EXTENSION: Readonly<Record<string, TraceFormat>> = {
  ".jsonl": "mooncake",
  ".csv": "azure",
};

/** The format a trace file's name implies: `.jsonl` is Mooncake, `.csv` is Azure. */
export function traceFormatOfPath(path: string): TraceFormat {
  const extension = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase() ?? "";
  const format = FORMAT_OF_EXTENSION[extension];
  if (format !== undefined) return format;
  throw new InputError(
    `${path}: trace format must be given ("mooncake" or "azure") for a file whose name ` +
      `does not end in .jsonl or .csv, got extension ${describeValue(extension)}`,
  );
}

/** `text` as a trace format, for values that come from a command line or a scenario file. */
export function parseTraceFormat(text: string): TraceFormat {
  if (text === "mooncake" || text === "azure") return text;
  throw new ConfigError(`trace format must be "mooncake" or "azure", got ${describeValue(text)}`);
}
