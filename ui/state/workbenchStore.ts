/**
 * The workbench's state and what a person can do to it. The decisions (checking a draft,
 * comparing runs, reading files) live in plain modules beside this one; the store only holds
 * their results and starts and stops runs. Components select the narrow slices they show.
 */
import { create } from "zustand";
import type { ScaleKind } from "../../sim/report/charts/index.ts";
import type { LiveRecording } from "../../sim/report/liveRecording.ts";
import type { SimulationReport } from "../../sim/report/simulationReport.ts";
import { BUNDLED_SCENARIOS, DEFAULT_SCENARIO } from "../runner/bundled.ts";
import type { GivenFile, RunRequest } from "../runner/protocol.ts";
import { startRun, type RunHandle, type RunProgress } from "../runner/simRunner.ts";
import { missingFile } from "./availability.ts";
import {
  checkDraft,
  fieldValue,
  withField,
  type DraftCheck,
  type ScenarioDraft,
} from "./scenarioDraft.ts";
import { shownRuns } from "./shownRuns.ts";

/** A finished run the person keeps for comparison. */
export interface KeptRun {
  readonly id: number;
  /** "1 · azure-conv" */
  readonly label: string;
  readonly draft: ScenarioDraft;
  readonly report: SimulationReport;
  readonly wallS: number;
  /** GPU-hours of the scenario's hindsight lower bound, to show the run's cost against. */
  readonly boundGpuHours: number;
}

export interface WorkbenchState {
  /** The scenario being edited, as its JSON file holds it. */
  readonly draft: ScenarioDraft;
  /** The file name messages give the draft ("azure-conv.json"). */
  readonly fileName: string;
  readonly check: DraftCheck;
  /** An uploaded trace, used when the draft's trace.file names it. */
  readonly trace: GivenFile | null;
  /** Uploaded Dynamo profiler results, used in place of the bundled profile. */
  readonly profile: { readonly prefill: GivenFile; readonly decode: GivenFile } | null;
  readonly progress: RunProgress | null;
  readonly runError: string | null;
  readonly runs: readonly KeptRun[];
  /** The runs shown: A always (when any run exists), B when comparing. */
  readonly shownA: number | null;
  readonly shownB: number | null;
  /** The interval under the pointer, in run A. */
  readonly hoverIndex: number | null;
  /** What a live cluster recorded, laid over the runs shown, shifted by `offsetS`. */
  readonly overlay: LiveOverlay | null;
  /** A message for the whole page (a shared link that could not be read), until dismissed. */
  readonly notice: string | null;
  /** How runs A and B are shown together: B's lines on A's charts, or two columns of charts. */
  readonly comparison: "overlaid" | "side-by-side";
  /** The y scale a person chose for a chart, by chart id, in place of the chart's own. */
  readonly yScales: ReadonlyMap<string, ScaleKind>;
  /** The x scale a person chose for a chart, by chart id (the latency distributions). */
  readonly xScales: ReadonlyMap<string, ScaleKind>;

  loadScenario(draft: ScenarioDraft, fileName: string): void;
  setField(path: string, value: unknown): void;
  setTrace(file: GivenFile | null): void;
  setProfile(profile: WorkbenchState["profile"]): void;
  run(): void;
  cancel(): void;
  /** Shows run `id` as A or B (null clears); never the same run as both (see shownRuns). */
  show(slot: "A" | "B", id: number | null): void;
  removeRun(id: number): void;
  setHover(index: number | null): void;
  setOverlay(overlay: LiveOverlay | null): void;
  setOverlayOffset(offsetS: number): void;
  setComparison(comparison: WorkbenchState["comparison"]): void;
  setYScale(chartId: string, kind: ScaleKind): void;
  setXScale(chartId: string, kind: ScaleKind): void;
  setNotice(notice: string | null): void;
}

export interface LiveOverlay {
  /** The file it was read from. */
  readonly name: string;
  readonly recording: LiveRecording;
  /** Seconds added to the recording's times to line them up with the run's. */
  readonly offsetS: number;
}

/** The draft checked by the simulator's parser, then for the files the page has. */
function checkHere(
  draft: ScenarioDraft,
  fileName: string,
  trace: GivenFile | null,
  profile: WorkbenchState["profile"],
): DraftCheck {
  const check = checkDraft(draft, fileName);
  if (!check.ok) return check;
  return missingFile(check.scenario, fileName, trace, profile) ?? check;
}

