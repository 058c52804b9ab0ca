/**
 * How closely the simulator reproduces the measurements it was built from. Three checks, each
 * returning plain figures for `npm run fidelity` and the fidelity tests to judge:
 *
 * 1. prefill self-consistency: the profiler's prefill runs (one request at a time) replayed
 *    through one simulated prefill worker, with the model built from all points and with each
 *    interior point left out;
 * 2. decode self-consistency: the profiler's decode runs (a fixed number of concurrent requests
 *    at one context length) replayed through one simulated decode worker, likewise;
 * 3. queueing sanity: one prefill worker under Poisson arrivals of one prompt length against
 *    the M/D/1 mean waiting time.
 */
import type { DecodeProfile, EngineProfile } from "../../src/profile/engineProfile.ts";
import { PROFILE_ONLY_ENGINE } from "../engine/engineOptions.ts";
import { FleetSimulator, PRIORITY } from "../engine/fleetSimulator.ts";
import type { FrontendCounters } from "../engine/frontendMetrics.ts";
import { PerformanceModel } from "../engine/performanceModel.ts";
import type { RejectionReason } from "../engine/runStatistics.ts";
import { Random } from "../random.ts";

/** The thresholds the checks are judged against, in per cent of the measured value. */
export const FIDELITY_TOLERANCE_PCT = {
  /** A point the model was built from. */
  inModel: 2,
  /** A point left out of the model it is simulated with. */
  leftOut: 5,
  /** Simulated against theoretical M/D/1 mean wait. */
  queueing: 5,
} as const;

/**
 * The one place simulators are made: a fixed fleet of `numPrefill` and `numDecode` one-GPU
 * replicas, all serving from time 0, with no planner and SLA targets nothing can miss. The
 * engine is the profile-only one (each prompt alone, reserved KV, shared queues, no transfer or
 * failures): what the profiler measured, so that any gap is the model's and not an extra.
 */
export function makeFixedFleetSimulator(
  model: PerformanceModel,
  numPrefill: number,
  numDecode: number,
): FleetSimulator {
  const fleet = {
    initialPrefill: numPrefill,
    initialDecode: numDecode,
    prefillEngineNumGpu: 1,
    decodeEngineNumGpu: 1,
    startupDelayS: 0,
    gpuLimit: numPrefill + numDecode,
  };
  const targets = { ttftTargetS: Infinity, itlTargetS: Infinity };
  // The profiler times each ISL with one output token, so the longest profiled prompt plus
  // that token must be accepted.
  const engine = { ...PROFILE_ONLY_ENGINE, maxContextTokens: model.maxContextTokens + 1 };
  return new FleetSimulator(model, fleet, targets, engine);
}

/** Signed relative error of `simulated` against `measured`, in per cent. */
export function errorPct(simulated: number, measured: number): number {
  return ((simulated - measured) / measured) * 100;
}

// ---------------------------------------------------------------------------------------------
// 1. Prefill self-consistency

/** One profiled prefill point, replayed. Times in seconds; errors signed, in per cent. */
export interface PrefillPointFidelity {
  readonly islTokens: number;
  readonly measuredTtftS: number;
  /** TTFT of the request alone, model built from every point; NaN when it was rejected. */
  readonly simulatedTtftS: number;
  readonly errorPct: number;
  /** Why the simulator turned the request away, if it did. */
  readonly rejection: RejectionReason | null;
  /** The same with this point left out of the model; null at the two ends. */
  readonly leftOutTtftS: number | null;
  readonly leftOutErrorPct: number | null;
}

/**
 * Every profiled ISL as one request (output length 1, the least that yields a first token)
 * through one idle prefill worker. The end points are not left out: without them the spline
 * would be clamped, not tested.
 */
export function prefillSelfConsistency(profile: EngineProfile): PrefillPointFidelity[] {
  const full = new PerformanceModel(profile);
  const last = profile.prefill.islTokens.length - 1;
  return profile.prefill.islTokens.map((islTokens, i) => {
    const measuredTtftS = profile.prefill.ttftS[i];
    const { ttftS, rejection } = loneRequestTtft(full, islTokens);
    const interior = i > 0 && i < last;
    const leftOutTtftS = interior
      ? loneRequestTtft(new PerformanceModel(withoutPrefillPoint(profile, i)), islTokens).ttftS
      : null;
    return {
      islTokens,
      measuredTtftS,
      simulatedTtftS: ttftS,
      errorPct: errorPct(ttftS, measuredTtftS),
      rejection,
      leftOutTtftS,
      leftOutErrorPct: leftOutTtftS === null ? null : errorPct(leftOutTtftS, measuredTtftS),
    };
  });
}

