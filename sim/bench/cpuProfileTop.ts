/**
 * Lists the functions with the most self time in a V8 CPU profile, e.g. of the promised run:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx sim/bench/benchScenario.ts \
 *     scenarios/azure-conv.json --rate 20
 *   npx tsx sim/bench/cpuProfileTop.ts /tmp/prof/CPU.*.0.001.cpuprofile [--top 10] \
 *     [--within runSimulation]
 *
 * (Node writes one profile per thread; the main thread's is the one numbered 0.) `--within`
 * counts only the samples taken inside the named function, leaving out start-up and module
 * loading; garbage collection is then left out too, and shown on a line of its own.
 *
 * A profile of code run through tsx gives positions in the transpiled JavaScript. This script,
 * itself run through tsx, imports each profiled TypeScript module of the project so that its
 * source map is at hand and reports the TypeScript line; the files must not have changed since
 * the profile was taken. Entry scripts (sim/bench, sim/cli) are not imported, as importing them
 * would run them; their lines stay in JavaScript, marked "(js)".
 */
import { readFileSync } from "node:fs";
import { findSourceMap } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** The parts of a `.cpuprofile` file read here (Chrome DevTools protocol, Profiler.Profile). */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly children?: readonly number[];
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      /** 0-based, as are columns. */
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
  }[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample. */
  readonly timeDeltas: readonly number[];
}

interface HotSpot {
  readonly functionName: string;
  readonly location: string;
  selfMs: number;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRY_FOLDERS = ["sim/bench/", "sim/cli/"].map(
  (folder) => pathToFileURL(resolve(root, folder)).href,
);
const NOT_CODE = new Set(["(idle)", "(program)", "(root)"]);

const { values, positionals } = parseArgs({
  options: { top: { type: "string", default: "10" }, within: { type: "string" } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  throw new Error(`cpuProfileTop: expected one .cpuprofile file, got ${positionals.length}`);
}
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as CpuProfile;
const spots = await hotSpots(profile, values.within);
const codeMs = spots
  .filter((spot) => !NOT_CODE.has(spot.functionName))
  .reduce((sum, spot) => sum + spot.selfMs, 0);
const idleMs = spots
  .filter((spot) => NOT_CODE.has(spot.functionName))
  .reduce((sum, spot) => sum + spot.selfMs, 0);
const inside = values.within === undefined ? "" : ` inside ${values.within}`;
console.log(
  `${(codeMs / 1000).toFixed(2)} s in code${inside} (shares below are ` +
    `of it), ${(idleMs / 1000).toFixed(2)} s idle or outside JavaScript`,
);
if (values.within !== undefined) {
  const gcMs = (await hotSpots(profile, undefined))
    .filter((spot) => spot.functionName === "(garbage collector)")
    .reduce((sum, spot) => sum + spot.selfMs, 0);
  console.log(`${(gcMs / 1000).toFixed(2)} s in the garbage collector over the whole process`);
}
const ranked = spots
  .filter((spot) => !NOT_CODE.has(spot.functionName))
  .sort((a, b) => b.selfMs - a.selfMs)
  .slice(0, Number(values.top));
for (const [i, spot] of ranked.entries()) {
  const share = `${((spot.selfMs / codeMs) * 100).toFixed(1)} %`;
  console.log(
    `${String(i + 1).padStart(3)}  ${share.padStart(7)}  ` +
      `${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.functionName}  ${spot.location}`,
  );
}

/**
 * Self time per function and place: each sample's node is charged the time until the next
 * sample, as Chrome DevTools does; the last sample is charged nothing. With `within`, only
 * samples whose call stack passes through a function of that name count.
 */
async function hotSpots(profile: CpuProfile, within: string | undefined): Promise<HotSpot[]> {
  // One spot per function and place, shared by the nodes of its every call path.
  const byPlace = new Map<string, HotSpot>();
  const spotOfNode = new Map<number, HotSpot>();
  for (const { id, callFrame } of profile.nodes) {
    const functionName = callFrame.functionName || "(anonymous)";
    const location = await sourceLocation(callFrame);
    const key = `${functionName} ${location}`;
    const spot = byPlace.get(key) ?? { functionName, location, selfMs: 0 };
    byPlace.set(key, spot);
    spotOfNode.set(id, spot);
  }

  const counted = within === undefined ? undefined : nodesWithin(profile, within);
  for (let i = 0; i < profile.samples.length; i += 1) {
    if (counted !== undefined && !counted.has(profile.samples[i])) continue;
    const spot = spotOfNode.get(profile.samples[i]) as HotSpot;
    spot.selfMs += (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return [...byPlace.values()];
}

/** The ids of the nodes called, directly or not, from a function named `name`, and its own. */
function nodesWithin(profile: CpuProfile, name: string): Set<number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inside = new Set<number>();
  const visit = (id: number, isInside: boolean) => {
    const node = byId.get(id) as CpuProfile["nodes"][number];
    const nowInside = isInside || node.callFrame.functionName === name;
    if (nowInside) inside.add(id);
    for (const child of node.children ?? []) visit(child, nowInside);
  };
  visit(profile.nodes[0].id, false);
  return inside;
}

/** `path:line` of a function's start, in TypeScript for the project's own modules. */
async function sourceLocation(frame: CpuProfile["nodes"][number]["callFrame"]): Promise<string> {
  if (frame.url === "") return "";
  const shown = frame.url.startsWith("file:")
    ? relative(root, fileURLToPath(frame.url))
    : frame.url;
  const isProjectTs =
    frame.url.startsWith(pathToFileURL(root).href) &&
    frame.url.endsWith(".ts") &&
    !frame.url.includes("/node_modules/");
  if (!isProjectTs || ENTRY_FOLDERS.some((folder) => frame.url.startsWith(folder))) {
    return `${shown}:${frame.lineNumber + 1}${isProjectTs ? " (js)" : ""}`;
  }
  await import(frame.url);
  const entry = findSourceMap(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry === undefined || !("originalLine" in entry)) return `${shown}:? (no source map)`;
  return `${shown}:${entry.originalLine + 1}`;
}
