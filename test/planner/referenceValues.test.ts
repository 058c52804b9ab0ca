import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  computeReplicaRequirements,
  DecodeInterpolator,
  PrefillInterpolator,
  Triangulation,
} from "../../src/planner/index.ts";
import type { EngineProfile } from "../../src/profile/engineProfile.ts";
import { readProfileDir } from "../../src/profile/readProfileDir.ts";

// Values computed by Dynamo v0.4's own interpolation code (NumPy 2.4, SciPy 1.17) on the same
// profile; see ../shared/data/reference/README.md. Nothing here was produced by our code.
const REFERENCE_FILE = new URL(
  "../../../shared/data/reference/dynamo-0.4-h200-llama3.1-8b-fp8.json",
  import.meta.url,
);
const reference = JSON.parse(readFileSync(REFERENCE_FILE, "utf8"));
const TOLERANCE = 0.005;

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("the planner reproduces Dynamo v0.4 on the bundled H200 profile", () => {
  let profile: EngineProfile;
  let prefill: PrefillInterpolator;
  let decode: DecodeInterpolator;

  beforeAll(async () => {
    profile = await readProfileDir("profiles/h200-llama3.1-8b-fp8");
    prefill = new PrefillInterpolator(profile.prefill);
    decode = new DecodeInterpolator(profile.decode);
  });

  it("interpolates prefill TTFT and throughput within 0.5 % at every reference ISL", () => {
    for (const row of reference.prefill) {
      expect(relativeError(prefill.ttftS(row.isl), row.ttft_s)).toBeLessThan(TOLERANCE);
      expect(relativeError(prefill.tokensPerSPerGpu(row.isl), row.thpt_per_gpu)).toBeLessThan(
        TOLERANCE,
      );
    }
  });

  it("triangulates the decode samples into Qhull's 59 triangles", () => {
    const triangulation = new Triangulation(
      profile.decode.kvUsage,
      profile.decode.contextLengthTokens,
    );
    const ours = new Set<string>();
    for (let t = 0; t < triangulation.numTriangles; t += 1) {
      const corners = [0, 1, 2].map((k) => triangulation.corners[3 * t + k]).sort((a, b) => a - b);
      ours.add(corners.join("-"));
    }
    const theirs = new Set<string>(reference.delaunay_triangles.map((t: number[]) => t.join("-")));
    expect(ours).toEqual(theirs);
  });

  it("builds the same 100 × 100 decode grid, cell for cell, with the same hull", () => {
    const grid = reference.decode_grid;
    for (let row = 0; row < 100; row += 1) {
      for (let col = 0; col < 100; col += 1) {
        const cell = row * 100 + col;
        expect(decode.outsideHull[cell]).toBe(grid.outside_hull[row][col] ? 1 : 0);
        expect(relativeError(decode.itlGridS[cell], grid.itl_s[row][col])).toBeLessThan(TOLERANCE);
        expect(
          relativeError(decode.throughputGrid[cell], grid.thpt_per_gpu[row][col]),
        ).toBeLessThan(TOLERANCE);
      }
    }
  });

  it("looks up decode ITL and throughput at (concurrency, context) within 0.5 %", () => {
    for (const row of reference.decode_point) {
      expect(
        relativeError(decode.itlS(row.concurrency, row.context_length), row.itl_s),
      ).toBeLessThan(TOLERANCE);
      const thpt = decode.tokensPerSPerGpu(row.concurrency, row.context_length);
      expect(relativeError(thpt, row.thpt_per_gpu)).toBeLessThan(TOLERANCE);
    }
  });

  it("finds the same best decode operating point for every ITL target and context", () => {
    for (const row of reference.decode_best) {
      const best = decode.bestOperatingPoint(row.itl_target_s, row.context_length);
      expect(best.kvUsage).toBe(row.kv_usage);
      expect(relativeError(best.tokensPerSPerGpu, row.thpt_per_gpu)).toBeLessThan(TOLERANCE);
      expect(relativeError(best.itlS, row.itl_s)).toBeLessThan(TOLERANCE);
    }
  });

  it("computes exactly Dynamo's replica counts for all 120 reference cases", () => {
    expect(reference.replicas).toHaveLength(120);
    for (const row of reference.replicas) {
      const replicas = computeReplicaRequirements(
        {
          numReq: row.num_req,
          islTokens: row.isl,
          oslTokens: row.osl,
          intervalS: row.interval_s,
          prefillCorrection: row.p_correction,
          decodeCorrection: row.d_correction,
          itlTargetS: row.itl_target_s,
          maxGpuBudget: row.max_gpu_budget,
          minEndpoint: row.min_endpoint,
          prefillEngineNumGpu: row.prefill_engine_num_gpu,
          decodeEngineNumGpu: row.decode_engine_num_gpu,
        },
        prefill,
        decode,
      );
      expect([replicas.numPrefill, replicas.numDecode], JSON.stringify(row)).toEqual([
        row.num_prefill,
        row.num_decode,
      ]);
    }
  });
});
