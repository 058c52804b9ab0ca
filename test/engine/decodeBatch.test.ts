// The decode batch derives every request's tokens instead of counting them per iteration; these
// tests hold it to a naive batch that does count them, one request at a time.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeBatch } from "../../sim/engine/decodeBatch.ts";
import { contextTokens, makeSimRequest, type SimRequest } from "../../sim/engine/simRequest.ts";

/** A request that has had its first token at `firstTokenAtS` and waits for decode. */
function decoding(islTokens: number, oslTokens: number, firstTokenAtS = 0, streaming = true) {
  const request = makeSimRequest(0, { arrivalS: 0, islTokens, oslTokens }, streaming);
  request.generatedTokens = 1;
  request.firstTokenAtS = request.lastTokenAtS = firstTokenAtS;
  return request;
}

describe("DecodeBatch by hand", () => {
  it("gives each request one token per iteration and lets it go after its last", () => {
    const batch = new DecodeBatch(null);
    const short = decoding(10, 3);
    const long = decoding(20, 5);
    batch.join(short, 0.1);
    batch.join(long, 0.1);
    expect([batch.size, batch.contextTokens]).toEqual([2, 11 + 21]);

    const finished: SimRequest[] = [];
    batch.finishStep(0.1, 0.11, finished);
    expect(finished).toEqual([]);
    // Both waited 0.1 s since their first token: two gaps of 0.1 + 0.01 s.
    expect(batch.gapSumS).toBeCloseTo(0.22, 12);
    batch.finishStep(0.11, 0.12, finished);
    expect(finished).toEqual([short]);
    expect([short.generatedTokens, short.lastTokenAtS]).toEqual([3, 0.12]);
    expect([batch.size, batch.contextTokens]).toEqual([1, 23]);
    expect([batch.gapSumS, batch.gapCount]).toEqual([expect.closeTo(0.02, 12), 2]);
  });

  it("counts the new blocks an iteration needs: contexts that fill their blocks", () => {
    // Blocks of 4: a context of 8 needs a new block for its next token, one of 6 does not;
    // two iterations later, 6 has become 8.
    const batch = new DecodeBatch(4);
    batch.join(decoding(7, 10), 0); // context 8
    batch.join(decoding(5, 10), 0); // context 6
    expect(batch.blocksNeeded()).toBe(1);
    const finished: SimRequest[] = [];
    batch.finishStep(0, 1, finished);
    expect(batch.blocksNeeded()).toBe(0);
    batch.finishStep(1, 2, finished);
    expect(batch.blocksNeeded()).toBe(1);
  });

  it("takes out the newest request with the tokens it has, and stops counting its gap", () => {
    const batch = new DecodeBatch(null);
    const old = decoding(10, 50);
    const young = decoding(10, 50);
    batch.join(old, 0);
    const finished: SimRequest[] = [];
    batch.finishStep(0, 0.01, finished);
    batch.join(young, 0.01);
    expect(batch.removeNewest(0.01)).toBe(young);
    expect(young.generatedTokens).toBe(1);
    expect(batch.removeNewest(0.01)).toBe(old);
    expect([old.generatedTokens, old.lastTokenAtS]).toEqual([2, 0.01]);
    expect(batch.removeNewest(0.01)).toBeUndefined();
    expect([batch.size, batch.contextTokens]).toEqual([0, 0]);
  });
});

/** What a test does to a batch: join a request, end an iteration, preempt, or lose them all. */
type Operation =
  | { kind: "join"; isl: number; osl: number; streaming: boolean }
  | { kind: "step"; lengthS: number }
  | { kind: "preempt" }
  | { kind: "fail" };

const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("join" as const),
      isl: fc.integer({ min: 1, max: 40 }),
      osl: fc.integer({ min: 2, max: 30 }),
      streaming: fc.boolean(),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("step" as const),
      lengthS: fc.double({ min: 0.001, max: 1, noNaN: true }),
    }),
    weight: 6,
  },
  { arbitrary: fc.constant({ kind: "preempt" as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: "fail" as const }), weight: 1 },
);

describe("DecodeBatch against a batch that counts every token", () => {
  it("agrees on sizes, contexts, gaps, blocks needed, and each leaver's tokens", () => {
    fc.assert(
      fc.property(
        fc.array(operationArb, { maxLength: 80 }),
        fc.option(fc.integer({ min: 1, max: 16 }), { nil: null }),
        (operations, blockSize) => {
          const batch = new DecodeBatch(blockSize);
          const naive: SimRequest[] = [];
          let nowS = 0;
          for (const op of operations) {
            if (op.kind === "join") {
              const request = decoding(op.isl, op.osl, nowS - 0.5, op.streaming);
              batch.join(request, nowS);
              // The naive batch keeps its own copy, counted token by token.
              naive.push({ ...request });
            } else if (op.kind === "step") {
              if (blockSize !== null) {
                const due = naive.filter((r) => contextTokens(r) % blockSize === 0).length;
                expect(batch.blocksNeeded()).toBe(due);
              }
              const endS = nowS + op.lengthS;
              let gapSumS = 0;
              let gapCount = 0;
              for (const r of naive) {
                if (r.streaming) {
                  gapSumS += endS - r.lastTokenAtS;
                  gapCount += 1;
                }
                r.generatedTokens += 1;
                r.lastTokenAtS = endS;
              }
              const finished: SimRequest[] = [];
              batch.finishStep(nowS, endS, finished);
              nowS = endS;
              expect(batch.gapCount).toBe(gapCount);
              expect(batch.gapSumS).toBeCloseTo(gapSumS, 9);
              const done = naive.filter((r) => r.generatedTokens >= r.oslTokens);
              expect(finished.map(tokensOf).sort()).toEqual(done.map(tokensOf).sort());
              naive.splice(
                0,
                naive.length,
                ...naive.filter((r) => r.generatedTokens < r.oslTokens),
              );
            } else if (op.kind === "preempt") {
              const removed = batch.removeNewest(nowS);
              const expected = naive.pop();
              expect(removed === undefined ? undefined : tokensOf(removed)).toEqual(
                expected === undefined ? undefined : tokensOf(expected),
              );
            } else {
              expect(batch.takeAll().map(tokensOf)).toEqual(naive.map(tokensOf));
              naive.length = 0;
            }
            expect(batch.size).toBe(naive.length);
            expect(batch.contextTokens).toBe(naive.reduce((sum, r) => sum + contextTokens(r), 0));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A request's identity and progress, comparable across the two batches. */
function tokensOf(r: SimRequest): string {
  return `${r.islTokens}/${r.oslTokens}/${r.generatedTokens}/${r.lastTokenAtS.toFixed(9)}`;
}
