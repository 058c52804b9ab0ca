import { contextTokens, type SimRequest } from "./simRequest.ts";

/** A request's place in one batch; dead once the request has left it. */
interface BatchEntry {
  readonly request: SimRequest;
  /** Iterations the batch had completed when the request joined. */
  readonly joinStep: number;
  /** Output tokens the request had when it joined. */
  readonly generatedAtJoin: number;
  /** The iteration count at whose end its last token leaves. */
  readonly finishStep: number;
  /** Paged KV: the iteration counts, modulo the block size, at which it needs a new block. */
  readonly residue: number;
  alive: boolean;
}

/**
 * The running batch of one decode replica, kept so that an iteration costs O(1) plus O(log n)
 * for each request that finishes, not O(batch size): a continuous batch of hundreds of requests
 * runs millions of iterations in a long simulation, and every request in it gains exactly one
 * token per iteration. So nothing is counted per request per iteration:
 *
 * - a request's tokens are derived: those it had when it joined plus the iterations since;
 * - the requests that finish at an iteration come off a heap ordered by finishing iteration;
 * - the sum of inter-token gaps of an iteration is the iteration's length times the streaming
 *   requests in it, plus, for requests that joined at its start, their wait since their last
 *   token (the KV transfer and the admission wait);
 * - with a paged KV cache, a request needs a new block when its context is a multiple of the
 *   block size, which happens at iteration counts of one residue modulo the block size, so a
 *   count per residue tells how many blocks the next iteration needs.
 *
 * A request's `generatedTokens` and `lastTokenAtS` are brought up to date only when it leaves
 * (finished, preempted or lost to a failure).
 */
export class DecodeBatch {
  /** Iterations completed. */
  steps = 0;
  /** Requests in the batch. */
  size = 0;
  /** Tokens in their KV caches (prompt plus output so far), summed. */
  contextTokens = 0;
  /** The last iteration's inter-token gaps: their sum in seconds, and how many. */
  gapSumS = 0;
  gapCount = 0;
  private streaming = 0;
  /** Waits since their last token of the streaming requests that joined since the last iteration. */
  private joinGapS = 0;
  /** When the last iteration ended. */
  private lastStepEndS = Number.NaN;
  /** Entries in joining order; dead ones are swept out when they are half of it. */
  private order: BatchEntry[] = [];
  private deadInOrder = 0;
  /** Min-heap on finishStep, then joining order. */
  private readonly heap: BatchEntry[] = [];
  private readonly dueByResidue: Int32Array | null;
  private readonly blockSize: number;

  /** `blockSize`: the paged KV cache's block size, or null when KV is reserved whole. */
  constructor(blockSize: number | null) {
    this.blockSize = blockSize ?? 1;
    this.dueByResidue = blockSize === null ? null : new Int32Array(blockSize);
  }

  /**
   * Adds a request (its KV cache already allocated for its context) at `nowS`, the start of the
   * iteration it first produces a token in.
   */
  join(request: SimRequest, nowS: number): void {
    const context = contextTokens(request);
    const entry: BatchEntry = {
      request,
      joinStep: this.steps,
      generatedAtJoin: request.generatedTokens,
      finishStep: this.steps + request.oslTokens - request.generatedTokens,
      residue: modulo(this.steps - context, this.blockSize),
      alive: true,
    };
    this.order.push(entry);
    this.pushHeap(entry);
    this.size += 1;
    this.contextTokens += context;
    if (request.streaming) {
      this.streaming += 1;
      this.joinGapS += nowS - request.lastTokenAtS;
    }
    if (this.dueByResidue !== null) this.dueByResidue[entry.residue] += 1;
  }

  /** Paged KV: new blocks the next iteration needs, one per request whose blocks are full. */
  blocksNeeded(): number {
    return this.dueByResidue === null ? 0 : this.dueByResidue[this.steps % this.blockSize];
  }

  /**
   * Takes out the request that joined last (the one vLLM preempts) at `nowS`, an iteration
   * boundary, with its tokens brought up to date; undefined when the batch is empty.
   */
  removeNewest(nowS: number): SimRequest | undefined {
    for (let entry = this.order.pop(); entry !== undefined; entry = this.order.pop()) {
      if (!entry.alive) {
        this.deadInOrder -= 1;
        continue;
      }
      // It was counted among those joining since the last iteration, but will not produce.
      if (entry.joinStep === this.steps && entry.request.streaming) {
        this.joinGapS -= nowS - entry.request.lastTokenAtS;
      }
      this.leave(entry);
      return entry.request;
    }
    return undefined;
  }

  /**
   * Ends an iteration that began at `startedAtS` and ends at `nowS`: every request gains a
   * token; those done are appended to `finished`, up to date. The iteration's inter-token gaps
   * (for the frontend's ITL) are then in `gapSumS` and `gapCount`.
   */
  finishStep(startedAtS: number, nowS: number, finished: SimRequest[]): void {
    this.steps += 1;
    this.lastStepEndS = nowS;
    this.contextTokens += this.size;
    this.gapSumS = this.streaming * (nowS - startedAtS) + this.joinGapS;
    this.gapCount = this.streaming;
    this.joinGapS = 0;
    const heap = this.heap;
    while (heap.length > 0 && (!heap[0].alive || heap[0].finishStep <= this.steps)) {
      const entry = this.popHeap();
      if (!entry.alive) continue;
      this.leave(entry);
      this.deadInOrder += 1;
      finished.push(entry.request);
    }
    if (this.deadInOrder > 64 && this.deadInOrder * 2 > this.order.length) this.sweep();
  }

  /** Takes out every request (a failure), each brought up to date. */
  takeAll(): SimRequest[] {
    const all: SimRequest[] = [];
    for (const entry of this.order) {
      if (!entry.alive) continue;
      this.leave(entry);
      all.push(entry.request);
    }
    this.order = [];
    this.deadInOrder = 0;
    this.heap.length = 0;
    this.joinGapS = 0;
    return all;
  }

  /** Removes an entry from the counts and brings its request's tokens up to date. */
  private leave(entry: BatchEntry): void {
    const request = entry.request;
    const produced = this.steps - entry.joinStep;
    request.generatedTokens = entry.generatedAtJoin + produced;
    if (produced > 0) request.lastTokenAtS = this.lastStepEndS;
    entry.alive = false;
    this.size -= 1;
    this.contextTokens -= contextTokens(request);
    if (request.streaming) this.streaming -= 1;
    if (this.dueByResidue !== null) this.dueByResidue[entry.residue] -= 1;
  }

  private sweep(): void {
    this.order = this.order.filter((entry) => entry.alive);
    this.deadInOrder = 0;
  }

  private pushHeap(entry: BatchEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].finishStep <= entry.finishStep) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  private popHeap(): BatchEntry {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as BatchEntry;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && heap[right].finishStep < heap[left].finishStep ? right : left;
        if (heap[child].finishStep >= last.finishStep) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

/** `value` modulo `divisor`, in 0..divisor − 1 also for negative values. */
function modulo(value: number, divisor: number): number {
  const r = value % divisor;
  return r < 0 ? r + divisor : r;
}
