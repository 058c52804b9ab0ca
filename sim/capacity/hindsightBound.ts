import type { ProfileModel } from "../../src/planner/index.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { TraceStream } from "../traces/traceTransform.ts";
import { cheapestScheduleReplicaS } from "./replicaSchedule.ts";
import { slotRequirements, type SlotRequirement } from "./slotRequirements.ts";

/** The hindsight lower bound of a scenario and how it was reached. */
export interface HindsightBound {
  /** GPU-hours of the cheapest schedule meeting every slot's requirement. */
  readonly gpuHours: number;
  /** Slot length (the planner's adjustment interval), in seconds. */
  readonly slotS: number;
  /** Replicas of each role every slot needs, from time 0 to the slot of the last arrival. */
  readonly slots: readonly SlotRequirement[];
  readonly peakPrefill: number;
  readonly peakDecode: number;
  /** Start-up delay each new replica pays (the shortest the scenario's fleet draws), in s. */
  readonly startupDelayS: number;
  /** Requests in the trace, and those no fleet serves within the targets (left out). */
  readonly requests: number;
  readonly unservableRequests: number;
}

/**
 * The hindsight lower bound: the fewest GPU-hours that a schedule of prefill and decode replicas
 * spends while, in every slot of one adjustment interval, the replicas serving have the
 * profile's throughput for the requests that arrive in that slot.
 *
 * Definition. For slot k, P_k and D_k are the requirements of `slotRequirements`: the fewest
 * replicas whose profiled capacity (prompts one at a time at their profiled TTFT; decode at the
 * largest batch meeting the ITL target at each request's context) covers the engine-seconds of
 * the slot's arrivals, at least the minimum endpoints. The bound is the minimum, over replica
 * schedules in which a new replica holds its GPUs for the start-up delay before it serves and
 * the initial fleet serves from time 0, of GPU-seconds held (GPUs per engine × replica-seconds)
 * subject to at least P_k prefill and D_k decode replicas serving throughout slot k; computed
 * exactly by levels (`cheapestScheduleReplicaS`) over slots from 0 to the last arrival's slot.
 *
 * What it bounds, and what it does not. It is the cost of the cheapest schedule that an oracle,
 * knowing the whole trace and reacting without delay, would size by throughput, the way the
 * planner sizes; any planner that sizes by the profile's throughput pays at least this, and
 * usually more, since it must predict and reacts an interval late. It is not a proof that no
 * scheduler can spend less: it ignores queueing (a fleet at exactly its throughput has waits
 * that miss TTFT, so meeting the targets needs more), it lets no work spill from one slot into
 * the next (a slot's prompts must finish within the TTFT target of arriving anyway, so only
 * that fraction of a second could; a request's decode does run on past its slot's end), it
 * serves every servable request (a fleet may give up the share of requests the attainment goal
 * allows), and it takes the profile's one-prompt-at-a-time prefill: chunked prefill that
 * batches short prompts, and prefix-cache hits, do less work than this counts, so on scenarios
 * with them (mooncake-conv-kv-routing) a simulated fleet can serve with less. Every new replica
 * beyond the initial fleet pays the full start-up delay, even one the first slot needs, which
 * no real fleet has ready in time.
 */
export async function hindsightLowerBound(
  scenario: Scenario,
  model: ProfileModel & { readonly maxContextTokens?: number },
  requests: TraceStream,
): Promise<HindsightBound> {
  const { planner, fleet, engine } = scenario;
  const slotS = planner.adjustmentIntervalS;
  const required = await slotRequirements(requests, model, {
    slotS,
    ttftTargetS: planner.ttftTargetS,
    itlTargetS: planner.itlTargetS,
    minEndpoint: planner.minEndpoint,
    maxContextTokens:
      engine.maxContextTokens ?? model.maxContextTokens ?? model.prefill.maxIslTokens,
  });
  const slots = required.slots;

  // Each role's cheapest schedule, then GPUs per engine.
  const startupDelayS = fleet.startupDelayS;
  const prefillReplicaS = cheapestScheduleReplicaS(
    slots.map((slot) => slot.prefill),
    { slotS, startupDelayS, initialReplicas: fleet.initialPrefill },
  );
  const decodeReplicaS = cheapestScheduleReplicaS(
    slots.map((slot) => slot.decode),
    { slotS, startupDelayS, initialReplicas: fleet.initialDecode },
  );
  const gpuS =
    prefillReplicaS * fleet.prefillEngineNumGpu + decodeReplicaS * fleet.decodeEngineNumGpu;

  return {
    gpuHours: gpuS / 3600,
    slotS,
    slots,
    peakPrefill: slots.reduce((peak, slot) => Math.max(peak, slot.prefill), 0),
    peakDecode: slots.reduce((peak, slot) => Math.max(peak, slot.decode), 0),
    startupDelayS,
    requests: required.requests,
    unservableRequests: required.unservable,
  };
}
