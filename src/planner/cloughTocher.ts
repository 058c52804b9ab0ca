import type { Triangulation } from "./triangulation.ts";

/**
 * Piecewise-cubic, C1-smooth interpolation of scattered samples (the Clough–Tocher scheme), as
 * SciPy's `griddata(method="cubic")` computes it and Dynamo uses it for the decode profile.
 * Each triangle is split at its centroid into three cubic Bézier patches; the gradients at the
 * samples are chosen to make the surface as little curved as possible along the edges
 * (Nielson 1983; Renka and Cline 1984).
 */
export class CloughTocherInterpolant {
  private readonly triangulation: Triangulation;
  private readonly values: Float64Array;
  /** Estimated gradient at each sample: d/dx then d/dy. */
  private readonly gradients: Float64Array;
  private readonly scratch = new Float64Array(3);

  constructor(triangulation: Triangulation, values: readonly number[]) {
    this.triangulation = triangulation;
    this.values = Float64Array.from(values);
    this.gradients = estimateGradients(triangulation, this.values);
  }

  /** The interpolated value at (x, y), or NaN outside the samples' convex hull. */
  at(x: number, y: number): number {
    const triangle = this.triangulation.locate(x, y, this.scratch);
    if (triangle < 0) return Number.NaN;
    return this.evaluate(triangle, this.scratch);
  }

  private evaluate(triangle: number, b: Float64Array): number {
    const tri = this.triangulation;
    const c = tri.coords;
    const [i1, i2, i3] = [3 * triangle, 3 * triangle + 1, 3 * triangle + 2].map(
      (k) => tri.corners[k],
    );
    const g = this.gradients;
    const f1 = this.values[i1];
    const f2 = this.values[i2];
    const f3 = this.values[i3];

    // Edge vectors and the derivatives along them at each end (pointing into the edge).
    const e12x = c[2 * i2] - c[2 * i1];
    const e12y = c[2 * i2 + 1] - c[2 * i1 + 1];
    const e23x = c[2 * i3] - c[2 * i2];
    const e23y = c[2 * i3 + 1] - c[2 * i2 + 1];
    const e31x = c[2 * i1] - c[2 * i3];
    const e31y = c[2 * i1 + 1] - c[2 * i3 + 1];
    const df12 = g[2 * i1] * e12x + g[2 * i1 + 1] * e12y;
    const df21 = -(g[2 * i2] * e12x + g[2 * i2 + 1] * e12y);
    const df23 = g[2 * i2] * e23x + g[2 * i2 + 1] * e23y;
    const df32 = -(g[2 * i3] * e23x + g[2 * i3 + 1] * e23y);
    const df31 = g[2 * i3] * e31x + g[2 * i3 + 1] * e31y;
    const df13 = -(g[2 * i1] * e31x + g[2 * i1 + 1] * e31y);

    // Bézier control values: corners, then the points one third along each edge, then the
    // points next to the centroid, which tie the three sub-patches together.
    const c3000 = f1;
    const c0300 = f2;
    const c0030 = f3;
    const c2100 = (df12 + 3 * c3000) / 3;
    const c2010 = (df13 + 3 * c3000) / 3;
    const c1200 = (df21 + 3 * c0300) / 3;
    const c0210 = (df23 + 3 * c0300) / 3;
    const c1020 = (df31 + 3 * c0030) / 3;
    const c0120 = (df32 + 3 * c0030) / 3;
    const c2001 = (c2100 + c2010 + c3000) / 3;
    const c0201 = (c1200 + c0300 + c0210) / 3;
    const c0021 = (c1020 + c0120 + c0030) / 3;

    // The cross-edge derivative must be linear along each edge for C1 continuity. Its direction
    // runs from this triangle's centroid to the neighbour's, which both triangles agree on and
    // which keeps the scheme invariant under affine maps of the plane.
    const [g0, g1, g2] = [0, 1, 2].map((k) => this.crossEdgeShape(triangle, k));
    const c0111 =
      (g0 * (-c0300 + 3 * c0210 - 3 * c0120 + c0030) +
        (-c0300 + 2 * c0210 - c0120 + c0021 + c0201)) /
      2;
    const c1011 =
      (g1 * (-c0030 + 3 * c1020 - 3 * c2010 + c3000) +
        (-c0030 + 2 * c1020 - c2010 + c2001 + c0021)) /
      2;
    const c1101 =
      (g2 * (-c3000 + 3 * c2100 - 3 * c1200 + c0300) +
        (-c3000 + 2 * c2100 - c1200 + c2001 + c0201)) /
      2;
    const c1002 = (c1101 + c1011 + c2001) / 3;
    const c0102 = (c1101 + c0111 + c0201) / 3;
    const c0012 = (c1011 + c0111 + c0021) / 3;
    const c0003 = (c1002 + c0102 + c0012) / 3;

    // Coordinates in the sub-triangle that holds the point: the smallest barycentric
    // coordinate moves to the centroid, which makes one of the first three zero.
    const low = Math.min(b[0], b[1], b[2]);
    const b1 = b[0] - low;
    const b2 = b[1] - low;
    const b3 = b[2] - low;
    const b4 = 3 * low;
    return (
      b1 ** 3 * c3000 +
      3 * b1 ** 2 * b2 * c2100 +
      3 * b1 ** 2 * b3 * c2010 +
      3 * b1 ** 2 * b4 * c2001 +
      3 * b1 * b2 ** 2 * c1200 +
      6 * b1 * b2 * b4 * c1101 +
      3 * b1 * b3 ** 2 * c1020 +
      6 * b1 * b3 * b4 * c1011 +
      3 * b1 * b4 ** 2 * c1002 +
      b2 ** 3 * c0300 +
      3 * b2 ** 2 * b3 * c0210 +
      3 * b2 ** 2 * b4 * c0201 +
      3 * b2 * b3 ** 2 * c0120 +
      6 * b2 * b3 * b4 * c0111 +
      3 * b2 * b4 ** 2 * c0102 +
      b3 ** 3 * c0030 +
      3 * b3 ** 2 * b4 * c0021 +
      3 * b3 * b4 ** 2 * c0012 +
      b4 ** 3 * c0003
    );
  }

