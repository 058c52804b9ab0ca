/**
 * `npm run fidelity`: how closely the simulator reproduces the bundled profile it is built
 * from. Prints one table per check (every point, with its error) and a verdict line per
 * threshold; points beyond their tolerance are marked ✗. The README's Fidelity section quotes
 * these figures. Exits 1 when a check of the simulator itself (in model, M/D/1) fails.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";
import {
  FIDELITY_TOLERANCE_PCT,
  decodeSelfConsistency,
  prefillSelfConsistency,
  DEFAULT_QUEUEING,
  queueingSanity,
} from "./fidelity.ts";

const PROFILE = "profiles/h200-llama3.1-8b-fp8";
/** Dynamo's profiler runs decode with 500 output tokens per request. */
const DECODE_OSL_TOKENS = 500;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Columns padded to their widest cell: the first left-aligned, the others right-aligned. */
function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])));
  const rule = widths.map((w) => "-".repeat(w));
  return [header, rule, ...rows].map((cells) => "  " + line(cells).join("  ")).join("\n");
}

const ms = (s: number) => (s * 1000).toFixed(3);

/** A signed error with ✗ when beyond the tolerance (NaN counts as beyond). */
function errorCell(pct: number, tolerancePct: number): string {
  const sign = pct > 0 ? "+" : "";
  const mark = Math.abs(pct) <= tolerancePct ? "  " : " ✗";
  return Number.isNaN(pct) ? "  n/a ✗" : `${sign}${pct.toFixed(2)}${mark}`;
}

/** Set when a check of the simulator itself fails: then the command exits 1. */
let simulatorFailed = false;

/**
 * One line: PASS or FAIL (MISS for a left-out check, which measures the profile's own scatter
 * as much as the simulator), how many points are beyond the tolerance, and the worst one.
 */
function verdict(
  label: string,
  points: readonly { name: string; pct: number; note?: string }[],
  tolerancePct: number,
): string {
  const beyond = points.filter((p) => !(Math.abs(p.pct) <= tolerancePct));
  const worst = points.reduce((a, b) =>
    Number.isNaN(b.pct) || Math.abs(b.pct) > Math.abs(a.pct) ? b : a,
  );
  const worstText = `${worst.name}: ${worst.note ?? `${worst.pct.toFixed(2)} %`}`;
  if (beyond.length === 0) {
    return `PASS  ${label}: all ${points.length} points within ${tolerancePct} % (worst ${worstText})`;
  }
  const names = beyond.map((p) => p.name).join(", ");
  const leftOutCheck = label.includes("left out");
  if (!leftOutCheck) simulatorFailed = true;
  const word = leftOutCheck ? "MISS" : "FAIL";
  return (
    `${word}  ${label}: ${beyond.length} of ${points.length} points ` +
    `beyond ${tolerancePct} % (worst ${worstText}): ${names}`
  );
}

const profile = await readProfileDir(join(root, PROFILE));
const { inModel, leftOut, queueing } = FIDELITY_TOLERANCE_PCT;
console.log(`Simulator fidelity to ${PROFILE}`);
console.log(`Tolerances: ${inModel} % in the model, ${leftOut} % left out, ${queueing} % M/D/1.\n`);

// 1. Prefill.
const prefill = prefillSelfConsistency(profile);
console.log("1. Prefill: each profiled ISL alone on one prefill worker (OSL 1)\n");
console.log(
  formatTable(
    ["ISL", "measured ms", "simulated ms", "error %", "left out ms", "left-out error %"],
    prefill.map((p) => [
      String(p.islTokens),
      ms(p.measuredTtftS),
      p.rejection === null ? ms(p.simulatedTtftS) : `rejected: ${p.rejection}`,
      errorCell(p.errorPct, inModel),
      p.leftOutTtftS === null ? "-" : ms(p.leftOutTtftS),
      p.leftOutErrorPct === null ? "-" : errorCell(p.leftOutErrorPct, leftOut),
    ]),
  ),
);
const prefillName = (p: (typeof prefill)[number]) => `ISL ${p.islTokens}`;
console.log();
console.log(
  verdict(
    "1a prefill, in model",
    prefill.map((p) => ({
      name: prefillName(p),
      pct: p.errorPct,
      note: p.rejection ?? undefined,
    })),
    inModel,
  ),
);
console.log(
  verdict(
    "1b prefill, left out",
    prefill.flatMap((p) =>
      p.leftOutErrorPct === null ? [] : [{ name: prefillName(p), pct: p.leftOutErrorPct }],
    ),
    leftOut,
  ),
);

