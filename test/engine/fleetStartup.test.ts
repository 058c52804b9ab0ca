import { describe, expect, it } from "vitest";
import { EventQueue } from "../../sim/engine/eventQueue.ts";
import { Fleet, type WorkerReadyEvent } from "../../sim/engine/fleet.ts";
import { makeFleetOptions } from "../support/simulationFactories.ts";

function readyTimes(options: Parameters<typeof makeFleetOptions>[0]): number[] {
  const queue = new EventQueue<WorkerReadyEvent>();
  const fleet = new Fleet(makeFleetOptions({ gpuLimit: 64, ...options }), queue);
  fleet.scaleTo("prefill", 21, 100);
  const times: number[] = [];
  for (let event = queue.pop(); event !== undefined; event = queue.pop()) times.push(event.atS);
  return times;
}

describe("Fleet start-up delays", () => {
  it("start every new replica a fixed delay after it was asked for", () => {
    expect(readyTimes({ startupDelayS: 30 })).toEqual(new Array(20).fill(130));
  });

  it("draw each delay uniformly from [startupDelayS, startupDelayMaxS] when a range is given", () => {
    const times = readyTimes({ startupDelayS: 60, startupDelayMaxS: 150, seed: 9 });
    expect(times).toHaveLength(20);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(160);
    expect(Math.max(...times)).toBeLessThanOrEqual(250);
    expect(new Set(times).size).toBe(20);
    expect(readyTimes({ startupDelayS: 60, startupDelayMaxS: 150, seed: 9 })).toEqual(times);
  });
});
