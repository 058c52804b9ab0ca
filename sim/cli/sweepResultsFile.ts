/**
 * A sweep's results file, JSON lines: a header naming the sweep (with the hash that identifies
 * it), then one line per finished point, appended as each finishes. An interrupted run loses
 * only the points in flight (and at most a half-written last line, dropped on reading), and
 * running again skips the points already there.
 */
import { open, readFile, truncate, type FileHandle } from "node:fs/promises";
import { InputError, jsonSyntaxReason, NotFoundError } from "../../src/errors.ts";
import type { PointResult } from "../sweep/pointResult.ts";
import type { LoadedSweep } from "./loadSweep.ts";

export const RESULTS_KIND = "slaplan sweep results";

/** The first line of a results file. */
export interface SweepHeader {
  readonly kind: typeof RESULTS_KIND;
  readonly version: 1;
  readonly sweep: string;
  readonly hash: string;
  /** Points in the whole sweep (all shards). */
  readonly points: number;
  /** The varied parameters' paths, in the sweep's order. */
  readonly parameters: readonly string[];
  readonly scenario: string;
  /** The shard this file holds; null: the whole sweep. */
  readonly shard: Shard | null;
}

/** Shard `index` of `count`: the points whose index ≡ `index` (mod `count`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What a results file holds. */
export interface ResultsFile {
  readonly header: SweepHeader;
  /** Each result with the line it was read from. */
  readonly results: readonly { readonly result: PointResult; readonly line: number }[];
  /** Bytes up to the end of the last complete line. */
  readonly completeBytes: number;
  /** Whether a half-written last line (an interrupted write) was left out. */
  readonly droppedPartialLine: boolean;
}

/** The header of `sweep`'s results file, or of one of its shards. */
export function sweepHeader(sweep: LoadedSweep, shard: Shard | null): SweepHeader {
  return {
    kind: RESULTS_KIND,
    version: 1,
    sweep: sweep.definition.name,
    hash: sweep.hash,
    points: sweep.points.length,
    parameters: [
      ...(sweep.definition.design.kind === "grid"
        ? sweep.definition.design.grid.keys()
        : sweep.definition.design.parameters.keys()),
    ],
    scenario: sweep.definition.scenario,
    shard,
  };
}

/** A point's line, without its newline; NaN is written as null. */
export function resultLine(result: PointResult): string {
  return JSON.stringify(result, (_key, value) =>
    typeof value === "number" && !Number.isFinite(value) ? null : value,
  );
}

/** Reads the results file at `path`; undefined when it does not exist or is empty. */
export async function readResultsFile(path: string): Promise<ResultsFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new InputError(`${path}: cannot read the results (${code ?? String(error)})`);
  }
  if (text.trim() === "") return undefined;
  // Every line is written with its newline in one write: a last line without one was cut
  // short by an interruption, and its point runs again.
  const lines = text.split("\n");
  const partial = lines.pop() as string;
  const completeBytes = Buffer.byteLength(text.slice(0, text.length - partial.length));
  if (lines.length === 0) {
    throw new InputError(`${path}: not a sweep results file (no complete first line)`);
  }
  const [first, ...rest] = lines;
  const header = parseHeader(parseLine(first, `${path} line 1`), path);
  const results = rest.flatMap((line, i) => {
    if (line.trim() === "") return [];
    const where = `${path} line ${i + 2}`;
    return [{ result: parseResult(parseLine(line, where), where), line: i + 2 }];
  });
  return { header, results, completeBytes, droppedPartialLine: partial !== "" };
}

/** Like readResultsFile, but a missing or empty file is an error. */
export async function requireResultsFile(path: string): Promise<ResultsFile> {
  const file = await readResultsFile(path);
  if (file === undefined) throw new NotFoundError(`${path}: no such results file, or empty`);
  return file;
}

/**
 * Opens `path` to append results: a new file gets `header` first; an existing one (read as
 * `existing`) loses its half-written last line, if any.
 */
