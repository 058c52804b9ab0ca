import type { EngineProfile } from "../profile/engineProfile.ts";
import { DecodeInterpolator } from "./decodeInterpolator.ts";
import { DecodeStepModel } from "./decodeStepModel.ts";
import { PrefillInterpolator } from "./prefillInterpolator.ts";

/** Everything the planner reads from a profile: Dynamo's interpolators and the batch model. */
export interface ProfileModel {
  readonly prefill: PrefillInterpolator;
  readonly decode: DecodeInterpolator;
  readonly decodeSteps: DecodeStepModel;
  /** KV-cache capacity of one decode engine, in tokens. */
  readonly maxKvTokens: number;
}

/** Builds the planner's view of a profile (the decode grid takes a few milliseconds). */
export function buildProfileModel(profile: EngineProfile): ProfileModel {
  const decode = new DecodeInterpolator(profile.decode);
  return {
    prefill: new PrefillInterpolator(profile.prefill),
    decode,
    decodeSteps: new DecodeStepModel(profile.decode, (kv, ctx) => decode.itlBlendedS(kv, ctx)),
    maxKvTokens: profile.decode.maxKvTokens,
  };
}
