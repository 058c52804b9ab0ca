/**
 * `npm run bench`: runs every bundled scenario in its own process and prints wall time,
 * simulated requests per wall-second and peak memory. Figures, not pass/fail: speed targets
 * belong here, not in timed tests.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const scenarios = readdirSync(join(root, "scenarios"))
  .filter((name) => name.endsWith(".json"))
  .sort();

console.log(
  `${"scenario".padEnd(20)} ${"requests".padStart(9)} ${"wall s".padStart(8)} ${"req/wall-s".padStart(11)} ${"peak MiB".padStart(9)}`,
);
for (const name of scenarios) {
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", join(root, "sim/bench/benchScenario.ts"), join(root, "scenarios", name)],
    { cwd: root, encoding: "utf8" },
  );
  const figures = JSON.parse(output.trim().split("\n").at(-1) as string);
  console.log(
    `${figures.scenario.padEnd(20)} ${String(figures.requests).padStart(9)} ${figures.wallS.toFixed(2).padStart(8)} ${Math.round(figures.requestsPerWallS).toString().padStart(11)} ${figures.peakRssMiB.toFixed(0).padStart(9)}`,
  );
}
