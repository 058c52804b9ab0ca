// Arbitraries for the event queue: schedules dense in ties, and command sequences for the
// model-based test, checked against a plain array sorted the slow, obvious way.
import fc from "fast-check";
import { expect } from "vitest";
import type { EventQueue } from "../../sim/engine/eventQueue.ts";

/** An event to schedule; times and priorities come from small sets so that ties abound. */
export interface EventToSchedule {
  readonly atS: number;
  readonly priority: number;
}

/** A time among a few values (quarters of a second, so they are exact in binary). */
export const eventTimeArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 6 }).map((q) => q / 4);

/** A priority among the simulator's four levels. */
export const eventPriorityArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 3 });

export const eventToScheduleArb: fc.Arbitrary<EventToSchedule> = fc.record({
  atS: eventTimeArb,
  priority: eventPriorityArb,
});

/** A schedule of up to 200 events, many sharing a time, a priority or both. */
export const eventScheduleArb: fc.Arbitrary<EventToSchedule[]> = fc.array(eventToScheduleArb, {
  maxLength: 200,
});

/** The model: what is scheduled, each tagged with the order it was pushed in. */
export interface EventQueueModel {
  pending: { atS: number; priority: number; order: number }[];
  pushed: number;
}

/** The event that must come out next: earliest time, then lowest priority, then first pushed. */
export function nextOfModel(model: EventQueueModel) {
  const sorted = [...model.pending].sort(
    (a, b) => a.atS - b.atS || a.priority - b.priority || a.order - b.order,
  );
  return sorted[0];
}

type Real = EventQueue<number>;

class PushCommand implements fc.Command<EventQueueModel, Real> {
  constructor(readonly event: EventToSchedule) {}
  check = () => true;
  run(model: EventQueueModel, queue: Real): void {
    const order = model.pushed++;
    model.pending.push({ ...this.event, order });
    queue.push(this.event.atS, this.event.priority, order);
    expect(queue.size).toBe(model.pending.length);
  }
  toString = () => `push(${this.event.atS}, ${this.event.priority})`;
}

class PopCommand implements fc.Command<EventQueueModel, Real> {
  check = () => true;
  run(model: EventQueueModel, queue: Real): void {
    const expected = nextOfModel(model);
    const popped = queue.pop();
    if (expected === undefined) {
      expect(popped).toBeUndefined();
      return;
    }
    model.pending.splice(model.pending.indexOf(expected), 1);
    expect(popped?.payload).toBe(expected.order);
    expect([popped?.atS, popped?.priority]).toEqual([expected.atS, expected.priority]);
    expect(queue.size).toBe(model.pending.length);
  }
  toString = () => "pop()";
}

class PeekCommand implements fc.Command<EventQueueModel, Real> {
  check = () => true;
  run(model: EventQueueModel, queue: Real): void {
    expect(queue.peek()?.payload).toBe(nextOfModel(model)?.order);
    expect(queue.size).toBe(model.pending.length);
  }
  toString = () => "peek()";
}

const pushArb = eventToScheduleArb.map((event) => new PushCommand(event));
const popArb = fc.constant(new PopCommand());

/**
 * Interleavings of push, pop (also on an empty queue) and peek. Pushes are listed three times
 * and pops twice so that the heap often grows deep enough for its sift-down to matter.
 */
export const eventQueueCommandsArb = fc.commands(
  [pushArb, pushArb, pushArb, popArb, popArb, fc.constant(new PeekCommand())],
  { maxCommands: 200 },
);
