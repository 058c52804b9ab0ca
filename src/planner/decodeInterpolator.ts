import type { DecodeProfile } from "../profile/engineProfile.ts";
import { CloughTocherInterpolant } from "./cloughTocher.ts";
import { roundHalfEven } from "./roundHalfEven.ts";
import { Triangulation } from "./triangulation.ts";

/** Cells per axis of the decode lookup grid, as in Dynamo. */
export const DECODE_GRID_RESOLUTION = 100;

/** The best decode operating point for an ITL target at one context length. */
export interface DecodeOperatingPoint {
  /** Output tokens per second per GPU at that point. */
  readonly tokensPerSPerGpu: number;
  /** Inter-token latency at that point, in seconds. */
  readonly itlS: number;
  /** Share of KV capacity in use at that point, 0..1. */
  readonly kvUsage: number;
}

/**
 * Decode ITL and throughput as Dynamo's planner looks them up: the scattered profile points are
 * interpolated (Clough–Tocher cubic) onto a 100 × 100 grid over KV usage 0..1 and context
 * length 0..the longest profiled context; cells outside the samples' hull take the nearest
 * sample's value; a query reads the nearest cell, without blending between cells.
 */
export class DecodeInterpolator {
  readonly maxKvTokens: number;
  /** Grid abscissae: KV usage of each column. */
  readonly kvUsageAxis: Float64Array;
  /** Grid ordinates: context length of each row, in tokens. */
  readonly contextAxisTokens: Float64Array;
  /** ITL per cell in seconds, row-major: `[row * resolution + column]`. */
  readonly itlGridS: Float64Array;
  /** Throughput per cell in output tokens per second per GPU, row-major. */
  readonly throughputGrid: Float64Array;
  /** 1 where the cubic interpolation had no value and the nearest sample filled in. */
  readonly outsideHull: Uint8Array;

  constructor(profile: DecodeProfile) {
    const n = DECODE_GRID_RESOLUTION;
    this.maxKvTokens = profile.maxKvTokens;
    this.kvUsageAxis = linspace(0, 1, n);
    this.contextAxisTokens = linspace(0, Math.max(...profile.contextLengthTokens), n);

    // Dynamo interpolates ITL in milliseconds; the gradient solver's stopping rule is not
    // scale-free, so we interpolate the same numbers and convert the grid to seconds after.
    const triangulation = new Triangulation(profile.kvUsage, profile.contextLengthTokens);
    const itlMs = new CloughTocherInterpolant(
      triangulation,
      profile.itlS.map((s) => s * 1000),
    );
    const throughput = new CloughTocherInterpolant(triangulation, profile.tokensPerSPerGpu);

    this.itlGridS = new Float64Array(n * n);
    this.throughputGrid = new Float64Array(n * n);
    this.outsideHull = new Uint8Array(n * n);
    for (let row = 0; row < n; row += 1) {
      for (let col = 0; col < n; col += 1) {
        const x = this.kvUsageAxis[col];
        const y = this.contextAxisTokens[row];
        const cell = row * n + col;
        let itl = itlMs.at(x, y);
        let thpt = throughput.at(x, y);
        if (Number.isNaN(itl) || Number.isNaN(thpt)) {
          const nearest = nearestSample(profile, x, y);
          if (Number.isNaN(itl)) itl = profile.itlS[nearest] * 1000;
          if (Number.isNaN(thpt)) thpt = profile.tokensPerSPerGpu[nearest];
          this.outsideHull[cell] = 1;
        }
        this.itlGridS[cell] = itl / 1000;
        this.throughputGrid[cell] = thpt;
      }
    }
  }

  /** ITL with `concurrency` requests in flight per engine at this context length, in s. */
  itlS(concurrency: number, contextLengthTokens: number): number {
    return this.itlGridS[this.cellOf(concurrency, contextLengthTokens)];
  }

  /** Throughput at that operating point, in output tokens per second per GPU. */
  tokensPerSPerGpu(concurrency: number, contextLengthTokens: number): number {
    return this.throughputGrid[this.cellOf(concurrency, contextLengthTokens)];
  }

