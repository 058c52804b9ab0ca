/**
 * The charts of the run shown as A on one time axis (with run B's lines and a live recording
 * laid over when chosen), the hover shared by all of them, and the latency distributions.
 */
import { useMemo } from "react";
import {
  distributionCharts,
  intervalAtTime,
  runCharts,
  sharedLeftMargin,
  type ScaleKind,
} from "../../sim/report/charts/index.ts";
import { sharedTimeDomain, withComparison, withLiveRecording } from "../state/chartOverlays.ts";
import { useWorkbench } from "../state/workbenchStore.ts";
import { ChartView } from "./ChartView.tsx";

export function ChartsPanel() {
  const runs = useWorkbench((s) => s.runs);
  const shownA = useWorkbench((s) => s.shownA);
  const shownB = useWorkbench((s) => s.shownB);
  const overlay = useWorkbench((s) => s.overlay);
  const hoverIndex = useWorkbench((s) => s.hoverIndex);
  const comparison = useWorkbench((s) => s.comparison);
  const setHover = useWorkbench((s) => s.setHover);
  const yScales = useWorkbench((s) => s.yScales);
  const setYScale = useWorkbench((s) => s.setYScale);
  const xScales = useWorkbench((s) => s.xScales);
  const setXScale = useWorkbench((s) => s.setXScale);
  const a = runs.find((r) => r.id === shownA);
  const b = runs.find((r) => r.id === shownB);

  const sideBySide = b !== undefined && comparison === "side-by-side";
  const timeCharts = useMemo(() => {
    if (a === undefined) return [];
    let specs = runCharts(a.report);
    if (b !== undefined && !sideBySide) specs = withComparison(specs, runCharts(b.report));
    if (overlay !== null) specs = withLiveRecording(specs, overlay.recording, overlay.offsetS);
    return specs;
  }, [a, b, overlay, sideBySide]);
  // Run B's own charts, beside A's, when shown side by side.
  const chartsOfB = useMemo(() => {
    if (b === undefined || !sideBySide) return [];
    const specs = runCharts(b.report);
    return overlay === null ? specs : withLiveRecording(specs, overlay.recording, overlay.offsetS);
  }, [b, overlay, sideBySide]);
  const distributions = useMemo(() => {
    if (a === undefined) return [];
    const specs = distributionCharts(a.report);
    return b === undefined ? specs : withComparison(specs, distributionCharts(b.report));
  }, [a, b]);
  const xDomain = useMemo(
    () => sharedTimeDomain([...timeCharts, ...chartsOfB]),
    [timeCharts, chartsOfB],
  );
  // One left margin for every time chart, so that a second lies at the same pixel in each.
  const leftMargin = useMemo(
    () => sharedLeftMargin([...timeCharts, ...chartsOfB], xDomain, yScales),
    [timeCharts, chartsOfB, xDomain, yScales],
  );
  if (a === undefined) return null;

  const intervals = a.report.intervals;
  const hovered = hoverIndex === null ? undefined : intervals[hoverIndex];
  const hoverX = hovered === undefined ? null : (hovered.startS + hovered.endS) / 2;
  const indexAt = (x: number) => {
    const index = intervalAtTime(intervals, x);
    return index < 0 ? null : index;
  };
  const step = (by: -1 | 1) => {
    const from = hoverIndex ?? (by > 0 ? -1 : intervals.length);
    setHover(Math.min(intervals.length - 1, Math.max(0, from + by)));
  };
  const stem = a.report.scenario.name;
  // What every chart over time shares: the time axis, its margin, the hover line, and the y
  // scale a person chose for that chart (the same for A's and B's chart of one id).
  const onTimeAxis = (id: string) => ({
    xDomain,
    leftMargin,
    yScale: yScales.get(id),
    onYScale: (kind: ScaleKind) => setYScale(id, kind),
    hoverX,
  });
  // Run A's charts also move the hover, by pointer and by arrow keys.
  const hoverControls = {
    onHover: (x: number | null) => x !== null && setHover(indexAt(x)),
    onStep: step,
  };
  const distributionViews = (
    <>
      <h3>Latency distributions</h3>
      {distributions.map((spec) => (
        <ChartView
          key={spec.id}
          spec={spec}
          xScale={xScales.get(spec.id)}
          onXScale={(kind) => setXScale(spec.id, kind)}
          hoverX={null}
          fileStem={stem}
        />
      ))}
    </>
  );
  if (sideBySide && b !== undefined) {
    return (
      <div className="charts side-by-side" data-testid="charts">
        {timeCharts.map((spec, k) => (
          <div className="chart-pair" key={spec.id}>
            <ChartView
              spec={{ ...spec, title: `A: ${spec.title}` }}
              {...onTimeAxis(spec.id)}
              {...hoverControls}
              fileStem={stem}
            />
            {chartsOfB[k] !== undefined && (
              <ChartView
                spec={{ ...chartsOfB[k], title: `B: ${chartsOfB[k].title}` }}
                {...onTimeAxis(spec.id)}
                fileStem={b.report.scenario.name}
              />
            )}
          </div>
        ))}
        {distributionViews}
      </div>
    );
  }
  return (
    <div className="charts" data-testid="charts">
      {timeCharts.map((spec) => (
        <ChartView
          key={spec.id}
          spec={spec}
          {...onTimeAxis(spec.id)}
          {...hoverControls}
          fileStem={stem}
        />
      ))}
      {distributionViews}
    </div>
  );
}
