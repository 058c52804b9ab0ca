import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PrefixCache } from "../../sim/engine/prefixCache.ts";

/** A cache of `capacityBlocks` after storing each list of hash ids in turn. */
function makeCache(capacityBlocks: number, ...stored: number[][]): PrefixCache {
  const cache = new PrefixCache(capacityBlocks);
  for (const hashIds of stored) cache.store(hashIds);
  return cache;
}

/**
 * The obvious, slow LRU: an array of hash ids from least to most recent. Storing an id moves it
 * to the end; when the array grows past the capacity its first id goes.
 */
class RecencyListModel {
  readonly idsByRecency: number[] = [];

  constructor(readonly capacityBlocks: number) {}

  cachedPrefixBlocks(hashIds: readonly number[]): number {
    const miss = hashIds.findIndex((id) => !this.idsByRecency.includes(id));
    return miss === -1 ? hashIds.length : miss;
  }

  store(hashIds: readonly number[]): void {
    for (const id of hashIds) {
      const at = this.idsByRecency.indexOf(id);
      if (at !== -1) this.idsByRecency.splice(at, 1);
      this.idsByRecency.push(id);
      if (this.idsByRecency.length > this.capacityBlocks) this.idsByRecency.shift();
    }
  }
}

/** Hash ids from a small set so that requests share prefixes and blocks often come back. */
const hashIdsArb = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 });
const cacheStepArb = fc.record({ kind: fc.constantFrom("store", "lookup"), hashIds: hashIdsArb });

describe("PrefixCache", () => {
  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new PrefixCache(0)).toThrow(RangeError);
    expect(() => new PrefixCache(2.5)).toThrow(/capacityBlocks/);
  });

  it("cachedPrefixBlocks() of an empty cache, or of no ids, is 0", () => {
    expect(makeCache(4).cachedPrefixBlocks([1, 2])).toBe(0);
    expect(makeCache(4, [1, 2]).cachedPrefixBlocks([])).toBe(0);
  });

  it("counts the leading cached blocks and stops at the first miss", () => {
    const cache = makeCache(8, [1, 2, 3]);
    expect(cache.cachedPrefixBlocks([1, 2, 9])).toBe(2);
    expect(cache.cachedPrefixBlocks([1, 2, 3, 4])).toBe(3);
    expect(cache.cachedPrefixBlocks([1, 9, 3])).toBe(1);
    expect(cache.size).toBe(3);
  });

  it("does not hit on blocks evicted to make room for another request's", () => {
    const cache = makeCache(2, [1, 2], [3, 4]);
    expect(cache.cachedPrefixBlocks([1, 2])).toBe(0);
    expect(cache.cachedPrefixBlocks([3, 4])).toBe(2);
    expect(cache.size).toBe(2);
  });

  it("counts no prefix when the first block is gone, even if later ones remain", () => {
    // Storing [3] into a full cache of 2 evicts 1, the least recent, and keeps 2.
    const cache = makeCache(2, [1, 2], [3]);
    expect(cache.cachedPrefixBlocks([2])).toBe(1);
    expect(cache.cachedPrefixBlocks([1, 2])).toBe(0);
  });

  it("store() of a cached block makes it most recent, so the next eviction spares it", () => {
    const cache = makeCache(3, [1, 2, 3], [1], [4]);
    expect(cache.cachedPrefixBlocks([2])).toBe(0);
    expect(cache.cachedPrefixBlocks([1])).toBe(1);
    expect(cache.cachedPrefixBlocks([3, 4])).toBe(2);
  });

  it("cachedPrefixBlocks() does not change recency", () => {
    const cache = makeCache(2, [1, 2]);
    expect(cache.cachedPrefixBlocks([1])).toBe(1);
    cache.store([3]);
    expect(cache.cachedPrefixBlocks([1])).toBe(0);
    expect(cache.cachedPrefixBlocks([2, 3])).toBe(2);
  });

  it("keeps only the last blocks of a request longer than the capacity", () => {
    const cache = makeCache(2, [9], [1, 2, 3, 4]);
    expect(cache.size).toBe(2);
    expect(cache.cachedPrefixBlocks([3, 4])).toBe(2);
    expect(cache.cachedPrefixBlocks([9])).toBe(0);
    expect(cache.cachedPrefixBlocks([1])).toBe(0);
  });

  it("answers every lookup as an array ordered by recency does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(cacheStepArb, { maxLength: 60 }),
        (capacityBlocks, steps) => {
          const cache = new PrefixCache(capacityBlocks);
          const model = new RecencyListModel(capacityBlocks);
          for (const step of steps) {
            if (step.kind === "store") {
              cache.store(step.hashIds);
              model.store(step.hashIds);
            } else {
              expect(cache.cachedPrefixBlocks(step.hashIds)).toBe(
                model.cachedPrefixBlocks(step.hashIds),
              );
            }
            // Every id the model holds is cached, and no other.
            expect(cache.size).toBe(model.idsByRecency.length);
            for (let id = 0; id <= 12; id += 1) {
              expect(cache.cachedPrefixBlocks([id])).toBe(model.idsByRecency.includes(id) ? 1 : 0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