  /**
   * The shape factor of the cross-edge direction for the edge opposite corner k: the direction
   * is (centroid of the neighbour) − (own centroid), written in barycentric terms. Without a
   * neighbour the direction points at the centroid, which gives −1/2.
   */
  private crossEdgeShape(triangle: number, k: number): number {
    const tri = this.triangulation;
    const other = tri.neighbors[3 * triangle + k];
    if (other < 0) return -0.5;
    const c = tri.coords;
    let cx = 0;
    let cy = 0;
    for (let j = 0; j < 3; j += 1) {
      const s = tri.corners[3 * other + j];
      cx += c[2 * s];
      cy += c[2 * s + 1];
    }
    const bc = new Float64Array(3);
    tri.barycentric(triangle, cx / 3, cy / 3, bc);
    const [p, q] = [bc[(k + 1) % 3], bc[(k + 2) % 3]];
    return (2 * q + p - 1) / (2 - 3 * q - 3 * p);
  }
}

/**
 * Gradients at the samples that minimise the summed squared second derivative of the
 * interpolant along every edge, found by Gauss–Seidel sweeps: each sample's gradient solves its
 * own 2×2 least-curvature problem given its neighbours' current gradients. Sweeps stop when no
 * gradient moves by more than 1e-6 (relative to its size when that exceeds 1), or after 400 —
 * SciPy's defaults, which the reference values were computed with.
 */
export function estimateGradients(
  triangulation: Triangulation,
  values: Float64Array,
  tolerance = 1e-6,
  maxSweeps = 400,
): Float64Array {
  const c = triangulation.coords;
  const n = values.length;
  const grad = new Float64Array(2 * n);
  for (let sweep = 0; sweep < maxSweeps; sweep += 1) {
    let largestChange = 0;
    for (let i = 0; i < n; i += 1) {
      // A sample in no triangle (a duplicate, or all samples on one line) has no edges to
      // smooth along; its gradient stays 0 and is never used.
      if (triangulation.adjacentSamples[i].length === 0) continue;
      let qxx = 0;
      let qxy = 0;
      let qyy = 0;
      let sx = 0;
      let sy = 0;
      for (const j of triangulation.adjacentSamples[i]) {
        const ex = c[2 * j] - c[2 * i];
        const ey = c[2 * j + 1] - c[2 * i + 1];
        const length = Math.sqrt(ex * ex + ey * ey);
        const cubed = length * length * length;
        const slopeAtNeighbour = -ex * grad[2 * j] - ey * grad[2 * j + 1];
        const pull = 6 * (values[i] - values[j]) - 2 * slopeAtNeighbour;
        qxx += (4 * ex * ex) / cubed;
        qxy += (4 * ex * ey) / cubed;
        qyy += (4 * ey * ey) / cubed;
        sx += (pull * ex) / cubed;
        sy += (pull * ey) / cubed;
      }
      const det = qxx * qyy - qxy * qxy;
      const gx = -(qyy * sx - qxy * sy) / det;
      const gy = -(-qxy * sx + qxx * sy) / det;
      const moved = Math.max(Math.abs(grad[2 * i] - gx), Math.abs(grad[2 * i + 1] - gy));
      largestChange = Math.max(largestChange, moved / Math.max(1, Math.abs(gx), Math.abs(gy)));
      grad[2 * i] = gx;
      grad[2 * i + 1] = gy;
    }
    if (largestChange < tolerance) break;
  }
  return grad;
}
