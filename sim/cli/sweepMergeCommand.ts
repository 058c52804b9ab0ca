import { resolve } from "node:path";
import { InputError } from "../../src/errors.ts";
import type { PointResult } from "../sweep/pointResult.ts";
import { withContext } from "./withContext.ts";
import { reportSweep } from "./sweepReport.ts";
import { requireResultsFile, resultLine, type SweepHeader } from "./sweepResultsFile.ts";
import { UsageError } from "./usageError.ts";
import { checkReportPath, writeFileAtomically } from "./writeFileAtomically.ts";

/**
 * `slaplan sweep merge SHARD.jsonl... --out FILE`: combines results files of one sweep (its
 * shards, or partial runs) into one, in point order, with the report. Refuses files of other
 * sweeps and any point found twice; names the points missing, with exit status 1.
 */
export async function runSweepMerge(
  files: readonly string[],
  options: { readonly out?: string; readonly html?: string; readonly [name: string]: unknown },
): Promise<number> {
  // 1. The command line.
  if (files.length === 0) throw new UsageError("merge needs the results files to merge", "sweep");
  const outFile = options.out;
  if (outFile === undefined) throw new UsageError("merge needs --out FILE", "sweep");
  for (const name of ["workers", "shard", "shards", "image", "emit-k8s-job"]) {
    if (options[name] !== undefined) {
      throw new UsageError(`--${name} does not go with merge`, "sweep");
    }
  }
  await withContext("--out", () => checkReportPath(outFile, files));
  if (options.html !== undefined) {
    if (resolve(options.html) === resolve(outFile)) {
      throw new InputError(`--html ${options.html}: is also the results file; choose another name`);
    }
    await withContext("--html", () => checkReportPath(options.html as string, files));
  }

  // 2. Every file: the same sweep, no point twice.
  let header: SweepHeader | undefined;
  let firstFile = "";
  const found = new Map<number, { result: PointResult; where: string }>();
  for (const file of files) {
    const read = await requireResultsFile(file);
    if (header === undefined) {
      header = read.header;
      firstFile = file;
    } else if (read.header.hash !== header.hash) {
      throw new InputError(
        `${file}: holds results of a different sweep ("${read.header.sweep}", ` +
          `${read.header.hash.slice(0, 19)}…) than ${firstFile} ` +
          `("${header.sweep}", ${header.hash.slice(0, 19)}…)`,
      );
    }
    for (const { result, line } of read.results) {
      const where = `${file} line ${line}`;
      if (!(result.index >= 0 && result.index < header.points)) {
        throw new InputError(
          `${where}: point ${result.index} is not in a sweep of ${header.points} points`,
        );
      }
      const earlier = found.get(result.index);
      if (earlier !== undefined) {
        const same = sameFigures(earlier.result, result)
          ? "with the same figures"
          : "with different figures";
        throw new InputError(
          `${where}: point ${result.index} is also at ${earlier.where} ` +
            `(${same}); each point must come from one file`,
        );
      }
      found.set(result.index, { result, where });
    }
  }
  const sweep = header as SweepHeader;

  // 3. Write the points in order, then report, naming what is missing.
  const results = [...found.values()].map((f) => f.result).sort((a, b) => a.index - b.index);
  const merged: SweepHeader = { ...sweep, shard: null };
  const text = [JSON.stringify(merged), ...results.map(resultLine)].join("\n");
  await writeFileAtomically(outFile, `${text}\n`);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `slaplan sweep merge: ${sweep.sweep}, ${files.length} files, ${results.length} of ${sweep.points} points`,
  );
  const notes = [`Merged from ${files.length} files: ${results.length} of ${sweep.points} points.`];
  await reportSweep(out, merged, results, notes, options.html);
  out("");
  out(`Merged results written to ${outFile}`);
  const missing = missingIndices(sweep.points, found);
  if (missing.length === 0) return 0;
  const shown = missing.slice(0, 20).join(", ") + (missing.length > 20 ? ", …" : "");
  process.stderr.write(
    `slaplan: ${missing.length} of ${sweep.points} points are missing ` +
      `(${shown}); 'slaplan sweep SWEEP.json --out ${outFile}' runs just those\n`,
  );
  return 1;
}

function missingIndices(count: number, found: ReadonlyMap<number, unknown>): number[] {
  return Array.from({ length: count }, (_, i) => i).filter((i) => !found.has(i));
}

/** Whether two results of a point agree on everything but the wall time. */
export function sameFigures(a: PointResult, b: PointResult): boolean {
  return resultLine({ ...a, wallS: 0 }) === resultLine({ ...b, wallS: 0 });
}
