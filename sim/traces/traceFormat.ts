import { ConfigError, InputError, describeValue } from "../../src/errors.ts";

/** The trace formats the simulator reads: Mooncake JSONL, the Azure LLM and BurstGPT CSVs. */
export type TraceFormat = "mooncake" | "azure" | "burstgpt";

/**
 * What a trace file's name says of its format: Mooncake for .jsonl, but only "csv" for .csv,
 * since Azure and BurstGPT files share that extension and only the header tells them apart.
 */
export type TraceFileFormat = TraceFormat | "csv";

const FORMAT_OF_EXTENSION: Readonly<Record<string, TraceFileFormat>> = {
  ".jsonl": "mooncake",
  ".csv": "csv",
};

const FORMAT_NAMES = '"mooncake", "azure" or "burstgpt"';

/** The format a trace file's name implies: `.jsonl` is Mooncake, `.csv` Azure or BurstGPT. */
export function traceFormatOfPath(path: string): TraceFileFormat {
  const extension = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase() ?? "";
  const format = FORMAT_OF_EXTENSION[extension];
  if (format !== undefined) return format;
  throw new InputError(
    `${path}: trace format must be given (${FORMAT_NAMES}) for a file whose name ` +
      `does not end in .jsonl or .csv, got extension ${describeValue(extension)}`,
  );
}

/** `text` as a trace format, for values that come from a command line or a scenario file. */
export function parseTraceFormat(text: string): TraceFormat {
  if (text === "mooncake" || text === "azure" || text === "burstgpt") return text;
  throw new ConfigError(`trace format must be ${FORMAT_NAMES}, got ${describeValue(text)}`);
}
