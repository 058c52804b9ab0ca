import type { IntervalObservation } from "../../src/planner/index.ts";

/**
 * The frontend's view of traffic, kept as Dynamo's `dynamo_frontend_*` histograms are: a sum and
 * a count per quantity. TTFT is observed when the first token leaves, every inter-token gap when
 * its token leaves, and the request count, duration, ISL and OSL when a request ends (a rejected
 * request counts as a request, with status error, and observes nothing else). The planner's
 * query `increase(x_sum[W]) / increase(x_count[W])` over a window is then the window's sum over
 * its count, which is what `takeWindow` returns; 0/0 is NaN, as in Prometheus.
 */
export class FrontendMetrics {
  private numReq = 0;
  private ttftSumS = 0;
  private ttftCount = 0;
  private itlSumS = 0;
  private itlCount = 0;
  private durationSumS = 0;
  private durationCount = 0;
  private islSum = 0;
  private oslSum = 0;
  private lengthCount = 0;

  observeFirstToken(ttftS: number): void {
    this.ttftSumS += ttftS;
    this.ttftCount += 1;
  }

  /** `count` inter-token gaps that add up to `sumS` seconds. */
  observeTokenGaps(sumS: number, count: number): void {
    this.itlSumS += sumS;
    this.itlCount += count;
  }

  observeCompletion(durationS: number, islTokens: number, oslTokens: number): void {
    this.numReq += 1;
    this.durationSumS += durationS;
    this.durationCount += 1;
    this.islSum += islTokens;
    this.oslSum += oslTokens;
    this.lengthCount += 1;
  }

  observeRejection(): void {
    this.numReq += 1;
  }

  /** The six figures the planner queries, over the window since the last call; then resets. */
  takeWindow(): Omit<IntervalObservation, "numPrefillWorkers" | "numDecodeWorkers"> {
    const window = {
      numReq: this.numReq,
      islTokens: this.islSum / this.lengthCount,
      oslTokens: this.oslSum / this.lengthCount,
      ttftS: this.ttftSumS / this.ttftCount,
      itlS: this.itlSumS / this.itlCount,
      requestDurationS: this.durationSumS / this.durationCount,
    };
    this.numReq = 0;
    this.ttftSumS = this.ttftCount = 0;
    this.itlSumS = this.itlCount = 0;
    this.durationSumS = this.durationCount = 0;
    this.islSum = this.oslSum = this.lengthCount = 0;
    return window;
  }
}
