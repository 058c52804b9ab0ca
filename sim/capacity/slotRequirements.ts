import {
  bestDecodeBatch,
  type DecodeBatchPoint,
  type ProfileModel,
} from "../../src/planner/index.ts";
import type { TraceRequest } from "../traces/traceRequest.ts";
import { requestChunks, type TraceStream } from "../traces/traceTransform.ts";

/** Replicas of each role that must serve throughout one slot. */
export interface SlotRequirement {
  /** When the slot starts, in seconds from the start of the trace. */
  readonly startS: number;
  readonly prefill: number;
  readonly decode: number;
}

/** The targets and rules the requirement is computed under. */
export interface RequirementRules {
  /** Slot length: the planner's adjustment interval, in seconds. */
  readonly slotS: number;
  readonly ttftTargetS: number;
  readonly itlTargetS: number;
  /** Fewest replicas of each role in every slot. */
  readonly minEndpoint: number;
  /** Longest request (input plus output tokens) the engines take; longer ones are turned away. */
  readonly maxContextTokens: number;
}

/** Each slot's requirement, and the requests no fleet could serve within the targets. */
export interface SlotRequirements {
  readonly slots: readonly SlotRequirement[];
  /** Requests in the trace. */
  readonly requests: number;
  /**
   * Requests left out: longer than the model's context or a decode engine's KV cache, or so
   * long that their prompt alone takes longer than the TTFT target, or their decode alone
   * longer than the ITL target. No number of replicas serves them within the targets.
   */
  readonly unservable: number;
}

/**
 * A share of a replica so small that it is rounding residue: a slot's engine-seconds are a sum
 * of many service times, and 10 replicas' worth must not come out as 10.000000000000002.
 */
const ROUNDING_SLACK = 1e-9;

/**
 * The replicas each slot needs to serve the requests that arrive in it, by the profile's
 * throughput, request by request and with nothing predicted.
 *
 * Prefill: an engine computes one prompt at a time for its profiled TTFT, so a prompt of n
 * tokens occupies one engine for ttft(n) seconds (the profiler defines throughput per GPU as
 * n ÷ ttft(n) ÷ GPUs, so this is Dynamo's formula applied to each request rather than at the
 * slot's mean ISL: TTFT is far from linear in ISL, 14 ms at 100 tokens and 38 ms at 16,372 on
 * the bundled profile, so the mean prompt's time is not the prompts' mean time).
 * Decode: at its context (ISL + OSL/2, the mean over its decode), a request shares an engine
 * with the largest batch that meets the ITL target (the step model the improved planner sizes
 * with and the simulator runs), so it occupies 1/batch of an engine per step for OSL steps:
 * OSL ÷ (engine tokens/s at that batch) engine-seconds. Per request, these add up, so more
 * requests never lower a slot's requirement. A slot of `slotS` seconds needs
 * ceil(engine-seconds ÷ slotS) replicas, at least `minEndpoint`.
 */
export async function slotRequirements(
  requests: TraceStream,
  model: ProfileModel,
  rules: RequirementRules,
): Promise<SlotRequirements> {
  const prefillS: number[] = [];
  const decodeS: number[] = [];
  const decodeBatches = new Map<number, DecodeBatchPoint>();
  let count = 0;
  let unservable = 0;

  // Sum each slot's engine-seconds, request by request.
  const add = (request: TraceRequest) => {
    count += 1;
    // Every arrival's slot counts, served or not: the minimum endpoints hold until the last.
    const slot = Math.floor(request.arrivalS / rules.slotS);
    while (prefillS.length <= slot) {
      prefillS.push(0);
      decodeS.push(0);
    }
    const work = requestWork(request, model, rules, decodeBatches);
    if (work === null) {
      unservable += 1;
      return;
    }
    prefillS[slot] += work.prefillS;
    decodeS[slot] += work.decodeS;
  };
  if (Symbol.asyncIterator in requests) {
    for await (const chunk of requestChunks(requests)) for (const request of chunk) add(request);
  } else {
    for (const request of requests) add(request);
  }

  // Replicas per slot.
  const replicas = (engineS: number) =>
    Math.max(rules.minEndpoint, Math.ceil(engineS / rules.slotS - ROUNDING_SLACK));
  const slots = prefillS.map((engineS, k) => ({
    startS: k * rules.slotS,
    prefill: replicas(engineS),
    decode: replicas(decodeS[k]),
  }));
  return { slots, requests: count, unservable };
}

/** Engine-seconds one request takes of each role, or null when no fleet can serve it in time. */
function requestWork(
  request: TraceRequest,
  model: ProfileModel,
  rules: RequirementRules,
  decodeBatches: Map<number, DecodeBatchPoint>,
): { prefillS: number; decodeS: number } | null {
  const { islTokens, oslTokens } = request;
  const totalTokens = islTokens + oslTokens;
  if (totalTokens > rules.maxContextTokens || totalTokens > model.maxKvTokens) return null;
  const prefillS = model.prefill.ttftS(islTokens);
  if (prefillS > rules.ttftTargetS) return null;
  if (oslTokens === 0) return { prefillS, decodeS: 0 };

  const contextTokens = islTokens + oslTokens / 2;
  let batch = decodeBatches.get(contextTokens);
  if (batch === undefined) {
    batch = bestDecodeBatch(model.decodeSteps, rules.itlTargetS, contextTokens, model.maxKvTokens);
    decodeBatches.set(contextTokens, batch);
  }
  // One output token has no inter-token latency to judge, so a slow engine still serves it.
  if (!batch.meetsTarget && oslTokens > 1) return null;
  return { prefillS, decodeS: oslTokens / batch.tokensPerS };
}
