import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SharedLink } from "../../sim/engine/sharedLink.ts";

const GB = 1e9;

/** A transfer to start: `bytes` for `item` at `atS` seconds. Lists are in order of `atS`. */
interface TransferToStart<T> {
  readonly item: T;
  readonly bytes: number;
  readonly atS: number;
}

/** A transfer as it came out of the link. */
interface FinishedTransfer<T> {
  readonly item: T;
  readonly finishS: number;
}

/**
 * Drives the link as the simulator does: start each transfer at its time, and otherwise jump to
 * nextCompletionS() and take what finished, which must never be nothing. Starts go first on
 * ties. When `pollFractions` is given, before each jump it also looks in at that fraction of the
 * way there, where nothing may have finished yet.
 */
function runTransfers<T>(
  link: SharedLink<T>,
  transfers: readonly TransferToStart<T>[],
  pollFractions: readonly number[] = [],
): FinishedTransfer<T>[] {
  const finished: FinishedTransfer<T>[] = [];
  let nowS = 0;
  let next = 0;
  let polls = 0;
  while (next < transfers.length || link.active > 0) {
    const startS = next < transfers.length ? transfers[next].atS : Infinity;
    const completionS = link.nextCompletionS();
    if (startS <= completionS) {
      const { item, bytes, atS } = transfers[next++];
      link.start(item, bytes, atS);
      nowS = atS;
      continue;
    }
    if (polls < pollFractions.length) {
      const pollS = nowS + (completionS - nowS) * pollFractions[polls++];
      if (pollS < completionS) expect(link.takeFinished(pollS)).toEqual([]);
      nowS = Math.max(nowS, pollS);
    }
    const items = link.takeFinished(completionS);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) finished.push({ item, finishS: completionS });
    nowS = completionS;
  }
  return finished;
}

/** Finish time of each item, by item. */
function finishTimes<T>(finished: readonly FinishedTransfer<T>[]): Map<T, number> {
  return new Map(finished.map(({ item, finishS }) => [item, finishS]));
}

