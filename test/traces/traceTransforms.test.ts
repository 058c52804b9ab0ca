import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, InputError } from "../../src/errors.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { limitDuration, offset, replicate, speedUp } from "../../sim/traces/traceTransforms.ts";
import { sortedRequestsArb } from "./traceArbitraries.ts";
import { asAsync, collect, isInArrivalOrder, makeRequest, requestsAt } from "./traceFactories.ts";

const arrivalsOf = (requests: Iterable<TraceRequest>) => [...requests].map((r) => r.arrivalS);

/** Shapes of requests, sorted, to compare two streams as multisets. */
const shapesOf = (requests: readonly TraceRequest[]) =>
  requests.map((r) => `${r.islTokens}/${r.oslTokens}`).sort();

describe("speedUp", () => {
  it("speedUp(2) halves every arrival", () => {
    expect(arrivalsOf(speedUp(2)(requestsAt([0, 1, 3, 3, 10])))).toEqual([0, 0.5, 1.5, 1.5, 5]);
  });

  it("keeps lengths and hash ids", () => {
    const request = makeRequest({ arrivalS: 4, islTokens: 7, oslTokens: 3, hashIds: [1, 2] });
    expect([...speedUp(4)([request])]).toEqual([{ ...request, arrivalS: 1 }]);
  });

  it("keeps any sorted stream sorted, with the same number of requests", () => {
    fc.assert(
      fc.property(
        sortedRequestsArb,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (requests, k) => {
          const faster = [...speedUp(k)(requests)];
          expect(faster).toHaveLength(requests.length);
          expect(isInArrivalOrder(faster)).toBe(true);
        },
      ),
    );
  });

  it.each([0, -1, Number.NaN, Infinity])("rejects the factor %s", (factor) => {
    expect(() => speedUp(factor)).toThrow(ConfigError);
  });
});

describe("offset", () => {
  it("offset(10) adds 10 s to every arrival", () => {
    expect(arrivalsOf(offset(10)(requestsAt([0, 0.5, 2])))).toEqual([10, 10.5, 12]);
  });

  it("rejects a negative offset", () => {
    expect(() => offset(-1)).toThrow(
      new ConfigError("offset: offsetS must be a number of seconds ≥ 0, got -1"),
    );
  });
});

describe("limitDuration", () => {
  it("limitDuration(2) keeps the requests arriving before 2 s", () => {
    expect(arrivalsOf(limitDuration(2)(requestsAt([0, 1, 1.999, 2, 3])))).toEqual([0, 1, 1.999]);
  });

  it("stops reading at the first late request, so it ends even an endless stream", () => {
    function* everySecond(): Generator<TraceRequest> {
      for (let s = 0; ; s += 1) yield makeRequest({ arrivalS: s });
    }
    expect(arrivalsOf(limitDuration(3)(everySecond()))).toEqual([0, 1, 2]);
  });

  it("rejects a negative or NaN duration", () => {
    expect(() => limitDuration(-1)).toThrow(ConfigError);
    expect(() => limitDuration(Number.NaN)).toThrow(ConfigError);
  });
});

describe("replicate", () => {
  it("replicate(3) triples [0, 1, 1, 4]: copies fall in the gap to the next arrival", () => {
    const output = [...replicate(3, 1)(requestsAt([0, 1, 1, 4]))];
    expect(output).toHaveLength(12);
    expect(isInArrivalOrder(output)).toBe(true);
    // Each original is followed by its two copies, all within [own arrival, next arrival].
    const bounds = [
      [0, 1],
      [1, 1],
      [1, 4],
      [4, 4],
    ];
    bounds.forEach(([fromS, toS], i) => {
      const group = output.slice(3 * i, 3 * i + 3);
      expect(group[0]).toEqual(makeRequest({ arrivalS: fromS, islTokens: i + 1 }));
      for (const copy of group) {
        expect(copy.islTokens).toBe(i + 1);
        expect(copy.arrivalS).toBeGreaterThanOrEqual(fromS);
        expect(copy.arrivalS).toBeLessThanOrEqual(toS);
      }
    });
  });

  it("replicate(1) changes nothing", () => {
    const requests = requestsAt([0, 0.5, 9]);
    expect([...replicate(1, 3)(requests)]).toEqual(requests);
  });

  it("is deterministic for a seed and replays the same output when iterated again", () => {
    const requests = requestsAt([0, 1, 2, 5]);
    const replicated = replicate(4, 99)(requests);
    expect([...replicated]).toEqual([...replicated]);
    expect([...replicated]).toEqual([...replicate(4, 99)(requests)]);
  });

  it("replicate(3) triples any sorted stream, keeping order and every request's shape", () => {
    fc.assert(
      fc.property(sortedRequestsArb, fc.integer(), (requests, seed) => {
        const tripled = [...replicate(3, seed)(requests)];
        expect(tripled).toHaveLength(3 * requests.length);
        expect(isInArrivalOrder(tripled)).toBe(true);
        expect(shapesOf(tripled)).toEqual(shapesOf([...requests, ...requests, ...requests]));
      }),
    );
  });

  it("rejects a copy count that is not a whole number ≥ 1", () => {
    expect(() => replicate(0, 1)).toThrow(ConfigError);
    expect(() => replicate(1.5, 1)).toThrow(ConfigError);
  });
});

describe("transforms on streams", () => {
  it("work on an async stream and give an async stream", async () => {
    const output = replicate(2, 5)(speedUp(2)(asAsync(requestsAt([0, 2, 4]))));
    expect(Symbol.asyncIterator in output).toBe(true);
    const requests = await collect(limitDuration(2)(output));
    expect(requests).toHaveLength(4);
    expect(requests.map((r) => r.islTokens)).toEqual([1, 1, 2, 2]);
    expect(isInArrivalOrder(requests)).toBe(true);
  });

  it("give the same result on a sync and an async stream", async () => {
    await fc.assert(
      fc.asyncProperty(sortedRequestsArb, async (requests) => {
        const fromSync = limitDuration(1800)(replicate(2, 8)(speedUp(1.5)(requests)));
        const fromAsync = limitDuration(1800)(replicate(2, 8)(speedUp(1.5)(asAsync(requests))));
        expect(await collect(fromAsync)).toEqual([...fromSync]);
      }),
    );
  });

  it("refuse a stream out of arrival order, naming the request", () => {
    expect(() => [...speedUp(1)(requestsAt([0, 2, 1]))]).toThrow(
      new InputError(
        "trace transform: request 3 must arrive at or after 2 s, the previous request's, got 1",
      ),
    );
  });
});
