/**
 * The request lengths the synthetic loads draw: one fixed shape, or two shapes mixed at a
 * constant share, as the sinusoidal load mixes them at a varying one. Each request also gets
 * prefix-block hash ids, so that a KV-cache model sees prompts to reuse.
 */
import type { Random } from "../random.ts";
import { SHARE, WHOLE_FROM_0, WHOLE_FROM_1, type LoadOptionRules } from "./loadOptionRules.ts";
import type { TraceRequest } from "./traceRequest.ts";

/** Two request shapes and how often the first is drawn; a share of 1 fixes the first. */
export interface RequestShapeOptions {
  readonly isl1Tokens: number;
  readonly osl1Tokens: number;
  readonly isl2Tokens: number;
  readonly osl2Tokens: number;
  /** Probability that a request takes the first shape (a share in [0, 1]). */
  readonly firstShapeShare: number;
  /** Tokens per prefix block: a request gets ceil(isl / blockSizeTokens) hash ids. */
  readonly blockSizeTokens: number;
  /** Hash ids are drawn uniformly (with repeats) from [0, totalBlocks). */
  readonly totalBlocks: number;
}

/** The sinusoidal load's shapes (Dynamo's defaults), mixed half and half. */
export const DEFAULT_REQUEST_SHAPES: RequestShapeOptions = {
  isl1Tokens: 100,
  osl1Tokens: 2000,
  isl2Tokens: 5000,
  osl2Tokens: 100,
  firstShapeShare: 0.5,
  blockSizeTokens: 512,
  totalBlocks: 10_000,
};

export const REQUEST_SHAPE_RULES: LoadOptionRules<RequestShapeOptions> = {
  isl1Tokens: WHOLE_FROM_1,
  osl1Tokens: WHOLE_FROM_0,
  isl2Tokens: WHOLE_FROM_1,
  osl2Tokens: WHOLE_FROM_0,
  firstShapeShare: SHARE,
  blockSizeTokens: WHOLE_FROM_1,
  totalBlocks: WHOLE_FROM_1,
};

/** A request arriving at `arrivalS`, its shape and hash ids drawn from `random`. */
export function drawShapedRequest(
  arrivalS: number,
  shapes: RequestShapeOptions,
  random: Random,
): TraceRequest {
  // Drawn even when the share is 0 or 1, so the sequence of draws never depends on the share.
  const isFirst = random.uniform() < shapes.firstShapeShare;
  const islTokens = isFirst ? shapes.isl1Tokens : shapes.isl2Tokens;
  const oslTokens = isFirst ? shapes.osl1Tokens : shapes.osl2Tokens;
  const blockCount = Math.ceil(islTokens / shapes.blockSizeTokens);
  const hashIds = Array.from({ length: blockCount }, () => random.integer(shapes.totalBlocks));
  return { arrivalS, islTokens, oslTokens, hashIds };
}
