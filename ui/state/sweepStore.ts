/**
 * A small sweep started from the page: its runs go to simulation workers a few at a time (one
 * per spare core, at most four), their outcomes gather as they finish, and Cancel ends them all.
 */
import { create } from "zustand";
import { startRun, type RunHandle } from "../runner/simRunner.ts";
import type { GivenFile } from "../runner/protocol.ts";
import { fieldValue } from "./scenarioDraft.ts";
import { sweepPoints, type SweepOutcome } from "./smallSweep.ts";
import type { ScenarioDraft } from "./scenarioDraft.ts";

export interface SweepState {
  /** The field swept and the values, once started. */
  readonly path: string | null;
  readonly values: readonly (string | number)[];
  readonly total: number;
  readonly outcomes: readonly SweepOutcome[];
  readonly running: boolean;
  readonly error: string | null;
  start(
    setup: {
      draft: ScenarioDraft;
      fileName: string;
      trace: GivenFile | null;
      profile: { prefill: GivenFile; decode: GivenFile } | null;
    },
    path: string,
    values: readonly (string | number)[],
    seeds: number,
  ): void;
  cancel(): void;
}

let handles: RunHandle[] = [];

export const useSweep = create<SweepState>()((set, get) => ({
  path: null,
  values: [],
  total: 0,
  outcomes: [],
  running: false,
  error: null,

  start(setup, path, values, seeds) {
    if (get().running) return;
    const points = sweepPoints(setup.draft, path, values, seeds);
    set({ path, values, total: points.length, outcomes: [], running: true, error: null });
    const queue = [...points];
    const lanes = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
    const next = (): void => {
      const point = queue.shift();
      if (point === undefined) {
        if (handles.length === 0 && get().running) set({ running: false });
        return;
      }
      const named =
        setup.trace !== null && fieldValue(point.draft, "trace.file") === setup.trace.name;
      const handle = startRun(
        {
          scenario: { ...point.draft },
          fileName: setup.fileName,
          trace: named ? setup.trace : null,
          profile: setup.profile,
        },
        () => {},
      );
      handles.push(handle);
      handle.done.then(
        ({ report }) => {
          handles = handles.filter((h) => h !== handle);
          const outcome: SweepOutcome = {
            value: point.value,
            seed: point.seed,
            attainment: report.summary.slaAttainment,
            gpuHours: report.summary.gpuHours,
          };
          set((state) => ({ outcomes: [...state.outcomes, outcome] }));
          next();
        },
        (error: Error) => {
          handles = handles.filter((h) => h !== handle);
          if (error.name === "Cancelled") return;
          queue.length = 0;
          for (const other of handles) other.cancel();
          set({ running: false, error: `${point.value} (seed ${point.seed}): ${error.message}` });
        },
      );
    };
    for (let lane = 0; lane < lanes; lane += 1) next();
  },

  cancel() {
    const running = handles;
    handles = [];
    for (const handle of running) handle.cancel();
    set({ running: false });
  },
}));
