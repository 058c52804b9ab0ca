/**
 * Small sweeps in the workbench: one scenario field over a few values, each with a few seeds,
 * and the cost–attainment picture they make. (Large sweeps belong to `slaplan sweep`, which
 * runs on every core, resumes and shards.)
 */
import { onFrontier } from "../../sim/capacity/frontier.ts";
import type { ChartSpec } from "../../sim/report/charts/chartSpec.ts";
import { OKABE_ITO } from "../../sim/report/charts/palette.ts";
import { checkDraft, errorBelongsTo, withField, type ScenarioDraft } from "./scenarioDraft.ts";

/** The most runs a sweep started from the page may make. */
export const MAX_SWEEP_RUNS = 60;

/** The fields a small sweep offers, as a what-if usually varies them. */
export const SWEEP_FIELDS: readonly { path: string; label: string }[] = [
  { path: "planner.maxGpuBudget", label: "GPU budget" },
  { path: "planner.adjustmentIntervalS", label: "adjustment interval (s)" },
  { path: "planner.loadPredictor", label: "load predictor" },
  { path: "planner.mode", label: "planner mode" },
  { path: "planner.minEndpoint", label: "minimum replicas per role" },
  { path: "planner.latencyHeadroom", label: "latency headroom (improved)" },
  { path: "fleet.startupDelayS", label: "start-up delay (s)" },
  { path: "trace.replicate", label: "traffic multiple (replicate)" },
];

/** One run of a sweep: the value, the seed, the scenario to run. */
export interface SweepPoint {
  readonly value: string | number;
  readonly seed: number;
  readonly draft: ScenarioDraft;
}

/**
 * The values typed as "4, 8, 16" or "constant, kalman": numbers where they read as numbers,
 * text otherwise; an Error naming the problem when there are none, repeats, or too many runs.
 */
export function parseSweepValues(text: string, seeds: number): (string | number)[] | Error {
  const values = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => (Number.isFinite(Number(part)) ? Number(part) : part));
  if (values.length === 0) return new Error("give at least one value, separated by commas");
  const repeated = values.find((v, i) => values.indexOf(v) !== i);
  if (repeated !== undefined) return new Error(`${JSON.stringify(repeated)} is given twice`);
  if (values.length * seeds > MAX_SWEEP_RUNS) {
    return new Error(
      `${values.length} values × ${seeds} seeds make ${values.length * seeds} ` +
        `runs; the page runs at most ${MAX_SWEEP_RUNS} (use slaplan sweep for more)`,
    );
  }
  return values;
}

/**
 * The values typed for the field at `path`, read by `parseSweepValues` and then each set in
 * `draft` and judged by the simulator's parser, as the form judges a field, so a value that
 * could never run is refused before any run starts. An Error names every value refused and why
 * ("abc: GPU budget must be a whole number ≥ 1, got "abc""), joined by "; ". It expects the draft
 * itself to pass: a problem elsewhere in it would be blamed on every value.
 */
export function checkSweepValues(
  draft: ScenarioDraft,
  fileName: string,
  path: string,
  text: string,
  seeds: number,
): (string | number)[] | Error {
  const values = parseSweepValues(text, seeds);
  if (values instanceof Error) return values;
  const label = SWEEP_FIELDS.find((f) => f.path === path)?.label ?? path;
  const problems = values.flatMap((value) => {
    const check = checkDraft(withField(draft, path, value), fileName);
    if (check.ok) return [];
    // A value may be refused at another field it conflicts with (a budget below the initial
    // fleet is refused at "fleet"): name that field, since the label would mislead.
    const where = errorBelongsTo(check.path, path)
      ? `${label} ${check.reason}`
      : check.path === ""
        ? check.reason
        : `${check.path}: ${check.reason}`;
    return [`${String(value)}: ${where}`];
  });
  return problems.length === 0 ? values : new Error(problems.join("; "));
}

/** Every (value, seed) of the sweep, each as the draft with the field and seed set. */
export function sweepPoints(
  draft: ScenarioDraft,
  path: string,
  values: readonly (string | number)[],
  seeds: number,
): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const value of values) {
    for (let seed = 1; seed <= seeds; seed += 1) {
      points.push({ value, seed, draft: withField(withField(draft, path, value), "seed", seed) });
    }
  }
  return points;
}

/** What one run of a sweep gave. */
export interface SweepOutcome {
  readonly value: string | number;
  readonly seed: number;
  readonly attainment: number;
  readonly gpuHours: number;
}

/** The outcomes of one value, over its seeds. */
export interface SweepRow {
  readonly value: string | number;
  readonly runs: number;
  readonly attainment: number;
  readonly gpuHours: number;
  /** Lowest and highest attainment over the seeds. */
  readonly attainmentRange: readonly [number, number];
  readonly onFrontier: boolean;
}

/** The outcomes by value (means over seeds), in the order the values were given, frontier marked. */
export function sweepRows(
  values: readonly (string | number)[],
  outcomes: readonly SweepOutcome[],
): SweepRow[] {
  const rows = values.flatMap((value) => {
    const mine = outcomes.filter((o) => o.value === value);
    if (mine.length === 0) return [];
    const mean = (f: (o: SweepOutcome) => number) =>
      mine.reduce((s, o) => s + f(o), 0) / mine.length;
    const attainments = mine.map((o) => o.attainment);
    return [
      {
        value,
        runs: mine.length,
        attainment: mean((o) => o.attainment),
        gpuHours: mean((o) => o.gpuHours),
        attainmentRange: [Math.min(...attainments), Math.max(...attainments)] as const,
        onFrontier: false,
      },
    ];
  });
  const marks = onFrontier(rows);
  return rows.map((row, i) => ({ ...row, onFrontier: marks[i] }));
}

/** GPU-hours against attainment: every value as a dot, the frontier as a line through its dots. */
export function frontierChart(rows: readonly SweepRow[], label: string): ChartSpec {
  const byCost = [...rows].sort((a, b) => a.gpuHours - b.gpuHours);
  const frontier = byCost.filter((r) => r.onFrontier);
  return {
    id: "sweep-frontier",
    title: `Cost against attainment, by ${label}`,
    xAxis: { label: "GPU-hours", unit: "GPU-h" },
    yAxis: { label: "SLA attainment", unit: "%" },
    series: [
      {
        name: "frontier",
        colour: OKABE_ITO.vermillion,
        dash: [],
        xs: frontier.map((r) => r.gpuHours),
        ys: frontier.map((r) => r.attainment * 100),
      },
      {
        name: "each value (mean over seeds)",
        colour: OKABE_ITO.blue,
        dash: [],
        xs: byCost.map((r) => r.gpuHours),
        ys: byCost.map((r) => r.attainment * 100),
        dotRadius: 4,
      },
    ],
    horizontalLines: [],
    verticalLines: [],
    bands: [],
    yDomain: [0, 100],
  };
}
