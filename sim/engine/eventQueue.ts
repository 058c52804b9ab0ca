/**
 * The simulator's agenda: a binary min-heap of events ordered by time, then priority, then the
 * order they were scheduled in, so that equal times always resolve the same way and a scenario
 * with a seed gives a byte-identical report.
 *
 * A long run schedules tens of millions of events, so the heap keeps no object per event: it
 * holds three parallel arrays (times, an order key packing priority and sequence, payloads),
 * and the simulator reads the head through `nextAtS`, `nextPriority` and `popPayload`.
 */

/** A scheduled event carrying a payload of type T. */
export interface ScheduledEvent<T> {
  readonly atS: number;
  readonly priority: number;
  readonly sequence: number;
  readonly payload: T;
}

/** Sequences per priority level in the order key; 2^45 events is more than any run schedules. */
const SEQUENCE_SPAN = 2 ** 45;
/** Priorities must be whole numbers below this, so that the key stays an exact double. */
const PRIORITY_LIMIT = 2 ** 7;

export class EventQueue<T> {
  private readonly times: number[] = [];
  /** priority × 2^45 + sequence: one comparison orders priority, then scheduling order. */
  private readonly keys: number[] = [];
  private readonly payloads: T[] = [];
  private nextSequence = 0;

  get size(): number {
    return this.times.length;
  }

  /** Time of the earliest event; Infinity when empty. */
  get nextAtS(): number {
    return this.times.length === 0 ? Infinity : this.times[0];
  }

  /** Priority of the earliest event; Infinity when empty. */
  get nextPriority(): number {
    return this.keys.length === 0 ? Infinity : Math.floor(this.keys[0] / SEQUENCE_SPAN);
  }

  /** Schedules `payload` at `atS` seconds; lower `priority` runs first among equal times. */
  push(atS: number, priority: number, payload: T): void {
    if (!(Number.isInteger(priority) && priority >= 0 && priority < PRIORITY_LIMIT)) {
      throw new RangeError(`EventQueue: priority must be a whole number 0..127, got ${priority}`);
    }
    const key = priority * SEQUENCE_SPAN + this.nextSequence++;
    const { times, keys, payloads } = this;
    let i = times.length;
    times.push(atS);
    keys.push(key);
    payloads.push(payload);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const t = times[parent];
      if (t < atS || (t === atS && keys[parent] < key)) break;
      times[i] = t;
      keys[i] = keys[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = atS;
    keys[i] = key;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload, or undefined when empty. */
  popPayload(): T | undefined {
    const { times, keys, payloads } = this;
    const n = times.length - 1;
    if (n < 0) return undefined;
    const top = payloads[0];
    const lastTime = times[n];
    const lastKey = keys[n];
    const lastPayload = payloads[n];
    times.pop();
    keys.pop();
    payloads.pop();
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (times[right] < times[child] ||
          (times[right] === times[child] && keys[right] < keys[child]))
      ) {
        child = right;
      }
      const t = times[child];
      if (t > lastTime || (t === lastTime && keys[child] > lastKey)) break;
      times[i] = t;
      keys[i] = keys[child];
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = lastTime;
    keys[i] = lastKey;
    payloads[i] = lastPayload;
    return top;
  }

  /** The earliest event without removing it, or undefined when empty. */
  peek(): ScheduledEvent<T> | undefined {
    if (this.times.length === 0) return undefined;
    const key = this.keys[0];
    return {
      atS: this.times[0],
      priority: Math.floor(key / SEQUENCE_SPAN),
      sequence: key % SEQUENCE_SPAN,
      payload: this.payloads[0],
    };
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): ScheduledEvent<T> | undefined {
    const head = this.peek();
    this.popPayload();
    return head;
  }
}

/** Whether event a runs before event b. */
export function precedes<T>(a: ScheduledEvent<T>, b: ScheduledEvent<T>): boolean {
  if (a.atS !== b.atS) return a.atS < b.atS;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.sequence < b.sequence;
}
