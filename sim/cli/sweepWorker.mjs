// Entry of a sweep's worker thread. A worker starts without the loader hooks of the thread that
// made it, so it registers tsx itself, as slaplan.mjs does, before loading the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./sweepWorker.ts");
