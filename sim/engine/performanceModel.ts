import { DecodeInterpolator, PrefillInterpolator } from "../../src/planner/index.ts";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";
import { DecodeStepModel } from "./decodeStepModel.ts";

/**
 * How long simulated engines take, read from the same profile the planner sizes with.
 * Prefill: one request alone takes the profiled TTFT at its input length (the spline, clamped
 * to the profiled range). Decode: one iteration of a batch takes the profiled ITL for its batch
 * size and mean context (see DecodeStepModel); for a profile without per-context sweeps, the ITL
 * at the batch's KV usage and context, blended bilinearly between the four nearest cells of the
 * planner's 100 × 100 grid.
 */
export class PerformanceModel {
  /** Longest request (input plus output tokens) the model serves: the longest profiled ISL. */
  readonly maxContextTokens: number;
  /** KV-cache capacity of one decode engine, in tokens. */
  readonly maxKvTokens: number;
  readonly prefill: PrefillInterpolator;
  readonly decode: DecodeInterpolator;
  private readonly decodeSteps: DecodeStepModel;

  constructor(profile: EngineProfile) {
    this.prefill = new PrefillInterpolator(profile.prefill);
    this.decode = new DecodeInterpolator(profile.decode);
    this.decodeSteps = new DecodeStepModel(profile.decode, (kv, ctx) => this.gridItlS(kv, ctx));
    this.maxContextTokens = this.prefill.maxIslTokens;
    this.maxKvTokens = profile.decode.maxKvTokens;
  }

  /** Seconds one prefill engine takes for a prompt of `islTokens`. */
  prefillTimeS(islTokens: number): number {
    return this.prefill.ttftS(islTokens);
  }

  /** Seconds one decode iteration takes for `batchSize` requests of this mean context. */
  decodeStepTimeS(batchSize: number, meanContextTokens: number): number {
    return this.decodeSteps.stepTimeS(batchSize, meanContextTokens);
  }

  /** The planner's ITL grid blended bilinearly at this KV usage (0..1) and context, in s. */
  gridItlS(kvUsage: number, contextTokens: number): number {
    const d = this.decode;
    const n = d.kvUsageAxis.length;
    const [col, colWeight] = bracket(kvUsage / d.kvUsageAxis[1], n);
    const [row, rowWeight] = bracket(contextTokens / d.contextAxisTokens[1], n);
    const grid = d.itlGridS;
    const at = (r: number, c: number) => grid[r * n + c];
    const low = at(row, col) * (1 - colWeight) + at(row, col + 1) * colWeight;
    const high = at(row + 1, col) * (1 - colWeight) + at(row + 1, col + 1) * colWeight;
    return low * (1 - rowWeight) + high * rowWeight;
  }
}

/** The lower grid index of a fractional position and the weight of the one above it. */
function bracket(position: number, n: number): [number, number] {
  const clamped = Math.min(Math.max(position, 0), n - 1);
  const lower = Math.min(Math.floor(clamped), n - 2);
  return [lower, clamped - lower];
}
