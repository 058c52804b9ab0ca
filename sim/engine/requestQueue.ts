import { contextTokens, type SimRequest } from "./simRequest.ts";

/**
 * A first-in, first-out queue of requests that does not shift arrays on every take. It keeps the
 * sum of its requests' context tokens (prompt plus tokens generated so far), a replica's
 * waiting load.
 */
export class RequestQueue {
  private items: (SimRequest | undefined)[] = [];
  private head = 0;
  /** Context tokens of the queued requests, summed. */
  tokens = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(request: SimRequest): void {
    this.items.push(request);
    this.tokens += contextTokens(request);
  }

  /** Puts a request back at the head (a preempted request goes before those that waited). */
  pushFront(request: SimRequest): void {
    if (this.head > 0) this.items[--this.head] = request;
    else this.items.unshift(request);
    this.tokens += contextTokens(request);
  }

  peek(): SimRequest | undefined {
    return this.items[this.head];
  }

  take(): SimRequest | undefined {
    const request = this.items[this.head];
    if (request === undefined) return undefined;
    this.items[this.head++] = undefined;
    this.tokens -= contextTokens(request);
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return request;
  }

  /** Empties the queue, returning what it held in order. */
  drain(): SimRequest[] {
    const rest = this.items.slice(this.head) as SimRequest[];
    this.items = [];
    this.head = 0;
    this.tokens = 0;
    return rest;
  }
}
