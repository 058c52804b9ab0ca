import { describe, expect, it } from "vitest";
import { RunStatistics } from "../../sim/engine/runStatistics.ts";

describe("RunStatistics", () => {
  it("counts a completion as meeting the SLA only when TTFT and ITL are both within target", () => {
    const s = new RunStatistics(0.5, 0.05);
    s.recordCompletion(0.5, 0.05, 1); // both exactly on target: met
    s.recordCompletion(0.51, 0.01, 1); // TTFT late
    s.recordCompletion(0.1, 0.06, 1); // ITL slow
    s.recordCompletion(0.1, NaN, 1); // one output token: judged on TTFT alone
    expect([s.completed, s.metSla]).toEqual([4, 2]);
    expect([s.ttftS.size, s.itlS.size]).toEqual([4, 3]);
  });

  it("keeps completions without output tokens out of TTFT and the SLA count", () => {
    const s = new RunStatistics(0.5, 0.05);
    s.recordCompletion(NaN, NaN, 0.1);
    expect([s.completed, s.noOutput, s.metSla, s.ttftS.size, s.durationS.size]).toEqual([
      1, 1, 0, 0, 1,
    ]);
  });

  it("takeInterval() summarises the completions since the last call, then starts over", () => {
    const s = new RunStatistics(0.5, 0.05);
    s.recordCompletion(0.2, 0.01, 1);
    s.recordCompletion(0.6, 0.03, 2);
    const interval = s.takeInterval();
    expect(interval).toEqual({
      completed: 2,
      slaAttainment: 0.5,
      ttftP50S: expect.closeTo(0.4, 12),
      ttftP90S: expect.closeTo(0.56, 12),
      ttftP99S: expect.closeTo(0.596, 12),
      itlP50S: expect.closeTo(0.02, 12),
      itlP90S: expect.closeTo(0.028, 12),
      itlP99S: expect.closeTo(0.0298, 12),
    });
    const empty = s.takeInterval();
    expect(empty.completed).toBe(0);
    expect(empty.slaAttainment).toBeNaN();
    expect(empty.ttftP50S).toBeNaN();
    // The run's totals are kept.
    expect(s.completed).toBe(2);
  });

  it("counts rejections by reason", () => {
    const s = new RunStatistics(0.5, 0.05);
    s.recordRejection("exceeds-context");
    s.recordRejection("exceeds-kv-capacity");
    s.recordRejection("exceeds-kv-capacity");
    s.recordRejection("migration-limit");
    expect(s.rejected).toEqual({
      "exceeds-context": 1,
      "exceeds-kv-capacity": 2,
      "preemption-limit": 0,
      "migration-limit": 1,
    });
    expect(s.totalRejected).toBe(4);
  });
});