function loneRequestTtft(model: PerformanceModel, islTokens: number) {
  const sim = makeFixedFleetSimulator(model, 1, 1);
  sim.arrive({ arrivalS: 0, islTokens, oslTokens: 1 });
  while (sim.step()) {
    // One event at a time until the request is done.
  }
  const rejected = sim.statistics.rejected;
  const rejection =
    (Object.keys(rejected) as RejectionReason[]).find((reason) => rejected[reason] > 0) ?? null;
  const counters = sim.metrics.counters();
  return { ttftS: counters.ttftSumS / counters.ttftCount, rejection };
}

function withoutPrefillPoint(profile: EngineProfile, index: number): EngineProfile {
  const keep = <T>(values: readonly T[]) => values.filter((_, i) => i !== index);
  const p = profile.prefill;
  return {
    ...profile,
    prefill: {
      islTokens: keep(p.islTokens),
      ttftS: keep(p.ttftS),
      tokensPerSPerGpu: keep(p.tokensPerSPerGpu),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Decode self-consistency

/** One profiled decode point, replayed. Times in seconds; errors signed, in per cent. */
export interface DecodePointFidelity {
  /** Position of the point in the profile's arrays. */
  readonly index: number;
  readonly contextTokens: number;
  readonly kvUsage: number;
  /** Batch the point measured, kvUsage × maxKvTokens / context, as DecodeStepModel reads it. */
  readonly batchSize: number;
  /** Concurrent requests simulated: that batch, rounded. */
  readonly concurrency: number;
  readonly measuredItlS: number;
  /** Mean inter-token latency in the steady state, model built from every point. */
  readonly simulatedItlS: number;
  readonly errorPct: number;
  /** Decode iterations the steady-state window held (token gaps over concurrency). */
  readonly iterations: number;
  /** The same with this point left out; null when it is the smallest or largest of its row. */
  readonly leftOutItlS: number | null;
  readonly leftOutErrorPct: number | null;
}

/** How decode points are replayed. */
export interface DecodeReplayOptions {
  /** Output length of every request, in tokens; Dynamo's profiler uses 500. */
  readonly oslTokens?: number;
  /** Request lifetimes discarded before measuring. */
  readonly warmUpLives?: number;
  /** Request lifetimes measured. */
  readonly measuredLives?: number;
  /** Which points to replay (by position in the profile's arrays); all by default. */
  readonly pointIndices?: readonly number[];
}

/**
 * Every profiled decode point as a closed loop of `concurrency` requests on one decode worker
 * (with prefill replicas to spare, so replacements hardly queue), as the profiler's
 * benchmark client keeps its concurrency. The profiler places a point at context ISL + OSL/2,
 * the mean context over a request's life, so requests have ISL = context − OSL/2.
 */
export function decodeSelfConsistency(
  profile: EngineProfile,
  options: DecodeReplayOptions = {},
): DecodePointFidelity[] {
  const decode = profile.decode;
  const full = new PerformanceModel(profile);
  const indices = options.pointIndices ?? decode.itlS.map((_, i) => i);
  return indices.map((index) => {
    const contextTokens = decode.contextLengthTokens[index];
    const batchSize = (decode.kvUsage[index] * decode.maxKvTokens) / contextTokens;
    const concurrency = Math.max(1, Math.round(batchSize));
    const replay = (model: PerformanceModel) =>
      steadyStateItl(model, contextTokens, concurrency, options);
    const simulated = replay(full);
    const leftOut = isInteriorOfRow(decode, index)
      ? replay(new PerformanceModel(withoutDecodePoint(profile, index))).itlS
      : null;
    const measuredItlS = decode.itlS[index];
    return {
      index,
      contextTokens,
      kvUsage: decode.kvUsage[index],
      batchSize,
      concurrency,
      measuredItlS,
      simulatedItlS: simulated.itlS,
      errorPct: errorPct(simulated.itlS, measuredItlS),
      iterations: simulated.iterations,
      leftOutItlS: leftOut,
      leftOutErrorPct: leftOut === null ? null : errorPct(leftOut, measuredItlS),
    };
  });
}

/** Decode iterations within which the first requests of a decode replay are all prefilled. */
const START_WITHIN_ITERATIONS = 4;

/**
 * Mean inter-token latency of a closed loop of `concurrency` requests at `contextTokens`,
 * measured over a window after a warm-up. The first requests get output lengths spread evenly
 * up to OSL, so that their replacements run at evenly spread stages and the batch's mean
 * context stays near the profiled one, instead of the whole batch marching in step.
 */
function steadyStateItl(
  model: PerformanceModel,
  contextTokens: number,
  concurrency: number,
  options: DecodeReplayOptions,
): { itlS: number; iterations: number } {
  const oslTokens = options.oslTokens ?? 500;
  const islTokens = Math.round(contextTokens - oslTokens / 2);

  // 1. A request's expected life and iteration set the windows and the prefill fleet. The
  // first requests' prefills must all end within a few iterations: the stages they start at
  // persist (every slot cycles in step with the one decode worker), and a ragged start leaves
  // the batch's mean context swinging, which matters where the step time kinks at a profiled
  // context. Later, four times the replicas that replacements keep busy leaves them mostly idle.
  const prefillS = model.prefillTimeS(islTokens);
  const stepS = model.decodeStepTimeS(concurrency, contextTokens);
  const lifeS = prefillS + oslTokens * stepS;
  const numPrefill = Math.max(
    Math.ceil((concurrency * prefillS) / (START_WITHIN_ITERATIONS * stepS)),
    Math.ceil((4 * concurrency * prefillS) / lifeS) + 1,
  );
  const sim = makeFixedFleetSimulator(model, numPrefill, 1);

  // 2. Start with staggered output lengths, then keep the concurrency.
  for (let k = 0; k < concurrency; k += 1) {
    const staggeredOsl = Math.ceil(((k + 1) * oslTokens) / concurrency);
    sim.arrive({ arrivalS: 0, islTokens, oslTokens: staggeredOsl });
  }
  const refill = () => sim.arrive({ arrivalS: sim.nowS, islTokens, oslTokens });

  // 3. Warm up, then measure the token gaps of the window.
  const warmUpEndS = (options.warmUpLives ?? 1.5) * lifeS;
  runClosedLoop(sim, concurrency, warmUpEndS, refill);
  const before = sim.metrics.counters();
  runClosedLoop(sim, concurrency, warmUpEndS + (options.measuredLives ?? 2) * lifeS, refill);
  const after = sim.metrics.counters();
  const gaps = after.itlCount - before.itlCount;
  return { itlS: (after.itlSumS - before.itlSumS) / gaps, iterations: gaps / concurrency };
}

/** Handles events until `untilS`, replacing every finished request at once. */
function runClosedLoop(
  sim: FleetSimulator,
  concurrency: number,
  untilS: number,
  refill: () => void,
): void {
  while (sim.nowS < untilS && sim.step()) {
    while (sim.inFlight < concurrency) {
      const rejectedBefore = sim.statistics.totalRejected;
      refill();
      if (sim.statistics.totalRejected > rejectedBefore) {
        throw new RangeError(
          `decode replay: the simulator rejects the replacement ` +
            `request (${JSON.stringify(sim.statistics.rejected)})`,
        );
      }
    }
  }
}

/** Whether a point has a smaller and a larger batch at its own context length. */
function isInteriorOfRow(decode: DecodeProfile, index: number): boolean {
  const context = decode.contextLengthTokens[index];
  const usage = decode.kvUsage[index];
  let smaller = false;
  let larger = false;
  decode.contextLengthTokens.forEach((c, i) => {
    if (c !== context || i === index) return;
    if (decode.kvUsage[i] < usage) smaller = true;
    if (decode.kvUsage[i] > usage) larger = true;
  });
  return smaller && larger;
}

function withoutDecodePoint(profile: EngineProfile, index: number): EngineProfile {
  const keep = <T>(values: readonly T[]) => values.filter((_, i) => i !== index);
  const d = profile.decode;
  return {
    ...profile,
    decode: {
      kvUsage: keep(d.kvUsage),
      contextLengthTokens: keep(d.contextLengthTokens),
      itlS: keep(d.itlS),
      tokensPerSPerGpu: keep(d.tokensPerSPerGpu),
      maxKvTokens: d.maxKvTokens,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Queueing sanity

/** One load of the M/D/1 check. Times in seconds. */
export interface QueueingFidelity {
  /** Utilisation rho = arrival rate × service time. */
  readonly load: number;
  readonly islTokens: number;
  /** Prefill time of one prompt, the deterministic service time. */
  readonly serviceS: number;
  /** M/D/1 mean wait in queue, rho / (2 mu (1 − rho)). */
  readonly theoryWaitS: number;
  /** Mean of TTFT − service time over the requests after each run's warm-up. */
  readonly measuredWaitS: number;
  /** Standard error of that mean, by batch means over every run's batches. */
  readonly standardErrorS: number;
  readonly errorPct: number;
  /** Requests averaged (warm-up excluded) and requests simulated, over all seeds. */
  readonly requestsMeasured: number;
  readonly requestsSimulated: number;
  readonly seeds: readonly number[];
}

/**
 * How the queueing check samples by default: ISL 3,000 at loads 0.5 and 0.8, four seeds of
 * 200,000 requests, the first 10 % of each discarded, 20 batch means per seed.
 */
export const DEFAULT_QUEUEING = {
  islTokens: 3000,
  loads: [0.5, 0.8],
  requestsPerSeed: 200_000,
  seeds: [1, 2, 3, 4],
  warmUpShare: 0.1,
  batchesPerSeed: 20,
} as const;

/** How the queueing check samples. */
export interface QueueingOptions {
  readonly islTokens?: number;
  readonly loads?: readonly number[];
  /** Requests per seed, warm-up included. */
  readonly requestsPerSeed?: number;
  readonly seeds?: readonly number[];
  /** Share of each run's requests discarded as warm-up. */
  readonly warmUpShare?: number;
  /** Batches each run's measured requests are split into for the standard error. */
  readonly batchesPerSeed?: number;
}

/**
 * One prefill worker fed Poisson arrivals of one prompt length, each with a single output
 * token, so that the request ends with its prefill and decode plays no part.
 */
export function queueingSanity(
  profile: EngineProfile,
  options: QueueingOptions = {},
): QueueingFidelity[] {
  const model = new PerformanceModel(profile);
  const settings = { ...DEFAULT_QUEUEING, ...options };
  const islTokens = settings.islTokens;
  const serviceS = model.prefillTimeS(islTokens);
  const seeds = settings.seeds;
  const perSeed = settings.requestsPerSeed;
  const warmUp = Math.round(perSeed * settings.warmUpShare);
  const batches = settings.batchesPerSeed;
  return settings.loads.map((load) => {
    const runs = seeds.map((seed) =>
      poissonRun(model, { islTokens, serviceS, load, seed, perSeed, warmUp, batches }),
    );
    const batchWaits = runs.flatMap((run) => run.batchWaitsS);
    const measured = runs.reduce((sum, run) => sum + run.ttftSumS, 0);
    const requestsMeasured = runs.reduce((sum, run) => sum + run.count, 0);
    const measuredWaitS = measured / requestsMeasured - serviceS;
    const theoryWaitS = (load * serviceS) / (2 * (1 - load));
    return {
      load,
      islTokens,
      serviceS,
      theoryWaitS,
      measuredWaitS,
      standardErrorS: standardError(batchWaits),
      errorPct: errorPct(measuredWaitS, theoryWaitS),
      requestsMeasured,
      requestsSimulated: perSeed * seeds.length,
      seeds,
    };
  });
}

interface PoissonRunSetup {
  readonly islTokens: number;
  readonly serviceS: number;
  readonly load: number;
  readonly seed: number;
  readonly perSeed: number;
  readonly warmUp: number;
  readonly batches: number;
}

/**
 * One seeded run. The frontend's cumulative TTFT counters are read at arrival instants that
 * split the measured requests into batches; a batch's mean wait is its TTFT sum over its count,
 * less the service time (the worker serves in arrival order, so a batch is a run of requests).
 */
function poissonRun(model: PerformanceModel, setup: PoissonRunSetup) {
  const sim = makeFixedFleetSimulator(model, 1, 1);
  const random = new Random(setup.seed);
  const meanGapS = setup.serviceS / setup.load;
  const batchSize = Math.floor((setup.perSeed - setup.warmUp) / setup.batches);
  const marks: FrontendCounters[] = [];
  let arrivalS = 0;
  for (let k = 0; k < setup.perSeed; k += 1) {
    arrivalS += random.exponential(meanGapS);
    sim.runUntil(arrivalS, PRIORITY.arrival);
    const sinceWarmUp = k - setup.warmUp;
    if (sinceWarmUp >= 0 && sinceWarmUp % batchSize === 0 && marks.length < setup.batches)
      marks.push(sim.metrics.counters());
    sim.arrive({ arrivalS, islTokens: setup.islTokens, oslTokens: 1 });
  }
  while (sim.step()) {
    // Drain: the last batch's requests finish.
  }
  marks.push(sim.metrics.counters());
  return summarizeBatches(marks, setup.serviceS);
}

function summarizeBatches(marks: readonly FrontendCounters[], serviceS: number) {
  const batchWaitsS: number[] = [];
  for (let b = 1; b < marks.length; b += 1) {
    const count = marks[b].ttftCount - marks[b - 1].ttftCount;
    batchWaitsS.push((marks[b].ttftSumS - marks[b - 1].ttftSumS) / count - serviceS);
  }
  const first = marks[0];
  const last = marks[marks.length - 1];
  return {
    batchWaitsS,
    ttftSumS: last.ttftSumS - first.ttftSumS,
    count: last.ttftCount - first.ttftCount,
  };
}

/** Standard error of the mean of roughly independent values (sample deviation over √n). */
function standardError(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(variance / n);
}
