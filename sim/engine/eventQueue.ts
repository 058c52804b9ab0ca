/**
 * The simulator's agenda: a binary min-heap of events ordered by time, then priority, then the
 * order they were scheduled in, so that equal times always resolve the same way and a scenario
 * with a seed gives a byte-identical report.
 */

/** A scheduled event carrying a payload of type T. */
export interface ScheduledEvent<T> {
  readonly atS: number;
  readonly priority: number;
  readonly sequence: number;
  readonly payload: T;
}

export class EventQueue<T> {
  private readonly heap: ScheduledEvent<T>[] = [];
  private nextSequence = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `payload` at `atS` seconds; lower `priority` runs first among equal times. */
  push(atS: number, priority: number, payload: T): void {
    const event = { atS, priority, sequence: this.nextSequence++, payload };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!precedes(event, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = event;
  }

  /** The earliest event without removing it, or undefined when empty. */
  peek(): ScheduledEvent<T> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): ScheduledEvent<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && precedes(heap[right], heap[left]) ? right : left;
      if (!precedes(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

/** Whether event a runs before event b. */
export function precedes<T>(a: ScheduledEvent<T>, b: ScheduledEvent<T>): boolean {
  if (a.atS !== b.atS) return a.atS < b.atS;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.sequence < b.sequence;
}
