import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { stepLoad, type LoadStep } from "../../sim/traces/stepLoad.ts";
import { ratePerSArb, seedArb } from "./traceArbitraries.ts";
import { isInArrivalOrder } from "./traceFactories.ts";
import { countIn } from "./loadStatistics.ts";

const STEPS: LoadStep[] = [
  { untilS: 100, ratePerS: 2 },
  { untilS: 200, ratePerS: 20 },
  { untilS: 300, ratePerS: 0 },
];

describe("stepLoad", () => {
  it("gives the same requests for the same seed, and other requests for another seed", () => {
    expect([...stepLoad(42, { steps: STEPS })]).toEqual([...stepLoad(42, { steps: STEPS })]);
    expect([...stepLoad(42, { steps: STEPS })]).not.toEqual([...stepLoad(43, { steps: STEPS })]);
  });

  it("holds each step's rate over its own interval", () => {
    // Poisson counts: 200 ± 4·√200 ≈ 57 in [0, 100); 2,000 ± 4·√2000 ≈ 179 in [100, 200).
    const requests = [...stepLoad(2024, { steps: STEPS })];
    expect(Math.abs(countIn(requests, 0, 100) - 200)).toBeLessThan(57);
    expect(Math.abs(countIn(requests, 100, 200) - 2000)).toBeLessThan(179);
    expect(countIn(requests, 200, Infinity)).toBe(0);
  });

  it("changes rate exactly at untilS: silent, then 1,000 req/s over [10, 20), then silent", () => {
    // At 1,000 req/s no gap of 0.02 s goes by unfilled but with probability e⁻²⁰ ≈ 2·10⁻⁹.
    const steps = [
      { untilS: 10, ratePerS: 0 },
      { untilS: 20, ratePerS: 1000 },
      { untilS: 30, ratePerS: 0 },
    ];
    const arrivalsS = [...stepLoad(5, { steps })].map((request) => request.arrivalS);
    expect(arrivalsS[0]).toBeGreaterThanOrEqual(10);
    expect(arrivalsS[0]).toBeLessThan(10.02);
    expect(arrivalsS.at(-1)).toBeLessThan(20);
    expect(arrivalsS.at(-1)).toBeGreaterThan(19.98);
  });

  it("keeps arrivals non-decreasing and before the last untilS, for any steps", () => {
    const stepsArb = fc
      .array(fc.tuple(fc.double({ min: 0.01, max: 5, noNaN: true }), ratePerSArb), {
        minLength: 1,
        maxLength: 6,
      })
      .map((pairs) => {
        let untilS = 0;
        return pairs.map(([lengthS, ratePerS]) => ({ untilS: (untilS += lengthS), ratePerS }));
      });
    fc.assert(
      fc.property(seedArb, stepsArb, (seed, steps) => {
        const requests = [...stepLoad(seed, { steps })];
        expect(isInArrivalOrder(requests)).toBe(true);
        const endS = steps[steps.length - 1].untilS;
        expect(requests.every((r) => r.arrivalS >= 0 && r.arrivalS < endS)).toBe(true);
      }),
    );
  });

  it("rejects steps out of order or out of range, naming the step", () => {
    expect(() => stepLoad(1, { steps: [] })).toThrow(
      new ConfigError("step load: steps must be a non-empty list of { untilS, ratePerS }, got []"),
    );
    expect(() =>
      stepLoad(1, {
        steps: [
          { untilS: 15, ratePerS: 1 },
          { untilS: 10, ratePerS: 1 },
        ],
      }),
    ).toThrow(
      new ConfigError(
        "step load: steps[1].untilS must be a number of seconds > steps[0].untilS (15), got 10",
      ),
    );
    expect(() => stepLoad(1, { steps: [{ untilS: 5, ratePerS: -2 }] })).toThrow(
      new ConfigError("step load: steps[0].ratePerS must be a number ≥ 0 and ≤ 100000, got -2"),
    );
    expect(() => stepLoad(1, { steps: [{ untilS: 0, ratePerS: 1 }] })).toThrow(ConfigError);
    const withExtra = [{ untilS: 5, ratePerS: 1, x: 1 }] as unknown as {
      untilS: number;
      ratePerS: number;
    }[];
    expect(() => stepLoad(1, { steps: withExtra })).toThrow(
      new ConfigError(
        'step load: steps[0] has an unknown field "x" (known fields: untilS, ratePerS)',
      ),
    );
    expect(() => stepLoad(1, { steps: STEPS, osl1Tokens: -1 })).toThrow(
      new ConfigError("step load: osl1Tokens must be a whole number ≥ 0, got -1"),
    );
  });
});
