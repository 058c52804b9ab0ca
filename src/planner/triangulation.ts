import Delaunator from "delaunator";

/**
 * A Delaunay triangulation of scattered 2-D samples, with what the Clough–Tocher interpolant
 * needs: the triangle opposite each corner, the samples joined to each sample, and point
 * location. Built on delaunator; see `peelFlatHullTriangles` for the one place where it is made
 * to agree with Qhull (which SciPy, and so Dynamo, uses).
 */
export class Triangulation {
  /** Sample coordinates, x then y for each sample. */
  readonly coords: Float64Array;
  /** Three sample indices per triangle. */
  readonly corners: Int32Array;
  /** Per triangle and corner k, the triangle across the edge opposite corner k, or -1. */
  readonly neighbors: Int32Array;
  /** For each sample, the samples joined to it by an edge. */
  readonly adjacentSamples: readonly Int32Array[];

  constructor(xs: readonly number[], ys: readonly number[]) {
    const coords = new Float64Array(xs.length * 2);
    xs.forEach((x, i) => {
      coords[2 * i] = x;
      coords[2 * i + 1] = ys[i];
    });
    this.coords = coords;

    const delaunay = new Delaunator(coords);
    const kept = peelFlatHullTriangles(coords, delaunay.triangles, delaunay.halfedges);
    const { corners, neighbors } = compact(delaunay.triangles, delaunay.halfedges, kept);
    this.corners = corners;
    this.neighbors = neighbors;
    this.adjacentSamples = collectAdjacency(xs.length, corners);
  }

  get numTriangles(): number {
    return this.corners.length / 3;
  }

  /**
   * Barycentric coordinates of (x, y) in `triangle`, written into `out` (length 3). A point on
   * an edge has one coordinate 0 up to rounding.
   */
  barycentric(triangle: number, x: number, y: number, out: Float64Array): void {
    const c = this.coords;
    const i0 = this.corners[3 * triangle];
    const i1 = this.corners[3 * triangle + 1];
    const i2 = this.corners[3 * triangle + 2];
    const x2 = c[2 * i2];
    const y2 = c[2 * i2 + 1];
    const a = c[2 * i0] - x2;
    const b = c[2 * i1] - x2;
    const d = c[2 * i0 + 1] - y2;
    const e = c[2 * i1 + 1] - y2;
    const det = a * e - b * d;
    out[0] = (e * (x - x2) - b * (y - y2)) / det;
    out[1] = (-d * (x - x2) + a * (y - y2)) / det;
    out[2] = 1 - out[0] - out[1];
  }

  /**
   * The first triangle holding (x, y), with its barycentric coordinates in `out`, or -1 when the
   * point lies outside the hull. A point within rounding of an edge counts as inside, as in
   * SciPy's point location (100 machine epsilons on each barycentric coordinate).
   */
  locate(x: number, y: number, out: Float64Array): number {
    const eps = 100 * Number.EPSILON;
    for (let t = 0; t < this.numTriangles; t += 1) {
      this.barycentric(t, x, y, out);
      if (out[0] >= -eps && out[1] >= -eps && out[2] >= -eps) return t;
    }
    return -1;
  }
}

/**
 * Delaunator triangulates exactly: samples that lie on one line up to rounding still get a
 * triangle of (almost) zero area between them when they sit on the hull. Qhull, working in
 * floating point, leaves such slivers out of the triangulation, so points inside them count as
 * outside the hull. The decode profile has exactly this: its concurrency-1 samples lie on the
 * line kv_usage = context / max_kv_tokens. We peel hull triangles whose area is below rounding
 * until none is left, and return which triangles survive.
 */
function peelFlatHullTriangles(
  coords: Float64Array,
  triangles: Uint32Array,
  halfedges: Int32Array,
): Uint8Array {
  const numTriangles = triangles.length / 3;
  const kept = new Uint8Array(numTriangles).fill(1);
  const across = Int32Array.from(halfedges);
  let peeled = true;
  while (peeled) {
    peeled = false;
    for (let t = 0; t < numTriangles; t += 1) {
      if (!kept[t] || !touchesHull(across, t) || !isFlat(coords, triangles, t)) continue;
      kept[t] = 0;
      for (let k = 0; k < 3; k += 1) {
        const twin = across[3 * t + k];
        if (twin >= 0) across[twin] = -1;
      }
      peeled = true;
    }
  }
  return kept;
}

function touchesHull(across: Int32Array, t: number): boolean {
  return across[3 * t] < 0 || across[3 * t + 1] < 0 || across[3 * t + 2] < 0;
}

/** True when the triangle's area is within rounding of zero relative to its longest edge. */
function isFlat(coords: Float64Array, triangles: Uint32Array, t: number): boolean {
  const [i0, i1, i2] = [triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]];
  const ux = coords[2 * i1] - coords[2 * i0];
  const uy = coords[2 * i1 + 1] - coords[2 * i0 + 1];
  const vx = coords[2 * i2] - coords[2 * i0];
  const vy = coords[2 * i2 + 1] - coords[2 * i0 + 1];
  const wx = vx - ux;
  const wy = vy - uy;
  const longestSquared = Math.max(ux * ux + uy * uy, vx * vx + vy * vy, wx * wx + wy * wy);
  return Math.abs(ux * vy - uy * vx) <= 1e-12 * longestSquared;
}

/** Renumbers the kept triangles and records, per corner, the triangle across the far edge. */
function compact(
  triangles: Uint32Array,
  halfedges: Int32Array,
  kept: Uint8Array,
): { corners: Int32Array; neighbors: Int32Array } {
  const newIndex = new Int32Array(kept.length).fill(-1);
  let count = 0;
  kept.forEach((isKept, t) => {
    if (isKept) newIndex[t] = count++;
  });
  const corners = new Int32Array(count * 3);
  const neighbors = new Int32Array(count * 3);
  for (let t = 0; t < kept.length; t += 1) {
    const n = newIndex[t];
    if (n < 0) continue;
    for (let k = 0; k < 3; k += 1) {
      corners[3 * n + k] = triangles[3 * t + k];
      // Delaunator's half-edge 3t+j runs from corner j to corner j+1, so the edge opposite
      // corner k is half-edge 3t + (k+1) mod 3.
      const twin = halfedges[3 * t + ((k + 1) % 3)];
      neighbors[3 * n + k] = twin < 0 ? -1 : newIndex[Math.floor(twin / 3)];
    }
  }
  return { corners, neighbors };
}

function collectAdjacency(numSamples: number, corners: Int32Array): Int32Array[] {
  const sets = Array.from({ length: numSamples }, () => new Set<number>());
  for (let i = 0; i < corners.length; i += 3) {
    const [a, b, c] = [corners[i], corners[i + 1], corners[i + 2]];
    sets[a].add(b).add(c);
    sets[b].add(a).add(c);
    sets[c].add(a).add(b);
  }
  return sets.map((s) => Int32Array.from([...s].sort((p, q) => p - q)));
}
