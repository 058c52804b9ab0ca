/**
 * The interpolating cubic spline with not-a-knot end conditions: the curve SciPy's
 * `interp1d(kind="cubic")` draws through a prefill profile, so that our prefill estimates match
 * Dynamo's. Not-a-knot means the third derivative is continuous across the second and the
 * second-to-last sample, so the first two and the last two pieces are one cubic each.
 */
export class CubicSpline {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** Second derivative of the spline at each sample. */
  private readonly curvatures: Float64Array;

  /** `xs` strictly increasing, at least four samples; `ys` of the same length. */
  constructor(xs: readonly number[], ys: readonly number[]) {
    if (xs.length !== ys.length) {
      throw new RangeError(`CubicSpline: ${xs.length} xs but ${ys.length} ys`);
    }
    if (xs.length < 4) {
      throw new RangeError(`CubicSpline: needs at least 4 samples, got ${xs.length}`);
    }
    for (let i = 1; i < xs.length; i += 1) {
      if (!(xs[i] > xs[i - 1])) {
        throw new RangeError(`CubicSpline: xs must increase strictly, xs[${i}] = ${xs[i]}`);
      }
    }
    this.xs = Float64Array.from(xs);
    this.ys = Float64Array.from(ys);
    this.curvatures = solveNotAKnotCurvatures(this.xs, this.ys);
  }

  /** The spline's value at `x`; outside the samples the end pieces extend. */
  at(x: number): number {
    const xs = this.xs;
    const i = pieceIndex(xs, x);
    const h = xs[i + 1] - xs[i];
    const a = (xs[i + 1] - x) / h;
    const b = (x - xs[i]) / h;
    const m0 = this.curvatures[i];
    const m1 = this.curvatures[i + 1];
    return (
      a * this.ys[i] +
      b * this.ys[i + 1] +
      (((a * a * a - a) * m0 + (b * b * b - b) * m1) * h * h) / 6
    );
  }
}

/** Index i of the piece [xs[i], xs[i+1]] that holds x (the end pieces hold what lies beyond). */
function pieceIndex(xs: Float64Array, x: number): number {
  let low = 0;
  let high = xs.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (xs[mid] <= x) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Second derivatives M at the samples. Interior rows are the usual continuity of the first
 * derivative; the first and last rows say the third derivative, (M[i+1] - M[i]) / h[i], is the
 * same on both sides of the second and the second-to-last sample.
 */
function solveNotAKnotCurvatures(xs: Float64Array, ys: Float64Array): Float64Array {
  const n = xs.length;
  const h = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i += 1) h[i] = xs[i + 1] - xs[i];
  const matrix = Array.from({ length: n }, () => new Float64Array(n));
  const rhs = new Float64Array(n);

  matrix[0][0] = h[1];
  matrix[0][1] = -(h[0] + h[1]);
  matrix[0][2] = h[0];
  for (let i = 1; i < n - 1; i += 1) {
    matrix[i][i - 1] = h[i - 1];
    matrix[i][i] = 2 * (h[i - 1] + h[i]);
    matrix[i][i + 1] = h[i];
    rhs[i] = 6 * ((ys[i + 1] - ys[i]) / h[i] - (ys[i] - ys[i - 1]) / h[i - 1]);
  }
  matrix[n - 1][n - 3] = h[n - 2];
  matrix[n - 1][n - 2] = -(h[n - 3] + h[n - 2]);
  matrix[n - 1][n - 1] = h[n - 3];

  return solveLinearSystem(matrix, rhs);
}

/** Gaussian elimination with partial pivoting; the systems here have tens of rows at most. */
function solveLinearSystem(matrix: Float64Array[], rhs: Float64Array): Float64Array {
  const n = rhs.length;
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) {
      if (Math.abs(matrix[row][col]) > Math.abs(matrix[pivot][col])) pivot = row;
    }
    [matrix[col], matrix[pivot]] = [matrix[pivot], matrix[col]];
    [rhs[col], rhs[pivot]] = [rhs[pivot], rhs[col]];
    for (let row = col + 1; row < n; row += 1) {
      const factor = matrix[row][col] / matrix[col][col];
      if (factor === 0) continue;
      for (let k = col; k < n; k += 1) matrix[row][k] -= factor * matrix[col][k];
      rhs[row] -= factor * rhs[col];
    }
  }
  const solution = new Float64Array(n);
  for (let row = n - 1; row >= 0; row -= 1) {
    let sum = rhs[row];
    for (let k = row + 1; k < n; k += 1) sum -= matrix[row][k] * solution[k];
    solution[row] = sum / matrix[row][row];
  }
  return solution;
}