let current: RunHandle | null = null;
let nextRunId = 1;

const defaultDraft = BUNDLED_SCENARIOS.get(DEFAULT_SCENARIO) ?? {};

export const useWorkbench = create<WorkbenchState>()((set, get) => ({
  draft: defaultDraft,
  fileName: `${DEFAULT_SCENARIO}.json`,
  check: checkDraft(defaultDraft, `${DEFAULT_SCENARIO}.json`),
  trace: null,
  profile: null,
  progress: null,
  runError: null,
  runs: [],
  shownA: null,
  shownB: null,
  hoverIndex: null,
  overlay: null,
  comparison: "overlaid",
  yScales: new Map(),
  xScales: new Map(),
  notice: null,

  loadScenario(draft, fileName) {
    const { trace, profile } = get();
    set({ draft, fileName, check: checkHere(draft, fileName, trace, profile), runError: null });
  },

  setField(path, value) {
    const { fileName, trace, profile } = get();
    const draft = withField(get().draft, path, value);
    set({ draft, check: checkHere(draft, fileName, trace, profile) });
  },

  setTrace(file) {
    const { draft, fileName, profile } = get();
    set({ trace: file, check: checkHere(draft, fileName, file, profile) });
  },

  setProfile(profile) {
    const { draft, fileName, trace } = get();
    set({ profile, check: checkHere(draft, fileName, trace, profile) });
  },

  run() {
    const { draft, fileName, check, trace, profile } = get();
    if (!check.ok || current !== null) return;
    // The uploaded trace counts only while the scenario names it: a bundled trace chosen since
    // must not be swapped for it.
    const named = trace !== null && fieldValue(draft, "trace.file") === trace.name;
    const request: RunRequest = {
      scenario: { ...draft },
      fileName,
      trace: named ? trace : null,
      profile,
    };
    set({ progress: { fraction: 0, atS: 0, arrived: 0, expectedRequests: 0 }, runError: null });
    const handle = startRun(request, (progress) => set({ progress }));
    current = handle;
    handle.done.then(
      ({ report, wallS, boundGpuHours }) => {
        current = null;
        const id = nextRunId++;
        const label = `${id} · ${check.scenario.name}`;
        const run: KeptRun = { id, label, draft, report, wallS, boundGpuHours };
        set((state) => ({
          runs: [...state.runs, run],
          progress: null,
          // The new run is shown as A; the one shown before becomes B, ready to compare.
          shownB: state.shownA,
          shownA: id,
          hoverIndex: null,
        }));
      },
      (error: Error) => {
        current = null;
        set({ progress: null, runError: error.name === "Cancelled" ? null : error.message });
      },
    );
  },

  cancel() {
    current?.cancel();
  },

  show(slot, id) {
    const before = get();
    const after = shownRuns(before, slot, id);
    // The pointer's interval belongs to run A's charts: a new A starts with none.
    const hoverIndex = after.shownA === before.shownA ? before.hoverIndex : null;
    set({ ...after, hoverIndex });
  },

  removeRun(id) {
    set((state) => {
      const runs = state.runs.filter((r) => r.id !== id);
      const shownA = state.shownA === id ? (runs.at(-1)?.id ?? null) : state.shownA;
      const shownB = state.shownB === id || state.shownB === shownA ? null : state.shownB;
      return { runs, shownA, shownB };
    });
  },

  setHover(index) {
    if (get().hoverIndex !== index) set({ hoverIndex: index });
  },

  setOverlay(overlay) {
    set({ overlay });
  },

  setComparison(comparison) {
    set({ comparison });
  },

  setYScale(chartId, kind) {
    set({ yScales: new Map(get().yScales).set(chartId, kind) });
  },

  setXScale(chartId, kind) {
    set({ xScales: new Map(get().xScales).set(chartId, kind) });
  },

  setNotice(notice) {
    set({ notice });
  },

  setOverlayOffset(offsetS) {
    const overlay = get().overlay;
    if (overlay !== null) set({ overlay: { ...overlay, offsetS } });
  },
}));
