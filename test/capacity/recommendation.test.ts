// Choosing what to deploy from simulated configurations: hand-checked choices and margins.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recommend, type Candidate } from "../../sim/capacity/recommendation.ts";

const c = (name: string, attainment: number, gpuHours: number): Candidate<string> => ({
  settings: name,
  attainment,
  gpuHours,
  peakGpus: 8,
});

describe("choosing a configuration", () => {
  const candidates = [
    c("lean", 0.9, 3),
    c("steady", 0.99, 5),
    c("generous", 0.995, 7),
    c("wasteful", 0.99, 6),
    c("unjudged", Number.NaN, 1),
  ];

  it("takes the cheapest that meets the goal, on the frontier", () => {
    const choice = recommend(candidates, 0.99);
    expect(choice.chosen.settings).toBe("steady");
    expect(choice.meetsGoal).toBe(true);
    expect(choice.onFrontier).toBe(true);
    expect(choice.aboveFrontierGpuHours).toBe(0);
    expect(choice.cheaperFrontier?.settings).toBe("lean");
    expect(choice.frontier.map((f) => f.settings)).toEqual(["lean", "steady", "generous"]);
  });

  it("takes the closest when none meets the goal, and says so", () => {
    const choice = recommend(candidates, 0.999);
    expect(choice.chosen.settings).toBe("generous");
    expect(choice.meetsGoal).toBe(false);
  });

  it("breaks a cost tie by attainment", () => {
    const choice = recommend([c("a", 0.99, 5), c("b", 0.995, 5)], 0.99);
    expect(choice.chosen.settings).toBe("b");
  });

  it("never picks a NaN attainment, and refuses when nothing was judged", () => {
    expect(recommend(candidates, 0.5).chosen.settings).toBe("lean");
    expect(() => recommend([c("x", Number.NaN, 1)], 0.5)).toThrow(
      "no candidate had any request to judge",
    );
  });

  it("meets the goal whenever any candidate does, at the least cost of those that do", () => {
    const candidate = fc.record({
      settings: fc.string(),
      attainment: fc.double({ min: 0, max: 1, noNaN: true }),
      gpuHours: fc.double({ min: 0, max: 100, noNaN: true }),
      peakGpus: fc.constant(1),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (list, goal) => {
          const choice = recommend(list, goal);
          const meeting = list.filter((x) => x.attainment >= goal);
          expect(choice.meetsGoal).toBe(meeting.length > 0);
          if (meeting.length > 0) {
            expect(choice.chosen.gpuHours).toBe(Math.min(...meeting.map((x) => x.gpuHours)));
            expect(choice.onFrontier).toBe(true);
          } else {
            expect(choice.chosen.attainment).toBe(Math.max(...list.map((x) => x.attainment)));
          }
        },
      ),
    );
  });
});