export async function openResultsForAppend(
  path: string,
  header: SweepHeader,
  existing: ResultsFile | undefined,
): Promise<ResultsAppender> {
  try {
    if (existing !== undefined) await truncate(path, existing.completeBytes);
    const handle = await open(path, existing === undefined ? "w" : "a");
    const appender = new ResultsAppender(handle, path);
    if (existing === undefined) await appender.appendLine(JSON.stringify(header));
    return appender;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`${path}: cannot write the results (${code})`);
  }
}

/** Appends lines to a results file, each on disk before the call returns. */
export class ResultsAppender {
  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  append(result: PointResult): Promise<void> {
    return this.appendLine(resultLine(result));
  }

  async appendLine(line: string): Promise<void> {
    try {
      // One write per line, so an interruption cuts at most the line being written.
      await this.handle.write(`${line}\n`);
      await this.handle.datasync();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new InputError(`${this.path}: cannot write the results (${code})`);
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Why the results in `file` cannot continue this sweep (shard), or undefined if they can. */
export function resumeConflict(
  path: string,
  file: ResultsFile,
  header: SweepHeader,
): string | undefined {
  const found = file.header;
  if (found.hash !== header.hash) {
    return (
      `${path}: holds results of a different sweep ("${found.sweep}", ` +
      `${found.hash.slice(0, 19)}…, not ${header.hash.slice(0, 19)}…); ` +
      `the sweep or its scenario changed since. Choose another --out, or move the file away to start over`
    );
  }
  if (!sameShard(found.shard, header.shard)) {
    return (
      `${path}: holds ${shardText(found.shard)} of this sweep, ` +
      `not ${shardText(header.shard)}; choose another --out`
    );
  }
  return undefined;
}

export function shardText(shard: Shard | null): string {
  return shard === null ? "the whole sweep" : `shard ${shard.index}/${shard.count}`;
}

function sameShard(a: Shard | null, b: Shard | null): boolean {
  return a === null || b === null ? a === b : a.index === b.index && a.count === b.count;
}

function parseLine(line: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputError(`${where}: not valid JSON (${jsonSyntaxReason(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(`${where}: expected a JSON object, got ${line.slice(0, 40)}`);
  }
  return value as Record<string, unknown>;
}

function parseHeader(value: Record<string, unknown>, path: string): SweepHeader {
  if (value.kind !== RESULTS_KIND || value.version !== 1) {
    throw new InputError(
      `${path}: not a sweep results file (its first line is not a ` +
        `"${RESULTS_KIND}" header, version 1); choose another --out`,
    );
  }
  const isValid =
    typeof value.sweep === "string" &&
    typeof value.hash === "string" &&
    Number.isInteger(value.points) &&
    Array.isArray(value.parameters) &&
    typeof value.scenario === "string" &&
    (value.shard === null || isShard(value.shard));
  if (!isValid) throw new InputError(`${path} line 1: the sweep header is incomplete`);
  return value as unknown as SweepHeader;
}

function isShard(value: unknown): boolean {
  const shard = value as Shard;
  return typeof value === "object" && value !== null && Number.isInteger(shard.index);
}

/** A point's line, its nulls read back as NaN. */
function parseResult(value: Record<string, unknown>, where: string): PointResult {
  const numbers = [
    "attainment",
    "gpuHours",
    "scalingActions",
    "ttftP99S",
    "itlP99S",
    "peakPrefillReplicas",
    "peakDecodeReplicas",
    "wallS",
  ];
  const hasShape =
    Number.isInteger(value.index) &&
    Number.isInteger(value.seed) &&
    typeof value.parameters === "object" &&
    value.parameters !== null &&
    typeof value.requests === "object" &&
    numbers.every((name) => value[name] === null || typeof value[name] === "number");
  if (!hasShape) throw new InputError(`${where}: not a sweep point's result`);
  const result: Record<string, unknown> = { ...value };
  for (const name of numbers) if (result[name] === null) result[name] = Number.NaN;
  return result as unknown as PointResult;
}
