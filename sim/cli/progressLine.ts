import { formatClock } from "./formatClock.ts";

/**
 * A one-line progress report for long runs, redrawn in place on a terminal's standard error at
 * most twice a second; silent when standard error is not a terminal (a pipe, a file, CI).
 */
export class ProgressLine {
  private readonly stream: NodeJS.WriteStream;
  private readonly startedAtMs = Date.now();
  private lastDrawnAtMs = 0;
  private drawn = false;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.stream = stream;
  }

  get active(): boolean {
    return this.stream.isTTY === true;
  }

  /** Shows how far the simulated clock got and how fast requests are going through. */
  update(simulatedS: number, arrived: number): void {
    const wallS = this.elapsedS();
    const rate = wallS > 0 ? Math.round(arrived / wallS) : 0;
    this.show(
      `simulated ${formatClock(simulatedS)}, ${arrived.toLocaleString("en-US")} ` +
        `requests, ${rate.toLocaleString("en-US")} requests per second`,
    );
  }

  /** Shows `text` as the line, unless the last redraw was under half a second ago. */
  show(text: string): void {
    const nowMs = Date.now();
    if (!this.active || nowMs - this.lastDrawnAtMs < 500) return;
    this.lastDrawnAtMs = nowMs;
    this.stream.write(`\r\x1b[2K${text}`);
    this.drawn = true;
  }

  /** Wall-clock seconds since the line was created. */
  elapsedS(): number {
    return (Date.now() - this.startedAtMs) / 1000;
  }

  /** Removes the line, so what follows starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write("\r\x1b[2K");
    this.drawn = false;
  }
}