// 2. Decode.
const decode = decodeSelfConsistency(profile, { oslTokens: DECODE_OSL_TOKENS });
console.log(
  `\n2. Decode: closed loop of \`batch\` requests on one decode worker, ` +
    `OSL ${DECODE_OSL_TOKENS}, ISL = context − ${DECODE_OSL_TOKENS / 2}\n`,
);
console.log(
  formatTable(
    [
      "context",
      "KV usage",
      "batch",
      "measured ms",
      "simulated ms",
      "error %",
      "iterations",
      "left out ms",
      "left-out error %",
    ],
    decode.map((p) => [
      String(p.contextTokens),
      p.kvUsage.toFixed(4),
      p.batchSize.toFixed(2),
      ms(p.measuredItlS),
      ms(p.simulatedItlS),
      errorCell(p.errorPct, inModel),
      p.iterations.toFixed(0),
      p.leftOutItlS === null ? "-" : ms(p.leftOutItlS),
      p.leftOutErrorPct === null ? "-" : errorCell(p.leftOutErrorPct, leftOut),
    ]),
  ),
);
const decodeName = (p: (typeof decode)[number]) => `${p.contextTokens}×${p.concurrency}`;
console.log();
console.log(
  verdict(
    "2a decode, in model",
    decode.map((p) => ({ name: decodeName(p), pct: p.errorPct })),
    inModel,
  ),
);
console.log(
  verdict(
    "2b decode, left out (context×batch)",
    decode.flatMap((p) =>
      p.leftOutErrorPct === null ? [] : [{ name: decodeName(p), pct: p.leftOutErrorPct }],
    ),
    leftOut,
  ),
);

// 3. Queueing.
const loads = queueingSanity(profile);
const first = loads[0];
console.log(
  `\n3. Queueing: one prefill worker, Poisson arrivals of ISL ${first.islTokens}, against M/D/1\n`,
);
console.log(
  formatTable(
    ["load", "service ms", "theory Wq ms", "measured Wq ms", "std error ms", "error %"],
    loads.map((q) => [
      q.load.toFixed(2),
      ms(q.serviceS),
      ms(q.theoryWaitS),
      ms(q.measuredWaitS),
      `${ms(q.standardErrorS)} (${((q.standardErrorS / q.theoryWaitS) * 100).toFixed(2)} %)`,
      errorCell(q.errorPct, queueing),
    ]),
  ),
);
console.log(
  `\n  Per load: ${first.requestsSimulated} requests over seeds ${first.seeds.join(", ")}, ` +
    `the first ${DEFAULT_QUEUEING.warmUpShare * 100} % of each run discarded ` +
    `(${first.requestsMeasured} measured); ` +
    `standard error by ${DEFAULT_QUEUEING.batchesPerSeed} batch means per seed.\n`,
);
console.log(
  verdict(
    "3  M/D/1 mean wait",
    loads.map((q) => ({ name: `load ${q.load}`, pct: q.errorPct })),
    queueing,
  ),
);

console.log(
  "\nLeft out (1b, 2b): each interior point is dropped from the profile, the model rebuilt from" +
    "\nthe rest, and the simulator run at the dropped point. A MISS there is the profile's own" +
    "\nscatter (one noisy measurement per point; see the README, section Fidelity), not a fault" +
    "\nof the simulator; 1a, 2a and 3 check the simulator itself.",
);
if (simulatorFailed) process.exitCode = 1;
