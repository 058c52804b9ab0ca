import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue, precedes } from "../../sim/engine/eventQueue.ts";
import {
  eventQueueCommandsArb,
  eventScheduleArb,
  type EventQueueModel,
} from "../arbitraries/eventQueueArb.ts";

/** Every payload in the order the queue gives them back. */
function drain<T>(queue: EventQueue<T>): T[] {
  const out: T[] = [];
  for (let event = queue.pop(); event !== undefined; event = queue.pop()) out.push(event.payload);
  return out;
}

describe("EventQueue", () => {
  it("pop() on an empty queue returns undefined, and so does peek()", () => {
    const queue = new EventQueue<string>();
    expect(queue.pop()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it("pops the earliest time first, whatever the push order and priority", () => {
    const queue = new EventQueue<string>();
    queue.push(3, 0, "at 3");
    queue.push(1, 3, "at 1");
    queue.push(2, 0, "at 2");
    expect(drain(queue)).toEqual(["at 1", "at 2", "at 3"]);
  });

  it("among equal times pops the lower priority first", () => {
    const queue = new EventQueue<string>();
    queue.push(5, 3, "tick");
    queue.push(5, 2, "arrival");
    queue.push(5, 0, "fleet");
    queue.push(5, 1, "work");
    expect(drain(queue)).toEqual(["fleet", "work", "arrival", "tick"]);
  });

  it("among equal times and priorities pops in the order of pushing", () => {
    const queue = new EventQueue<number>();
    for (let i = 0; i < 10; i += 1) queue.push(1, 1, i);
    expect(drain(queue)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("peek() shows what pop() returns next without removing it", () => {
    const queue = new EventQueue<string>();
    queue.push(2, 0, "b");
    queue.push(1, 0, "a");
    expect(queue.peek()?.payload).toBe("a");
    expect(queue.size).toBe(2);
    expect(queue.pop()?.payload).toBe("a");
  });

  it("precedes(a, b) orders by time, then priority, then sequence", () => {
    const event = (atS: number, priority: number, sequence: number) => ({
      atS,
      priority,
      sequence,
      payload: null,
    });
    expect(precedes(event(1, 3, 9), event(2, 0, 0))).toBe(true);
    expect(precedes(event(1, 0, 9), event(1, 1, 0))).toBe(true);
    expect(precedes(event(1, 1, 0), event(1, 1, 1))).toBe(true);
    expect(precedes(event(1, 1, 1), event(1, 1, 1))).toBe(false);
  });

  it("pops any schedule in (time, priority, insertion) order, as a stable sort does", () => {
    fc.assert(
      fc.property(eventScheduleArb, (schedule) => {
        const queue = new EventQueue<number>();
        schedule.forEach((event, i) => queue.push(event.atS, event.priority, i));
        const expected = schedule
          .map((event, i) => ({ ...event, i }))
          .sort((a, b) => a.atS - b.atS || a.priority - b.priority)
          .map((event) => event.i);
        expect(drain(queue)).toEqual(expected);
      }),
    );
  });

  it("behaves as a sorted list under any interleaving of push, pop and peek", () => {
    fc.assert(
      fc.property(eventQueueCommandsArb, (commands) => {
        const model: EventQueueModel = { pending: [], pushed: 0 };
        fc.modelRun(() => ({ model, real: new EventQueue<number>() }), commands);
      }),
      { numRuns: 500 },
    );
  });
});
