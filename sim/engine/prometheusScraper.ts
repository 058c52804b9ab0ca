import {
  emptyCounters,
  figuresOf,
  type FrontendCounters,
  type WindowFigures,
} from "./frontendMetrics.ts";
import { extrapolatedIncrease } from "./prometheusIncrease.ts";

/** How Prometheus scrapes the frontend: every `intervalS`, the first scrape at `offsetS`. */
export interface ScrapeSettings {
  readonly intervalS: number;
  readonly offsetS: number;
}

/**
 * A Prometheus that scrapes the frontend's counters every few seconds and answers the planner's
 * queries from those samples, as the seed deployment's does (5 s): the planner then sees the
 * lag of the last scrape and the noise of `increase()`'s extrapolation, not the exact window.
 * Only samples a query can still reach are kept.
 */
export class PrometheusScraper {
  private readonly samples: { atS: number; counters: FrontendCounters }[] = [];
  private readonly keepS: number;

  constructor(longestRangeS: number) {
    this.keepS = longestRangeS;
  }

  record(atS: number, counters: FrontendCounters): void {
    this.samples.push({ atS, counters });
    while (this.samples.length > 2 && this.samples[0].atS <= atS - this.keepS - 1) {
      this.samples.shift();
    }
  }

  /**
   * The six figures as `increase(…[rangeS])` queries evaluated at `atS` return them, or
   * undefined when fewer than two scrapes fall in the range (Prometheus answers with nothing).
   */
  query(atS: number, rangeS: number): WindowFigures | undefined {
    const increases = emptyCounters();
    for (const key of Object.keys(increases) as (keyof FrontendCounters)[]) {
      const series = this.samples.map((s) => ({ atS: s.atS, value: s.counters[key] }));
      const increase = extrapolatedIncrease(series, atS, rangeS);
      if (increase === undefined) return undefined;
      increases[key] = increase;
    }
    return figuresOf(increases);
  }
}
