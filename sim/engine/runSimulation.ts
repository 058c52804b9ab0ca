import {
  dropsDecisionsWhileStarting,
  SlaPlanner,
  type IntervalObservation,
  type PlannerConfig,
  type PlannerDecision,
  type PlannerLogLine,
} from "../../src/planner/index.ts";
import { InputError } from "../../src/errors.ts";
import type { TraceRequest } from "../traces/traceRequest.ts";
import { requestChunks } from "../traces/traceTransform.ts";
import type { EngineOptions } from "./engineOptions.ts";
import type { FleetOptions, RoleCounts } from "./fleet.ts";
import { FleetSimulator, PRIORITY, type EngineCounters } from "./fleetSimulator.ts";
import type { PerformanceModel } from "./performanceModel.ts";
import { PrometheusScraper, type ScrapeSettings } from "./prometheusScraper.ts";
import type { IntervalLatencies, RunStatistics } from "./runStatistics.ts";

/** Everything one simulated run needs. */
export interface SimulationSetup {
  readonly model: PerformanceModel;
  readonly planner: PlannerConfig;
  readonly fleet: FleetOptions;
  /** How the engines behave beyond the profile; the profile alone (PROFILE_ONLY_ENGINE) if unset. */
  readonly engine?: EngineOptions;
  /** Requests in arrival order (a file stream or a generator; never held whole). */
  readonly requests: AsyncIterable<TraceRequest> | Iterable<TraceRequest>;
  /** Seconds after the last arrival that in-flight requests may take before the run stops. */
  readonly drainLimitS: number;
  /** Name the readiness message gives the deployment. */
  readonly deploymentName: string;
  /** Recorded intervals the predictors learn before the first decision (a warm-up). */
  readonly warmUpIntervals?: readonly { numReq: number; islTokens: number; oslTokens: number }[];
  /**
   * Simulated time the run lasts at least, in seconds: after the trace and its requests end,
   * the fleet and the planner go on without traffic until then (a quiet period).
   */
  readonly runUntilS?: number;
  /** Windows in which Prometheus does not answer the planner (start and end, in seconds). */
  readonly metricsOutages?: readonly MetricsOutage[];
  /** Called at every adjustment interval with the simulated time and requests so far. */
  readonly onProgress?: (atS: number, arrived: number) => void;
  /**
   * How Prometheus scrapes the frontend; without it the planner reads each window exactly. With
   * it, it reads `increase()` over the scraped samples, with their lag and extrapolation.
   */
  readonly scrape?: ScrapeSettings;
  /** Receives every planner log line with the simulated time it was written at. */
  readonly onLog?: (atS: number, line: PlannerLogLine) => void;
  /**
   * Keep the initial fleet whatever the planner decides (a static deployment, for sizing one):
   * the planner still observes and decides every interval, for the record, but nothing scales.
   */
  readonly fixedFleet?: boolean;
}

/** The longest stretch of time a run covers: a year, with a day to spare. */
export const MAX_SIMULATED_S = 366 * 24 * 3600;

/** A window of simulated time in which the planner's metrics queries get no answer. */
export interface MetricsOutage {
  readonly startS: number;
  readonly endS: number;
}

const MISSING_FIGURES = {
  numReq: Number.NaN,
  islTokens: Number.NaN,
  oslTokens: Number.NaN,
  ttftS: Number.NaN,
  itlS: Number.NaN,
  requestDurationS: Number.NaN,
};

/** Whether a planner tick at `atS` falls in an outage (its query then gets no answer). */
function isInOutage(outages: readonly MetricsOutage[], atS: number): boolean {
  return outages.some((o) => atS >= o.startS && atS < o.endS);
}

/** What happened to the scaling decision of one interval. */
export type ScalingAction =
  /** Targets were applied and changed the fleet. */
  | "scaled"
  /** Targets equal what the fleet already has. */
  | "unchanged"
  /** Dropped because replicas were still starting (Dynamo's readiness gate). */
  | "not-ready"
  /** The planner skipped or failed; the fleet was held. */
  | "held";

/** One adjustment interval of the run, as the report shows it. */
export interface IntervalRecord {
  readonly index: number;
  readonly startS: number;
  readonly endS: number;
  readonly decision: Omit<PlannerDecision, "log" | "observed">;
  readonly observed: IntervalObservation;
  readonly action: ScalingAction;
  readonly latencies: IntervalLatencies;
  /** Replicas by state right after the decision was applied. */
  readonly prefillAfter: RoleCounts;
  readonly decodeAfter: RoleCounts;
  readonly gpusInUse: number;
  /** GPU-hours the fleet has held from time 0 to the interval's end, integrated at every change. */
  readonly gpuHoursSoFar: number;
}

/** The run's outcome. */
export interface SimulationResult {
  readonly intervals: readonly IntervalRecord[];
  readonly statistics: RunStatistics;
  /** What the engines did: prefix-cache hits, preemptions, failures, KV transfers. */
  readonly engine: EngineCounters;
  /** Requests still queued or served when the drain limit stopped the run. */
  readonly unfinished: number;
  /** When the run ended: the last request finished (or the drain limit), in seconds. */
  readonly endS: number;
  readonly gpuHours: number;
}

/**
 * Replays `requests` through the simulated fleet with the planner deciding every adjustment
 * interval, the first one a full interval after the start, as Dynamo's loop does. The planner
 * sees each window's frontend metrics and the count of serving replicas; its targets are applied
 * unless replicas are still starting, when Dynamo drops the decision.
 */
