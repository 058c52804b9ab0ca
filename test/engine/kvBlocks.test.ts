import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blocksForTokens, KvBlockPool } from "../../sim/engine/kvBlocks.ts";

/** A pool of `totalBlocks` blocks of 16 tokens where one request already holds `heldTokens`. */
function makePoolHolding(totalBlocks: number, heldTokens: number): KvBlockPool {
  const pool = new KvBlockPool(totalBlocks, 16);
  pool.grow(0, heldTokens);
  return pool;
}

/** One step against a pool shared by four holders: grow holder `holder`, or release it. */
type PoolStep =
  { kind: "grow"; holder: number; extraTokens: number } | { kind: "release"; holder: number };

const holderArb = fc.integer({ min: 0, max: 3 });
const poolStepArb: fc.Arbitrary<PoolStep> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("grow" as const),
      holder: holderArb,
      extraTokens: fc.integer({ min: 0, max: 200 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("release" as const), holder: holderArb }) },
);
const poolShapeArb = fc.record({
  totalBlocks: fc.integer({ min: 1, max: 40 }),
  blockSize: fc.integer({ min: 1, max: 32 }),
});

describe("blocksForTokens", () => {
  it("blocksForTokens(tokens, 16) rounds up to whole blocks", () => {
    expect(blocksForTokens(0, 16)).toBe(0);
    expect(blocksForTokens(1, 16)).toBe(1);
    expect(blocksForTokens(16, 16)).toBe(1);
    expect(blocksForTokens(17, 16)).toBe(2);
    expect(blocksForTokens(49, 16)).toBe(4);
  });
});

describe("KvBlockPool", () => {
  it("starts with every block free", () => {
    const pool = new KvBlockPool(8, 16);
    expect([pool.totalBlocks, pool.blockSize, pool.freeBlocks, pool.usedBlocks]).toEqual([
      8, 16, 8, 0,
    ]);
  });

  it("rejects a non-positive or fractional size, naming the argument", () => {
    expect(() => new KvBlockPool(0, 16)).toThrow(RangeError);
    expect(() => new KvBlockPool(-3, 16)).toThrow(/totalBlocks/);
    expect(() => new KvBlockPool(8, 0)).toThrow(/blockSize/);
    expect(() => new KvBlockPool(8, 1.5)).toThrow(/blockSize/);
    expect(() => new KvBlockPool(Number.NaN, 16)).toThrow(/totalBlocks/);
  });

  it("grows a request of 20 tokens by 20 more into its one free block", () => {
    // 20 tokens hold 2 blocks of 16, so a pool of 3 has 1 free; 40 tokens need 3 blocks.
    const pool = makePoolHolding(3, 20);
    expect(pool.freeBlocks).toBe(1);
    expect(pool.extraBlocksFor(20, 20)).toBe(1);
    expect(pool.fits(20, 20)).toBe(true);
    pool.grow(20, 20);
    expect([pool.usedBlocks, pool.freeBlocks]).toEqual([3, 0]);
  });

  it("does not fit 29 more tokens into a request of 20 with one free block", () => {
    // 49 tokens need 4 blocks: 2 more than the 2 held, and only 1 is free.
    const pool = makePoolHolding(3, 20);
    expect(pool.extraBlocksFor(20, 29)).toBe(2);
    expect(pool.fits(20, 29)).toBe(false);
    expect(() => pool.grow(20, 29)).toThrow(/2 more blocks/);
    expect([pool.usedBlocks, pool.freeBlocks]).toEqual([2, 1]);
  });

  it("grows within a partly filled last block without taking a block", () => {
    const pool = makePoolHolding(2, 20);
    expect(pool.extraBlocksFor(20, 12)).toBe(0);
    pool.grow(20, 12);
    expect(pool.usedBlocks).toBe(2);
  });

  it("release(heldTokens) gives back every block of the holder", () => {
    const pool = makePoolHolding(5, 33);
    pool.release(33);
    expect([pool.usedBlocks, pool.freeBlocks]).toEqual([0, 5]);
  });

  it("throws when released more blocks than are in use, or grown by negative tokens", () => {
    const pool = makePoolHolding(5, 16);
    expect(() => pool.release(17)).toThrow(/expected at most the 1 in use/);
    expect(() => pool.grow(16, -16)).toThrow(Error);
    expect(pool.usedBlocks).toBe(1);
  });

  it("always has used + free = total, and used = the blocks its holders need", () => {
    fc.assert(
      fc.property(poolShapeArb, fc.array(poolStepArb, { maxLength: 60 }), (shape, steps) => {
        const pool = new KvBlockPool(shape.totalBlocks, shape.blockSize);
        const heldTokens = [0, 0, 0, 0];
        for (const step of steps) {
          const held = heldTokens[step.holder];
          if (step.kind === "grow") {
            if (pool.fits(held, step.extraTokens)) {
              pool.grow(held, step.extraTokens);
              heldTokens[step.holder] += step.extraTokens;
            }
          } else {
            pool.release(held);
            heldTokens[step.holder] = 0;
          }
          const needed = heldTokens.reduce(
            (sum, t) => sum + blocksForTokens(t, shape.blockSize),
            0,
          );
          expect(pool.usedBlocks + pool.freeBlocks).toBe(pool.totalBlocks);
          expect(pool.usedBlocks).toBe(needed);
        }
      }),
    );
  });

  it("fits(held, extra) is true exactly when grow(held, extra) does not throw", () => {
    fc.assert(
      fc.property(poolShapeArb, fc.array(poolStepArb, { maxLength: 60 }), (shape, steps) => {
        const pool = new KvBlockPool(shape.totalBlocks, shape.blockSize);
        const heldTokens = [0, 0, 0, 0];
        for (const step of steps) {
          const held = heldTokens[step.holder];
          if (step.kind === "release") {
            pool.release(held);
            heldTokens[step.holder] = 0;
            continue;
          }
          const fits = pool.fits(held, step.extraTokens);
          let threw = false;
          try {
            pool.grow(held, step.extraTokens);
            heldTokens[step.holder] += step.extraTokens;
          } catch {
            threw = true;
          }
          expect(threw).toBe(!fits);
        }
      }),
    );
  });

  it("growing a holder in steps and then releasing it returns the pool to where it was", () => {
    fc.assert(
      fc.property(
        poolShapeArb,
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 10 }),
        (shape, otherTokens, growths) => {
          const pool = new KvBlockPool(shape.totalBlocks, shape.blockSize);
          if (pool.fits(0, otherTokens)) pool.grow(0, otherTokens);
          const freeBefore = pool.freeBlocks;
          let held = 0;
          for (const extraTokens of growths) {
            if (!pool.fits(held, extraTokens)) break;
            pool.grow(held, extraTokens);
            held += extraTokens;
          }
          pool.release(held);
          expect(pool.freeBlocks).toBe(freeBefore);
        },
      ),
    );
  });
});
