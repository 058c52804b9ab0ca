/**
 * KV cache transfers from prefill to decode workers (NIXL over RDMA) on one network link. The
 * link's bandwidth is shared equally by every transfer whose data is in flight (processor
 * sharing: n transfers get bandwidth / n each, and speed up when one finishes); after its last
 * byte each transfer also waits a fixed latency for propagation and handshake, during which it
 * uses no bandwidth.
 *
 * The state moves only at breakpoints: a start, or the moment a transfer's last byte leaves.
 * Between them the link just waits, so asking at `nextCompletionS()` repeats the exact float
 * arithmetic of the prediction and is sure to find that transfer finished, however many times
 * takeFinished() was called in between. Where rounding remains (moving to a start time, or
 * transfers due at almost the same instant), one with less than `DONE_FRACTION` of its bytes
 * left counts as fully sent, so it may finish that fraction of its sending time early.
 */

/** Remaining bytes below this fraction of a transfer's size are rounding error: it is sent. */
export const DONE_FRACTION = 1e-9;

/** A transfer whose data is still in flight. */
interface Sending<T> {
  readonly item: T;
  readonly sequence: number;
  readonly bytes: number;
  remainingBytes: number;
}

/** A transfer whose data has all left, waiting out the latency until `finishS`. */
interface Landing<T> {
  readonly item: T;
  readonly sequence: number;
  readonly finishS: number;
}

export class SharedLink<T> {
  readonly bandwidthBytesPerS: number;
  readonly latencyS: number;
  /** In start order, which is also the order for ties. */
  private readonly sending: Sending<T>[] = [];
  /** In order of finishS, since data leaves in time order and the latency is the same for all. */
  private landing: Landing<T>[] = [];
  /** The last breakpoint: every `remainingBytes` is as of this instant. */
  private breakpointS = 0;
  /** The latest time given to start() or takeFinished(), to catch time running backwards. */
  private latestNowS = -Infinity;
  private nextSequence = 0;

  /** A link of `bandwidthBytesPerS` (> 0, Infinity for instant data) and `latencyS` (≥ 0). */
  constructor(bandwidthBytesPerS: number, latencyS: number) {
    if (!(bandwidthBytesPerS > 0)) {
      throw new RangeError(
        `SharedLink: bandwidthBytesPerS must be > 0 (Infinity allowed), got ${bandwidthBytesPerS}`,
      );
    }
    if (!(latencyS >= 0 && latencyS < Infinity)) {
      throw new RangeError(`SharedLink: latencyS must be a finite number ≥ 0, got ${latencyS}`);
    }
    this.bandwidthBytesPerS = bandwidthBytesPerS;
    this.latencyS = latencyS;
  }

  /** Transfers not yet finished, whether sending data or waiting out the latency. */
  get active(): number {
    return this.sending.length + this.landing.length;
  }

  /** Starts sending `bytes` (≥ 0) for `item` at `nowS`; nowS never decreases across calls. */
  start(item: T, bytes: number, nowS: number): void {
    if (!(bytes >= 0 && bytes < Infinity)) {
      throw new RangeError(`SharedLink.start: bytes must be a finite number ≥ 0, got ${bytes}`);
    }
    this.advanceTo(nowS);
    this.moveBreakpointTo(nowS);
    const sequence = this.nextSequence++;
    if (bytes === 0 || this.bandwidthBytesPerS === Infinity) {
      this.landing.push({ item, sequence, finishS: nowS + this.latencyS });
    } else {
      this.sending.push({ item, sequence, bytes, remainingBytes: bytes });
    }
  }

  /** When the next transfer will finish if nothing new starts; Infinity when none is active. */
  nextCompletionS(): number {
    const landingS = this.landing.length > 0 ? this.landing[0].finishS : Infinity;
    if (this.sending.length === 0) return landingS;
    return Math.min(landingS, this.nextDataDoneS() + this.latencyS);
  }

  /**
   * Advances to `nowS` and returns the items whose transfers have finished by then, in finishing
   * order, ties in start order.
   */
  takeFinished(nowS: number): T[] {
    this.advanceTo(nowS);
    const landing = this.landing;
    let count = 0;
    while (count < landing.length && landing[count].finishS <= nowS) count += 1;
    if (count === 0) return [];
    if (count === 1) return [(landing.shift() as Landing<T>).item];
    const finished = landing.splice(0, count);
    // Two breakpoints a hair apart can round to one finish time; ties go in start order.
    finished.sort((a, b) => a.finishS - b.finishS || a.sequence - b.sequence);
    return finished.map((transfer) => transfer.item);
  }

  /** When the transfer with the fewest bytes left will have sent them, at the current shares. */
  private nextDataDoneS(): number {
    const bytesPerSEach = this.bandwidthBytesPerS / this.sending.length;
    return this.breakpointS + this.fewestRemainingBytes() / bytesPerSEach;
  }

  private fewestRemainingBytes(): number {
    let fewest = Infinity;
    for (const transfer of this.sending) fewest = Math.min(fewest, transfer.remainingBytes);
    return fewest;
  }

  /** Handles, in time order, every moment up to `nowS` when a transfer's last byte leaves. */
  private advanceTo(nowS: number): void {
    if (nowS < this.latestNowS) {
      throw new RangeError(
        `SharedLink: nowS must never decrease, got ${nowS} after ${this.latestNowS}`,
      );
    }
    this.latestNowS = nowS;
    while (this.sending.length > 0) {
      const dataDoneS = this.nextDataDoneS();
      if (dataDoneS > nowS) return;
      // All in flight got equal shares, so each sent what the first to finish had left.
      const sentBytes = this.fewestRemainingBytes();
      for (const transfer of this.sending) transfer.remainingBytes -= sentBytes;
      this.breakpointS = dataDoneS;
      this.land(dataDoneS);
    }
  }

  /** Brings every `remainingBytes` to `nowS`, which must not pass the next data completion. */
  private moveBreakpointTo(nowS: number): void {
    if (this.sending.length > 0 && nowS > this.breakpointS) {
      const bytesPerSEach = this.bandwidthBytesPerS / this.sending.length;
      const sentBytes = bytesPerSEach * (nowS - this.breakpointS);
      for (const transfer of this.sending) transfer.remainingBytes -= sentBytes;
      this.land(nowS);
    }
    this.breakpointS = nowS;
  }

  /** Moves the transfers with (next to) nothing left to send into their latency phase. */
  private land(dataDoneS: number): void {
    const finishS = dataDoneS + this.latencyS;
    const sending = this.sending;
    let kept = 0;
    for (const transfer of sending) {
      if (transfer.remainingBytes <= transfer.bytes * DONE_FRACTION) {
        this.landing.push({ item: transfer.item, sequence: transfer.sequence, finishS });
      } else {
        sending[kept++] = transfer;
      }
    }
    if (kept < sending.length) sending.length = kept;
  }
}