export async function runSimulation(setup: SimulationSetup): Promise<SimulationResult> {
  const { model, planner: config, fleet } = setup;
  const sim = new FleetSimulator(model, fleet, config, setup.engine);
  const planner = new SlaPlanner(config, model);
  planner.warmUp(setup.warmUpIntervals ?? []);
  const intervalS = config.adjustmentIntervalS;
  const intervals: IntervalRecord[] = [];
  let traceEnded = false;

  const scraper = setup.scrape ? new PrometheusScraper(intervalS) : undefined;
  if (setup.scrape && scraper) {
    const { intervalS: everyS, offsetS } = setup.scrape;
    sim.onScrape = (nowS) => {
      scraper.record(nowS, sim.metrics.counters());
      const more = !traceEnded || sim.inFlight > 0 || nowS + everyS <= (setup.runUntilS ?? 0);
      if (more) sim.scheduleScrape(nowS + everyS);
    };
    sim.scheduleScrape(offsetS);
  }
  sim.onTick = (nowS) => {
    intervals.push(adjust(sim, planner, setup, intervals.length, nowS, scraper));
    setup.onProgress?.(nowS, sim.statistics.arrived);
    const quietTail = nowS + intervalS <= (setup.runUntilS ?? 0);
    if (!traceEnded || sim.inFlight > 0 || quietTail) sim.scheduleTick(nowS + intervalS);
  };
  sim.scheduleTick(intervalS);

  // Replay: advance the clock to each arrival, then let it in. File streams hand requests over
  // in chunks, which saves awaiting a promise for each.
  let lastArrivalS = 0;
  const admit = (request: TraceRequest) => {
    if (request.arrivalS > MAX_SIMULATED_S) {
      throw new InputError(
        `a request arrives ${request.arrivalS} s after the trace ` +
          `starts; a run covers at most a year (${MAX_SIMULATED_S} s)`,
      );
    }
    sim.runUntil(request.arrivalS, PRIORITY.arrival);
    sim.arrive(request);
    lastArrivalS = request.arrivalS;
  };
  const source = setup.requests;
  if (Symbol.asyncIterator in source) {
    for await (const chunk of requestChunks(source)) for (const request of chunk) admit(request);
  } else {
    for (const request of source) admit(request);
  }
  traceEnded = true;
  if (sim.statistics.arrived === 0) {
    throw new InputError("the trace has no requests to replay");
  }

  // Drain: serve what is in flight, within the limit.
  const stopAtS = lastArrivalS + setup.drainLimitS;
  while (sim.inFlight > 0 && sim.nowS <= stopAtS && sim.step()) {
    // Each step handles one event.
  }

  // A quiet tail: the fleet and the planner go on without traffic until runUntilS.
  if (setup.runUntilS !== undefined && sim.nowS < setup.runUntilS) {
    sim.runUntil(setup.runUntilS, PRIORITY.tick + 1);
  }
  const endS = sim.nowS;
  return {
    intervals,
    statistics: sim.statistics,
    engine: sim.counters,
    unfinished: sim.inFlight,
    endS,
    gpuHours: sim.fleet.gpuSeconds(endS) / 3600,
  };
}

function adjust(
  sim: FleetSimulator,
  planner: SlaPlanner,
  setup: SimulationSetup,
  index: number,
  nowS: number,
  scraper: PrometheusScraper | undefined,
): IntervalRecord {
  const before = { prefill: sim.fleet.counts("prefill"), decode: sim.fleet.counts("decode") };
  const exact = sim.metrics.takeWindow();
  const scraped = scraper?.query(nowS, setup.planner.adjustmentIntervalS);
  const window = scraper === undefined ? exact : scraped;
  const outage = isInOutage(setup.metricsOutages ?? [], nowS);
  const metrics = outage ? "unreachable" : window === undefined ? "empty" : "ok";
  const observed: IntervalObservation = {
    ...(metrics === "ok" && window !== undefined ? window : MISSING_FIGURES),
    numPrefillWorkers: before.prefill.ready,
    numDecodeWorkers: before.decode.ready,
    numPrefillStarting: before.prefill.pending + before.prefill.starting,
    numDecodeStarting: before.decode.pending + before.decode.starting,
    metrics,
    atS: nowS,
  };
  const { log, observed: _observed, ...decision } = planner.adjust(observed);
  for (const line of log) setup.onLog?.(nowS, line);

  // Dynamo's connector checks readiness first and drops the decision, changed or not.
  let action: ScalingAction = "held";
  if (decision.target !== null) {
    const { numPrefill, numDecode } = decision.target;
    const live = (c: RoleCounts) => c.pending + c.starting + c.ready;
    if (setup.fixedFleet === true) {
      action = "held";
    } else if (dropsDecisionsWhileStarting(setup.planner) && !sim.fleet.isSettled()) {
      action = "not-ready";
      const message = `Deployment ${setup.deploymentName} is not ready, ignoring this scaling`;
      setup.onLog?.(nowS, { level: "warning", message });
    } else if (numPrefill === live(before.prefill) && numDecode === live(before.decode)) {
      action = "unchanged";
    } else {
      sim.fleet.scaleTo("prefill", numPrefill, nowS);
      sim.fleet.scaleTo("decode", numDecode, nowS);
      action = "scaled";
    }
  }
  return {
    index,
    startS: nowS - setup.planner.adjustmentIntervalS,
    endS: nowS,
    decision,
    observed,
    action,
    latencies: sim.statistics.takeInterval(),
    prefillAfter: sim.fleet.counts("prefill"),
    decodeAfter: sim.fleet.counts("decode"),
    gpusInUse: sim.fleet.gpusInUse,
    gpuHoursSoFar: sim.fleet.gpuSeconds(nowS) / 3600,
  };
}