  /** ITL at a given KV usage (0..1) and context length, from the nearest cell, in s. */
  itlAtKvUsageS(kvUsage: number, contextLengthTokens: number): number {
    return this.itlGridS[
      this.rowOf(contextLengthTokens) * DECODE_GRID_RESOLUTION + this.columnOf(kvUsage)
    ];
  }

  /**
   * ITL at a KV usage (0..1) and context length blended bilinearly between the four nearest
   * cells, in seconds: a smooth reading of the grid, for models that need one.
   */
  itlBlendedS(kvUsage: number, contextTokens: number): number {
    const n = DECODE_GRID_RESOLUTION;
    const [col, colWeight] = bracket(kvUsage / this.kvUsageAxis[1]);
    const [row, rowWeight] = bracket(contextTokens / this.contextAxisTokens[1]);
    const at = (r: number, c: number) => this.itlGridS[r * n + c];
    const low = at(row, col) * (1 - colWeight) + at(row, col + 1) * colWeight;
    const high = at(row + 1, col) * (1 - colWeight) + at(row + 1, col + 1) * colWeight;
    return low * (1 - rowWeight) + high * rowWeight;
  }

  /**
   * The highest-throughput operating point whose ITL meets `itlTargetS` at this context length:
   * the row is scanned from KV usage 1 down to 0 (interpolated ITL need not be monotonic) and
   * the first cell under the target wins. When none is, the cell at KV usage 0 is returned:
   * the target cannot be met, and the tiny throughput there makes the replica count explode.
   */
  bestOperatingPoint(itlTargetS: number, contextLengthTokens: number): DecodeOperatingPoint {
    const n = DECODE_GRID_RESOLUTION;
    const rowStart = this.rowOf(contextLengthTokens) * n;
    let col = n - 1;
    while (col > 0 && !(this.itlGridS[rowStart + col] <= itlTargetS)) col -= 1;
    return {
      tokensPerSPerGpu: this.throughputGrid[rowStart + col],
      itlS: this.itlGridS[rowStart + col],
      kvUsage: this.kvUsageAxis[col],
    };
  }

  private cellOf(concurrency: number, contextLengthTokens: number): number {
    const kvUsage = (concurrency * contextLengthTokens) / this.maxKvTokens;
    return this.rowOf(contextLengthTokens) * DECODE_GRID_RESOLUTION + this.columnOf(kvUsage);
  }

  private columnOf(kvUsage: number): number {
    return clampIndex(roundHalfEven(kvUsage / this.kvUsageAxis[1]));
  }

  private rowOf(contextLengthTokens: number): number {
    return clampIndex(roundHalfEven(contextLengthTokens / this.contextAxisTokens[1]));
  }
}

/** `n` evenly spaced values from `start` to `stop`, computed as NumPy's linspace does. */
function linspace(start: number, stop: number, n: number): Float64Array {
  const step = (stop - start) / (n - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 1) out[i] = start + i * step;
  out[n - 1] = stop;
  return out;
}

/** The lower grid index of a fractional position, and the weight of the one above it. */
function bracket(position: number): [number, number] {
  const n = DECODE_GRID_RESOLUTION;
  const clamped = Math.min(Math.max(Number.isNaN(position) ? 0 : position, 0), n - 1);
  const lower = Math.min(Math.floor(clamped), n - 2);
  return [lower, clamped - lower];
}

function clampIndex(i: number): number {
  if (Number.isNaN(i)) return 0;
  return Math.min(Math.max(i, 0), DECODE_GRID_RESOLUTION - 1);
}

/** Index of the sample closest to (x, y) in plain Euclidean distance (unscaled axes). */
function nearestSample(profile: DecodeProfile, x: number, y: number): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < profile.kvUsage.length; i += 1) {
    const dx = profile.kvUsage[i] - x;
    const dy = profile.contextLengthTokens[i] - y;
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}
