/** How long a minimisation may run. */
export interface MinimizeOptions {
  /** Quasi-Newton iterations at most (each a gradient and a line search). */
  readonly maxIterations: number;
  /** Stop once every gradient component is below this. */
  readonly gradientTolerance?: number;
}

/** Where a minimisation stopped. */
export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
}

// Armijo sufficient-decrease constant, and how many times a step may be halved.
const ARMIJO = 1e-4;
const MAX_HALVINGS = 30;
// No single step moves a parameter by more than this: the ARMA parameters live behind tanh,
// where a long step would land on a flat plateau.
const MAX_STEP = 2;

/**
 * Minimises `objective` from `start` by BFGS with central-difference gradients and a
 * backtracking line search. Non-finite values count as +∞, so the search backs away from where
 * the objective breaks down. The work is bounded: at most `maxIterations` iterations, each
 * with 2·dim + 1 + 30 evaluations at most.
 */
export function minimizeBfgs(
  objective: (x: readonly number[]) => number,
  start: readonly number[],
  options: MinimizeOptions,
): MinimizeResult {
  const f = (x: readonly number[]) => {
    const value = objective(x);
    return Number.isFinite(value) ? value : Infinity;
  };
  const tolerance = options.gradientTolerance ?? 1e-5;
  let x = [...start];
  let value = f(x);
  if (x.length === 0 || value === Infinity) return { x, value, iterations: 0 };
  let gradient = numericalGradient(f, x, value);
  let inverseHessian = identity(x.length);
  let iterations = 0;

  while (iterations < options.maxIterations) {
    if (Math.max(...gradient.map(Math.abs)) < tolerance) break;
    iterations += 1;

    // 1. A descent direction, capped in length; reset to steepest descent if BFGS lost it.
    let direction = multiply(inverseHessian, gradient).map((g) => -g);
    if (dot(direction, gradient) >= 0) {
      inverseHessian = identity(x.length);
      direction = gradient.map((g) => -g);
    }
    const longest = Math.max(...direction.map(Math.abs));
    if (longest > MAX_STEP) direction = direction.map((d) => (d * MAX_STEP) / longest);

    // 2. Backtrack until the objective falls enough.
    const slope = dot(direction, gradient);
    const step = lineSearch(f, x, value, direction, slope);
    if (step === undefined) break;

    // 3. The BFGS update of the inverse Hessian.
    const nextGradient = numericalGradient(f, step.x, step.value);
    const s = step.x.map((xi, i) => xi - x[i]);
    const y = nextGradient.map((gi, i) => gi - gradient[i]);
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (iterations === 1) inverseHessian = scaled(identity(x.length), sy / dot(y, y));
      inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
    }
    const improvement = value - step.value;
    x = step.x;
    value = step.value;
    gradient = nextGradient;
    if (improvement < 1e-10 * (1 + Math.abs(value))) break;
  }
  return { x, value, iterations };
}

function lineSearch(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  value: number,
  direction: readonly number[],
  slope: number,
): { x: number[]; value: number } | undefined {
  let t = 1;
  for (let halvings = 0; halvings <= MAX_HALVINGS; halvings++) {
    const candidate = x.map((xi, i) => xi + t * direction[i]);
    const candidateValue = f(candidate);
    if (candidateValue <= value + ARMIJO * t * slope)
      return { x: candidate, value: candidateValue };
    t /= 2;
  }
  return undefined;
}

// Central differences, falling back to a one-sided difference where one side is +∞.
function numericalGradient(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  value: number,
): number[] {
  return x.map((xi, i) => {
    const h = 1e-5 * Math.max(1, Math.abs(xi));
    const plus = f(x.map((xj, j) => (j === i ? xj + h : xj)));
    const minus = f(x.map((xj, j) => (j === i ? xj - h : xj)));
    if (plus < Infinity && minus < Infinity) return (plus - minus) / (2 * h);
    if (plus < Infinity) return (plus - value) / h;
    if (minus < Infinity) return (value - minus) / h;
    return 0;
  });
}

// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / (sᵀ y).
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map(
      (hij, j) => hij - rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j],
    ),
  );
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
}

function scaled(matrix: number[][], factor: number): number[][] {
  return matrix.map((row) => row.map((value) => value * factor));
}

function multiply(matrix: number[][], vector: readonly number[]): number[] {
  return matrix.map((row) => dot(row, vector));
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, ai, i) => sum + ai * b[i], 0);
}
