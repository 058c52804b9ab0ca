/**
 * What the charts of the run shown as A gain from the others: run B's lines on the same charts
 * (same colours, sparse dots that no line of A uses, "(B)" in the legend), and a live
 * recording's figures as black lines ("live" in the legend), shifted onto the simulated time
 * axis.
 */
import type { ChartSeries, ChartSpec } from "../../sim/report/charts/chartSpec.ts";
import { DASHES, OKABE_ITO } from "../../sim/report/charts/palette.ts";
import type { LiveRecording, LiveRecordingPoint } from "../../sim/report/liveRecording.ts";

/**
 * A's charts with B's lines of the same chart added (sparse dots), and B's vertical marks (its metrics
 * outages) where A has none at that moment, labelled "(B)".
 */
export function withComparison(a: readonly ChartSpec[], b: readonly ChartSpec[]): ChartSpec[] {
  return a.map((spec) => {
    const other = b.find((s) => s.id === spec.id);
    if (other === undefined) return spec;
    const added: ChartSeries[] = other.series.map((series) => ({
      ...series,
      name: `${series.name} (B)`,
      dash: DASHES.sparse,
    }));
    const marks = other.verticalLines
      .filter((line) => !spec.verticalLines.some((own) => own.value === line.value))
      .map((line) => ({ ...line, label: line.label === "" ? "" : `${line.label} (B)` }));
    return {
      ...spec,
      series: [...spec.series, ...added],
      verticalLines: [...spec.verticalLines, ...marks],
    };
  });
}

type LiveField = Exclude<keyof LiveRecordingPoint, "tS">;

/** Which recorded figures go on which run chart, and how to scale them to its unit. */
export const LIVE_FIGURES: Readonly<
  Record<string, readonly { field: LiveField; name: string; scale?: number }[]>
> = {
  "request-rate": [
    { field: "requestRate", name: "live observed" },
    { field: "predictedRequestRate", name: "live predicted" },
  ],
  "sequence-length": [
    { field: "islTokens", name: "live ISL" },
    { field: "oslTokens", name: "live OSL" },
  ],
  replicas: [
    { field: "prefillWorkers", name: "live prefill" },
    { field: "decodeWorkers", name: "live decode" },
  ],
  ttft: [{ field: "ttftS", name: "live mean" }],
  itl: [{ field: "itlS", name: "live mean" }],
  "gpu-hours": [{ field: "gpuHours", name: "live" }],
};

const LIVE_DASHES = [DASHES.solid, DASHES.dashed] as const;

/**
 * The charts with the recording's figures added where the recording holds them. A point's
 * figures cover the window ending at its time, so each is drawn at that window's middle, as the
 * simulated intervals are; `offsetS` moves the recording along the time axis.
 */
export function withLiveRecording(
  specs: readonly ChartSpec[],
  recording: LiveRecording,
  offsetS: number,
): ChartSpec[] {
  const points = recording.points;
  const middles = points.map((point, k) => {
    const window = k > 0 ? point.tS - points[k - 1].tS : (points[1]?.tS ?? point.tS) - point.tS;
    return point.tS - window / 2 + offsetS;
  });
  return specs.map((spec) => {
    const figures = LIVE_FIGURES[spec.id] ?? [];
    const added: ChartSeries[] = [];
    figures.forEach(({ field, name, scale = 1 }, k) => {
      const held = points.some((p) => p[field] !== undefined);
      if (!held) return;
      added.push({
        name,
        colour: OKABE_ITO.black,
        dash: LIVE_DASHES[k % LIVE_DASHES.length],
        xs: middles,
        ys: points.map((p) => (p[field] === undefined ? Number.NaN : (p[field] as number) * scale)),
      });
    });
    return added.length === 0 ? spec : { ...spec, series: [...spec.series, ...added] };
  });
}

/** The x range every time chart shares: from 0 to the latest end of anything shown. */
export function sharedTimeDomain(specs: readonly ChartSpec[]): [number, number] {
  let end = 0;
  for (const spec of specs) {
    for (const series of spec.series) {
      for (const x of series.xs) if (x > end) end = x;
    }
  }
  return [0, end > 0 ? end : 1];
}
