/**
 * Paged KV cache accounting, as vLLM's block manager does it: a worker's KV cache memory is cut
 * into blocks of `blockSize` tokens, and a request holds whole blocks, so a request of 20 tokens
 * with blocks of 16 holds 2 blocks. Only counts are kept; which request holds which block is the
 * caller's business, which keeps every call O(1).
 */

/** Blocks needed to hold `tokens` tokens (≥ 0): ceil(tokens / blockSize), 0 for 0 tokens. */
export function blocksForTokens(tokens: number, blockSize: number): number {
  return Math.ceil(tokens / blockSize);
}

/** A worker's pool of KV cache blocks, shared by the requests it serves. */
export class KvBlockPool {
  readonly totalBlocks: number;
  readonly blockSize: number;
  private numFreeBlocks: number;

  /** A pool of `totalBlocks` free blocks of `blockSize` tokens; both positive integers. */
  constructor(totalBlocks: number, blockSize: number) {
    requirePositiveInteger("totalBlocks", totalBlocks);
    requirePositiveInteger("blockSize", blockSize);
    this.totalBlocks = totalBlocks;
    this.blockSize = blockSize;
    this.numFreeBlocks = totalBlocks;
  }

  get freeBlocks(): number {
    return this.numFreeBlocks;
  }

  get usedBlocks(): number {
    return this.totalBlocks - this.numFreeBlocks;
  }

  /**
   * Blocks a holder of `heldTokens` tokens must add to hold `extraTokens` more. The last block a
   * holder has may be partly empty, so a few extra tokens can need no new block at all.
   */
  extraBlocksFor(heldTokens: number, extraTokens: number): number {
    const size = this.blockSize;
    return blocksForTokens(heldTokens + extraTokens, size) - blocksForTokens(heldTokens, size);
  }

  /** Whether those extra blocks are free now. */
  fits(heldTokens: number, extraTokens: number): boolean {
    return this.extraBlocksFor(heldTokens, extraTokens) <= this.numFreeBlocks;
  }

  /**
   * Takes the blocks a holder of `heldTokens` tokens needs for `extraTokens` (≥ 0) more. Throws
   * when they do not fit: the caller should have asked fits() first, so this is a bug, not input.
   */
  grow(heldTokens: number, extraTokens: number): void {
    const extraBlocks = this.extraBlocksFor(heldTokens, extraTokens);
    if (!(extraTokens >= 0) || extraBlocks > this.numFreeBlocks) {
      throw new Error(
        `KvBlockPool.grow: ${heldTokens} held tokens + ${extraTokens} extra need ` +
          `${extraBlocks} more blocks, expected at most the ${this.numFreeBlocks} free`,
      );
    }
    this.numFreeBlocks -= extraBlocks;
  }

  /**
   * Takes `count` single blocks at once, one for each of `count` holders whose last block is
   * full (what a decode iteration needs, counted without visiting every holder). Throws when
   * fewer are free.
   */
  takeBlocks(count: number): void {
    if (!(count >= 0) || count > this.numFreeBlocks) {
      throw new Error(
        `KvBlockPool.takeBlocks: ${count} blocks asked for, expected at most the ${this.numFreeBlocks} free`,
      );
    }
    this.numFreeBlocks -= count;
  }

  /** Gives back every block of a holder of `heldTokens` tokens. Throws if more than are in use. */
  release(heldTokens: number): void {
    const blocks = blocksForTokens(heldTokens, this.blockSize);
    if (!(blocks >= 0) || blocks > this.usedBlocks) {
      throw new Error(
        `KvBlockPool.release: ${heldTokens} held tokens are ${blocks} blocks, ` +
          `expected at most the ${this.usedBlocks} in use`,
      );
    }
    this.numFreeBlocks += blocks;
  }
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`KvBlockPool: ${name} must be a positive integer, got ${value}`);
  }
}
