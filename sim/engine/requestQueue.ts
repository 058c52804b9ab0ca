import type { SimRequest } from "./simRequest.ts";

/** A first-in, first-out queue of requests that does not shift arrays on every take. */
export class RequestQueue {
  private items: (SimRequest | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(request: SimRequest): void {
    this.items.push(request);
  }

  peek(): SimRequest | undefined {
    return this.items[this.head];
  }

  take(): SimRequest | undefined {
    const request = this.items[this.head];
    this.items[this.head++] = undefined;
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
    return rest;
  }
}