describe("SharedLink", () => {
  it("rejects a bandwidth that is not > 0 and a latency that is not finite and ≥ 0", () => {
    expect(() => new SharedLink(0, 0)).toThrow(/bandwidthBytesPerS/);
    expect(() => new SharedLink(Number.NaN, 0)).toThrow(RangeError);
    expect(() => new SharedLink(1e9, -1)).toThrow(/latencyS/);
    expect(() => new SharedLink(1e9, Infinity)).toThrow(/latencyS/);
  });

  it("start() rejects negative bytes and a time earlier than one already seen", () => {
    const link = new SharedLink<string>(10 * GB, 0);
    expect(() => link.start("a", -1, 0)).toThrow(/bytes/);
    link.start("a", GB, 1);
    expect(() => link.start("b", GB, 0.5)).toThrow(/never decrease/);
    expect(() => link.takeFinished(0.5)).toThrow(/never decrease/);
  });

  it("an idle link has nothing active and its next completion is Infinity", () => {
    const link = new SharedLink<string>(10 * GB, 0.001);
    expect(link.active).toBe(0);
    expect(link.nextCompletionS()).toBe(Infinity);
    expect(link.takeFinished(5)).toEqual([]);
  });

  it("sends 1 GB at 10 GB/s with 1 ms latency in 0.101 s", () => {
    const link = new SharedLink<string>(10 * GB, 0.001);
    link.start("a", GB, 0);
    expect(link.active).toBe(1);
    expect(link.nextCompletionS()).toBeCloseTo(0.101, 12);
    // At 0.1 s the last byte has left but the latency is still running.
    expect(link.takeFinished(0.1)).toEqual([]);
    expect(link.active).toBe(1);
    expect(link.takeFinished(link.nextCompletionS())).toEqual(["a"]);
    expect(link.active).toBe(0);
    expect(link.nextCompletionS()).toBe(Infinity);
  });

  it("two equal transfers started together finish together at twice the time", () => {
    // Each gets 5 GB/s, so 1 GB takes 0.2 s, plus 1 ms.
    const link = new SharedLink<string>(10 * GB, 0.001);
    link.start("a", GB, 0);
    link.start("b", GB, 0);
    expect(link.nextCompletionS()).toBeCloseTo(0.201, 12);
    expect(link.takeFinished(link.nextCompletionS())).toEqual(["a", "b"]);
  });

  it("a transfer started halfway through another slows it, then speeds up when it finishes", () => {
    // a sends 0.5 GB alone in 0.05 s; then a and b each get 5 GB/s, so a's last 0.5 GB takes
    // 0.1 s (done at 0.15 s) while b sends 0.5 GB; b sends its last 0.5 GB alone by 0.2 s.
    const link = new SharedLink<string>(10 * GB, 0.001);
    const finished = runTransfers(link, [
      { item: "a", bytes: GB, atS: 0 },
      { item: "b", bytes: GB, atS: 0.05 },
    ]);
    expect(finished.map((transfer) => transfer.item)).toEqual(["a", "b"]);
    expect(finished[0].finishS).toBeCloseTo(0.151, 12);
    expect(finished[1].finishS).toBeCloseTo(0.201, 12);
  });

  it("a small transfer started with a large one finishes first", () => {
    // Both get 5 GB/s: b's 0.5 GB is sent by 0.1 s, then a's last 1.5 GB goes alone in 0.15 s.
    const link = new SharedLink<string>(10 * GB, 0);
    const finished = runTransfers(link, [
      { item: "a", bytes: 2 * GB, atS: 0 },
      { item: "b", bytes: 0.5 * GB, atS: 0 },
    ]);
    expect(finished.map((transfer) => transfer.item)).toEqual(["b", "a"]);
    expect(finished[0].finishS).toBeCloseTo(0.1, 12);
    expect(finished[1].finishS).toBeCloseTo(0.25, 12);
  });

  it("a transfer waiting out its latency uses no bandwidth", () => {
    // a's data is sent by 0.1 s; b, started at 0.5 s, has the link to itself.
    const link = new SharedLink<string>(10 * GB, 1);
    const times = finishTimes(
      runTransfers(link, [
        { item: "a", bytes: GB, atS: 0 },
        { item: "b", bytes: GB, atS: 0.5 },
      ]),
    );
    expect(times.get("a")).toBeCloseTo(1.1, 12);
    expect(times.get("b")).toBeCloseTo(1.6, 12);
  });

  it("zero bytes finish after the latency alone and take no share of the link", () => {
    const link = new SharedLink<string>(10 * GB, 0.003);
    const times = finishTimes(
      runTransfers(link, [
        { item: "a", bytes: GB, atS: 0 },
        { item: "empty", bytes: 0, atS: 0.05 },
        { item: "later", bytes: 0, atS: 2 },
      ]),
    );
    expect(times.get("empty")).toBeCloseTo(0.053, 12);
    expect(times.get("a")).toBeCloseTo(0.103, 12);
    expect(times.get("later")).toBeCloseTo(2.003, 12);
  });

  it("with Infinity bandwidth every transfer finishes after the latency alone", () => {
    const link = new SharedLink<string>(Infinity, 0.5);
    link.start("a", 1e12, 1);
    link.start("b", 3e12, 1);
    expect(link.nextCompletionS()).toBe(1.5);
    expect(link.takeFinished(1.4)).toEqual([]);
    expect(link.takeFinished(1.5)).toEqual(["a", "b"]);
    const instant = new SharedLink<string>(Infinity, 0);
    instant.start("c", 1e12, 2);
    expect(instant.takeFinished(2)).toEqual(["c"]);
  });

  it("takeFinished(t) returns all finished by t in finishing order, ties in start order", () => {
    // At 10 GB/s with no latency: c (0.1 GB) is sent at 0.03 s, then a and b (0.5 GB) together.
    const link = new SharedLink<string>(10 * GB, 0);
    link.start("a", 0.5 * GB, 0);
    link.start("b", 0.5 * GB, 0);
    link.start("c", 0.1 * GB, 0);
    expect(link.takeFinished(10)).toEqual(["c", "a", "b"]);
  });

  describe("properties", () => {
    const bandwidthArb = fc.constantFrom(1e9, 3e9, 12.5e9, 7e9 / 3);
    const latencyArb = fc.constantFrom(0, 0.001, 0.0037, 0.25);
    const bytesArb = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 4e9 }),
      fc.double({ min: 1, max: 4e9, noNaN: true }),
    );
    /** Gaps between starts: often none, so that transfers start together. */
    const gapArb = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));
    const scheduleArb = fc
      .array(fc.record({ gapS: gapArb, bytes: bytesArb }), { minLength: 1, maxLength: 30 })
      .map((starts) => {
        let atS = 0;
        return starts.map(({ gapS, bytes }, item) => ({ item, bytes, atS: (atS += gapS) }));
      });
    const pollFractionsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      maxLength: 30,
    });

    it("takeFinished(nextCompletionS()) returns a transfer, and nothing finishes sooner", () => {
      fc.assert(
        fc.property(
          bandwidthArb,
          latencyArb,
          scheduleArb,
          pollFractionsArb,
          (bandwidth, latency, schedule, polls) => {
            const finished = runTransfers(
              new SharedLink<number>(bandwidth, latency),
              schedule,
              polls,
            );
            expect(finished.length).toBe(schedule.length);
          },
        ),
        { numRuns: 300 },
      );
    });

    it("every transfer finishes no earlier than start + bytes / bandwidth + latency", () => {
      fc.assert(
        fc.property(bandwidthArb, latencyArb, scheduleArb, (bandwidth, latency, schedule) => {
          const times = finishTimes(
            runTransfers(new SharedLink<number>(bandwidth, latency), schedule),
          );
          for (const { item, bytes, atS } of schedule) {
            const soonestS = atS + bytes / bandwidth + latency;
            expect(times.get(item)).toBeGreaterThanOrEqual(soonestS - 1e-9 * soonestS);
          }
        }),
        { numRuns: 300 },
      );
    });

    it("never delivers more bytes than bandwidth × the time since the first start", () => {
      // A transfer that finished by t had sent all its bytes by t - latency.
      fc.assert(
        fc.property(bandwidthArb, latencyArb, scheduleArb, (bandwidth, latency, schedule) => {
          const finished = runTransfers(new SharedLink<number>(bandwidth, latency), schedule);
          const bytesOf = new Map(schedule.map(({ item, bytes }) => [item, bytes]));
          let deliveredBytes = 0;
          for (const { item, finishS } of finished) {
            deliveredBytes += bytesOf.get(item) ?? 0;
            // Slack for rounding: a billionth of the bytes, and of the time as a float holds it.
            const slackBytes = 1e-9 * deliveredBytes + 1e-12 * bandwidth * finishS;
            const capacityBytes = bandwidth * (finishS - latency - schedule[0].atS);
            expect(deliveredBytes).toBeLessThanOrEqual(capacityBytes + slackBytes);
          }
        }),
        { numRuns: 300 },
      );
    });

    it("a batch started together ends at start + totalBytes / bandwidth + latency", () => {
      fc.assert(
        fc.property(
          bandwidthArb,
          latencyArb,
          fc.double({ min: 0, max: 1e4, noNaN: true }),
          fc.array(bytesArb, { minLength: 1, maxLength: 30 }),
          (bandwidth, latency, startS, sizes) => {
            const schedule = sizes.map((bytes, item) => ({ item, bytes, atS: startS }));
            const finished = runTransfers(new SharedLink<number>(bandwidth, latency), schedule);
            const totalBytes = sizes.reduce((sum, bytes) => sum + bytes, 0);
            const expectedS = startS + totalBytes / bandwidth + latency;
            const lastS = finished[finished.length - 1].finishS;
            expect(Math.abs(lastS - expectedS)).toBeLessThanOrEqual(1e-9 * expectedS);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
