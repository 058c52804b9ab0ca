#!/usr/bin/env node
// Entry point of the `slaplan` command. The program is written in TypeScript; tsx compiles it
// in memory on start, so `npx slaplan` works straight after `npm ci` with no build step.
import { register } from "tsx/esm/api";

// A reader that stops early (`slaplan sim | head`) is not an error of ours: stop printing, but
// let the command finish its work (a simulation still writes its report).
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.stdout.write = () => true;
});

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
