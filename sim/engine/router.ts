import type { RoutingPolicy } from "./engineOptions.ts";
import type { SimRequest } from "./simRequest.ts";
import type { DecodeWorker, PrefillWorker } from "./worker.ts";

/**
 * Picks the serving replica a request is assigned to under the round-robin, least-loaded and
 * kv-aware policies (see RoutingPolicy). Only ready replicas take new work; null when none is.
 * Ties go to the replica created first, so runs are reproducible.
 */
export class Router {
  private prefillTurn = 0;
  private decodeTurn = 0;
  private readonly prefillPolicy: RoutingPolicy;
  private readonly decodePolicy: RoutingPolicy;
  private readonly prefixBlockTokens: number;

  constructor(prefill: RoutingPolicy, decode: RoutingPolicy, prefixBlockTokens: number) {
    this.prefillPolicy = prefill;
    this.decodePolicy = decode;
    this.prefixBlockTokens = prefixBlockTokens;
  }

  prefillWorker(workers: readonly PrefillWorker[], request: SimRequest): PrefillWorker | null {
    if (this.prefillPolicy === "round-robin") {
      const picked = nextInTurn(workers, this.prefillTurn);
      if (picked !== null) this.prefillTurn = picked.id + 1;
      return picked;
    }
    const byCache = this.prefillPolicy === "kv-aware" && request.hashIds !== undefined;
    let best: PrefillWorker | null = null;
    let bestCached = -1;
    for (const worker of workers) {
      if (worker.state !== "ready") continue;
      const cached =
        byCache && worker.cache !== null
          ? worker.cache.cachedPrefixBlocks(request.hashIds as readonly number[]) *
            this.prefixBlockTokens
          : 0;
      // Most cached prompt first; among equals, the fewest prompt tokens still to compute.
      if (
        best === null ||
        cached > bestCached ||
        (cached === bestCached && worker.pendingTokens < best.pendingTokens)
      ) {
        best = worker;
        bestCached = cached;
      }
    }
    return best;
  }

  decodeWorker(workers: readonly DecodeWorker[]): DecodeWorker | null {
    if (this.decodePolicy === "round-robin") {
      const picked = nextInTurn(workers, this.decodeTurn);
      if (picked !== null) this.decodeTurn = picked.id + 1;
      return picked;
    }
    let best: DecodeWorker | null = null;
    let bestLoad = Infinity;
    for (const worker of workers) {
      if (worker.state !== "ready") continue;
      const load = decodeLoadTokens(worker);
      if (load < bestLoad) {
        best = worker;
        bestLoad = load;
      }
    }
    return best;
  }
}

/** KV tokens a decode replica holds (or has reserved) plus those waiting to be admitted. */
function decodeLoadTokens(worker: DecodeWorker): number {
  const held =
    worker.blocks === null
      ? worker.reservedKvTokens
      : worker.blocks.usedBlocks * worker.blocks.blockSize;
  return held + (worker.ownsQueue ? worker.queue.tokens : 0);
}

/** The first ready replica whose id is at least `turn`, wrapping around to the lowest. */
function nextInTurn<W extends PrefillWorker | DecodeWorker>(
  workers: readonly W[],
  turn: number,
): W | null {
  let first: W | null = null;
  for (const worker of workers) {
    if (worker.state !== "ready") continue;
    if (worker.id >= turn) return worker;
    if (first === null) first = worker;
  }
  return first;
}
