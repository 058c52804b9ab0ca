import type { PrefillProfile } from "../profile/engineProfile.ts";
import { CubicSpline } from "./cubicSpline.ts";

/**
 * Prefill TTFT and throughput at any input length, by the cubic spline through the profile's
 * points (Dynamo's `interp1d(kind="cubic")`). Input lengths outside the profiled range are
 * clamped to it: the planner never extrapolates a cubic beyond its data.
 */
export class PrefillInterpolator {
  readonly minIslTokens: number;
  readonly maxIslTokens: number;
  private readonly ttftSpline: CubicSpline;
  private readonly throughputSpline: CubicSpline;

  constructor(profile: PrefillProfile) {
    this.minIslTokens = profile.islTokens[0];
    this.maxIslTokens = profile.islTokens[profile.islTokens.length - 1];
    this.ttftSpline = new CubicSpline(profile.islTokens, profile.ttftS);
    this.throughputSpline = new CubicSpline(profile.islTokens, profile.tokensPerSPerGpu);
  }

  /** Time to first token of one request alone on an engine, in seconds. */
  ttftS(islTokens: number): number {
    return this.ttftSpline.at(this.clamp(islTokens));
  }

  /** Prefill throughput at this input length, in tokens per second per GPU. */
  tokensPerSPerGpu(islTokens: number): number {
    return this.throughputSpline.at(this.clamp(islTokens));
  }

  private clamp(islTokens: number): number {
    return Math.min(Math.max(islTokens, this.minIslTokens), this.maxIslTokens);
  }
}
