import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, InputError } from "../../src/errors.ts";
import { intervalSeries, traceIntervals } from "../../sim/traces/intervalSeries.ts";
import type { TraceRequest } from "../../sim/traces/traceRequest.ts";
import { sortedRequestsArb } from "./traceArbitraries.ts";
import { asAsync, makeRequest } from "./traceFactories.ts";

describe("intervalSeries", () => {
  it("buckets requests by ⌊arrivalS / intervalS⌋, keeping empty intervals", async () => {
    const requests = [
      makeRequest({ arrivalS: 0, islTokens: 100, oslTokens: 10 }),
      makeRequest({ arrivalS: 10, islTokens: 200, oslTokens: 20 }),
      makeRequest({ arrivalS: 59.9, islTokens: 600, oslTokens: 30 }),
      makeRequest({ arrivalS: 60, islTokens: 50, oslTokens: 5 }),
      makeRequest({ arrivalS: 185, islTokens: 70, oslTokens: 7 }),
    ];
    const series = await intervalSeries(requests, 60);
    expect(series.intervalS).toBe(60);
    expect(series.numReq).toEqual([3, 1, 0, 1]);
    expect(series.meanIslTokens).toEqual([300, 50, NaN, 70]);
    expect(series.meanOslTokens).toEqual([20, 5, NaN, 7]);
  });

  it("starts at interval 0, the trace's start, even when the first request comes later", async () => {
    const series = await intervalSeries([makeRequest({ arrivalS: 130 })], 60);
    expect(series.numReq).toEqual([0, 0, 1]);
  });

  it("gives an empty series for a trace without requests", async () => {
    expect(await intervalSeries([], 60)).toEqual({
      intervalS: 60,
      numReq: [],
      meanIslTokens: [],
      meanOslTokens: [],
    });
  });

  it("gives the same series from a sync and an async stream", async () => {
    await fc.assert(
      fc.asyncProperty(sortedRequestsArb, fc.integer({ min: 1, max: 900 }), async (requests, s) => {
        expect(await intervalSeries(asAsync(requests), s)).toEqual(
          await intervalSeries(requests, s),
        );
      }),
    );
  });

  it("keeps every request and token: counts and means add back up to the trace", async () => {
    await fc.assert(
      fc.asyncProperty(sortedRequestsArb, fc.integer({ min: 1, max: 900 }), async (requests, s) => {
        const series = await intervalSeries(requests, s);
        const total = (values: number[]) => values.reduce((sum, v) => sum + v, 0);
        expect(total(series.numReq)).toBe(requests.length);
        const islTokens = series.numReq.map((n, k) => (n === 0 ? 0 : n * series.meanIslTokens[k]));
        const expectedIsl = total(requests.map((r) => r.islTokens));
        expect(total(islTokens)).toBeCloseTo(expectedIsl, 6);
        const expectedLength =
          requests.length === 0 ? 0 : Math.floor(requests.at(-1)!.arrivalS / s) + 1;
        expect(series.numReq).toHaveLength(expectedLength);
        series.numReq.forEach((n, k) => {
          expect(Number.isNaN(series.meanIslTokens[k])).toBe(n === 0);
          expect(Number.isNaN(series.meanOslTokens[k])).toBe(n === 0);
        });
      }),
    );
  });
});

describe("traceIntervals", () => {
  it("yields each interval as soon as a later request arrives, so it can stream", () => {
    function* endless(): Generator<TraceRequest> {
      for (let i = 0; ; i++) yield makeRequest({ arrivalS: i * 25 });
    }
    const intervals = traceIntervals(endless(), 60);
    const first = [intervals.next().value, intervals.next().value];
    expect(first).toEqual([
      { index: 0, startS: 0, numReq: 3, meanIslTokens: 100, meanOslTokens: 10 },
      { index: 1, startS: 60, numReq: 2, meanIslTokens: 100, meanOslTokens: 10 },
    ]);
  });

  it("refuses requests out of arrival order, naming the request", () => {
    const requests = [makeRequest({ arrivalS: 5 }), makeRequest({ arrivalS: 3 })];
    expect(() => [...traceIntervals(requests, 60)]).toThrow(InputError);
    expect(() => [...traceIntervals(requests, 60)]).toThrow(
      "interval series: request 2 must arrive at a finite time ≥ 5 s, the previous one's, got 3",
    );
  });

  it("refuses a negative or non-finite arrival", () => {
    expect(() => [...traceIntervals([makeRequest({ arrivalS: -1 })], 60)]).toThrow(
      "interval series: request 1 must arrive at a finite time ≥ 0 s, got -1",
    );
    expect(() => [...traceIntervals([makeRequest({ arrivalS: Infinity })], 60)]).toThrow(
      InputError,
    );
  });

  it("refuses an interval that is not a positive number of seconds", () => {
    for (const intervalS of [0, -60, NaN, Infinity]) {
      expect(() => traceIntervals([], intervalS)).toThrow(ConfigError);
    }
    expect(() => traceIntervals([], 0)).toThrow(
      "interval series: intervalS must be a number of seconds > 0, got 0",
    );
  });
});
