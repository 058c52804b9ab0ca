// The cheapest replica schedule for a per-slot requirement: hand-worked cases, an exhaustive
// search over every schedule on tiny cases, and the static fleet as a ceiling.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cheapestScheduleReplicaS,
  levelReplicaS,
  type ScheduleSettings,
} from "../../sim/capacity/replicaSchedule.ts";
import {
  requirementArb,
  scheduleSettingsArb,
  tinyRequirementArb,
  tinyScheduleSettingsArb,
} from "../arbitraries/capacityArbitraries.ts";

const MINUTE_SLOTS = { slotS: 60, startupDelayS: 90 };

describe("cheapestScheduleReplicaS", () => {
  it("holds the initial fleet through a steady requirement, paying no start-up", () => {
    const settings = { ...MINUTE_SLOTS, initialReplicas: 1 };
    expect(cheapestScheduleReplicaS([1, 1, 1], settings)).toBe(180);
  });

  it("keeps a replica through a gap shorter than the start-up delay", () => {
    // Level 1 (initial): kept from 0 to 60 (60 s < 90 s), serves 60..120, kept 120..180,
    // serves 180..240: 240 s. Level 2 (new): 90 s start-up + 60 + kept 60 + 60 = 270 s.
    const settings = { ...MINUTE_SLOTS, initialReplicas: 1 };
    expect(cheapestScheduleReplicaS([0, 2, 0, 2], settings)).toBe(510);
  });

  it("releases a replica over a gap longer than the start-up delay and starts it again ahead", () => {
    // 90 s start-up + 60 s; gap of 180 s costs a 90 s restart instead; + 60 s.
    const settings = { ...MINUTE_SLOTS, initialReplicas: 0 };
    expect(cheapestScheduleReplicaS([1, 0, 0, 0, 1], settings)).toBe(300);
  });

  it("charges a replica beyond the initial fleet its start-up even in the first slot", () => {
    const settings = { ...MINUTE_SLOTS, initialReplicas: 1 };
    // Level 1: 120 s from time 0; level 2: 90 + 120 s.
    expect(cheapestScheduleReplicaS([2, 2], settings)).toBe(330);
  });

  it("gives back initial replicas nothing needs, at no cost", () => {
    const settings = { ...MINUTE_SLOTS, initialReplicas: 3 };
    expect(cheapestScheduleReplicaS([0, 1, 0], settings)).toBe(120);
    expect(cheapestScheduleReplicaS([], settings)).toBe(0);
  });

  it("levelReplicaS(needed) with no start-up delay is the time needed", () => {
    const settings = { slotS: 10, startupDelayS: 0, initialReplicas: 0 };
    expect(levelReplicaS([true, false, true, true], false, settings)).toBe(30);
  });

  it("equals the optimum of an exhaustive search over every schedule, on tiny cases", () => {
    fc.assert(
      fc.property(tinyRequirementArb, tinyScheduleSettingsArb, (requirement, settings) => {
        expect(cheapestScheduleReplicaS(requirement, settings)).toBe(
          exhaustiveOptimum(requirement, settings),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("never exceeds holding the peak throughout, the static fleet's schedule", () => {
    fc.assert(
      fc.property(requirementArb, scheduleSettingsArb, (requirement, settings) => {
        const peak = Math.max(0, ...requirement);
        const horizonS = requirement.length * settings.slotS;
        const extra = Math.max(0, peak - settings.initialReplicas);
        const staticS = peak * horizonS + extra * settings.startupDelayS;
        expect(cheapestScheduleReplicaS(requirement, settings)).toBeLessThanOrEqual(
          staticS * (1 + 1e-12),
        );
      }),
    );
  });

  it("never falls when the requirement rises in a slot", () => {
    fc.assert(
      fc.property(
        requirementArb,
        scheduleSettingsArb,
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        (requirement, settings, at, more) => {
          fc.pre(requirement.length > 0);
          const raised = [...requirement];
          raised[at % raised.length] += more;
          // The levels' seconds are summed in floating point, so the raised sum may come out
          // one rounding below an equal one: allow that much, nothing more.
          const before = cheapestScheduleReplicaS(requirement, settings);
          expect(cheapestScheduleReplicaS(raised, settings)).toBeGreaterThanOrEqual(
            before * (1 - 1e-12),
          );
        },
      ),
    );
  });
});

/**
 * The cheapest schedule by search over every decision, tick by tick (slot length and start-up
 * delay in whole ticks): at each tick release any serving replicas and start any new ones; a
 * new replica serves `startupDelayS` ticks after it starts. The search begins one start-up
 * delay before time 0 with the initial fleet serving (free until time 0), so that a replica
 * can be ready at time 0; a tick costs every replica held, starting or serving.
 */
function exhaustiveOptimum(requirement: readonly number[], settings: ScheduleSettings): number {
  const { slotS, startupDelayS: delay, initialReplicas: initial } = settings;
  const endTick = requirement.length * slotS;
  const most = Math.max(initial, ...requirement);
  const memo = new Map<string, number>();

  const best = (tick: number, serving: number, starting: readonly number[]): number => {
    if (tick === endTick) return 0;
    const key = `${tick}|${serving}|${starting.join(",")}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const needed = tick >= 0 ? requirement[Math.floor(tick / slotS)] : 0;
    let cheapest = Infinity;
    const fewest = tick >= 0 ? 0 : serving;
    for (let kept = fewest; kept <= serving; kept += 1) {
      for (let started = 0; kept + starting.length + started <= most; started += 1) {
        const nowServing = kept + (delay === 0 ? started : 0);
        if (nowServing < needed) continue;
        const waiting = delay === 0 ? [] : [...starting, ...Array(started).fill(delay)];
        const held = nowServing + waiting.length;
        const cost = tick >= 0 ? held : held - initial;
        const after = waiting.map((left) => left - 1);
        const ready = after.filter((left) => left === 0).length;
        const still = after.filter((left) => left > 0).sort((a, b) => a - b);
        cheapest = Math.min(cheapest, cost + best(tick + 1, nowServing + ready, still));
      }
    }
    memo.set(key, cheapest);
    return cheapest;
  };
  return best(-delay, initial, []);
}
