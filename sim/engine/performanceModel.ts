import {
  buildProfileModel,
  type DecodeInterpolator,
  type DecodeStepModel,
  type PrefillInterpolator,
  type ProfileModel,
} from "../../src/planner/index.ts";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";

/**
 * How long simulated engines take, read from the same profile the planner sizes with.
 * Prefill: one request alone takes the profiled TTFT at its input length (the spline, clamped
 * to the profiled range). Decode: one iteration of a batch takes the profiled ITL for its batch
 * size and mean context (see DecodeStepModel); for a profile without per-context sweeps, the ITL
 * at the batch's KV usage and context, blended bilinearly between the four nearest cells of the
 * planner's 100 × 100 grid.
 */
export class PerformanceModel implements ProfileModel {
  /** Longest request (input plus output tokens) the model serves: the longest profiled ISL. */
  readonly maxContextTokens: number;
  readonly maxKvTokens: number;
  readonly prefill: PrefillInterpolator;
  readonly decode: DecodeInterpolator;
  readonly decodeSteps: DecodeStepModel;

  constructor(profile: EngineProfile) {
    const model = buildProfileModel(profile);
    this.prefill = model.prefill;
    this.decode = model.decode;
    this.decodeSteps = model.decodeSteps;
    this.maxKvTokens = model.maxKvTokens;
    this.maxContextTokens = this.prefill.maxIslTokens;
  }

  /** Seconds one prefill engine takes for a prompt of `islTokens`. */
  prefillTimeS(islTokens: number): number {
    return this.prefill.ttftS(islTokens);
  }

  /**
   * Extra seconds for computing prompt tokens `fromToken` to `toToken` when the first
   * `fromToken` are already in the KV cache (an earlier chunk, or a prefix-cache hit): the new
   * tokens attend to the earlier ones too. From the single-request curve T: T(to) − T(from) is
   * what the span adds to a whole prompt, T(to − from) what it costs alone; the excess, when
   * positive, is the attention over the earlier tokens. So a span costs
   * max(T(to − from), T(to) − T(from)), and a prompt computed in chunks about T(length).
   */
  prefillContinuationS(fromToken: number, toToken: number): number {
    if (fromToken <= 0) return 0;
    const ttft = this.prefill;
    const extra = ttft.ttftS(toToken) - ttft.ttftS(fromToken) - ttft.ttftS(toToken - fromToken);
    return extra > 0 ? extra : 0;
  }

  /** Seconds one decode iteration takes for `batchSize` requests of this mean context. */
  decodeStepTimeS(batchSize: number, meanContextTokens: number): number {
    return this.decodeSteps.stepTimeS(batchSize, meanContextTokens);
  }
}
