/**
 * Stationary and invertible ARMA polynomials through their partial autocorrelations. Any real
 * numbers map (through tanh, then the Durbin–Levinson recursion) to the coefficients of a
 * stationary AR polynomial 1 − φ₁z − … − φ_p z^p, so an optimiser searching freely over the reals
 * can never leave the stationary region (Jones 1980; Monahan 1984). An invertible MA polynomial
 * 1 + θ₁z + … + θ_q z^q is the same construction with the signs flipped.
 */

/** AR coefficients φ₁…φ_p of a stationary polynomial, from any p real numbers. */
export function stationaryFromUnconstrained(unconstrained: readonly number[]): number[] {
  let phi: number[] = [];
  for (const value of unconstrained) {
    const reflection = Math.tanh(value);
    const k = phi.length + 1;
    const next = phi.map((coefficient, j) => coefficient - reflection * phi[k - j - 2]);
    next.push(reflection);
    phi = next;
  }
  return phi;
}

/** The inverse of stationaryFromUnconstrained; undefined for a non-stationary polynomial. */
export function unconstrainedFromStationary(phi: readonly number[]): number[] | undefined {
  const reflections = reflectionCoefficients(phi);
  return reflections?.map((r) => Math.atanh(r));
}

/** MA coefficients θ₁…θ_q of an invertible polynomial, from any q real numbers. */
export function invertibleFromUnconstrained(unconstrained: readonly number[]): number[] {
  return stationaryFromUnconstrained(unconstrained).map((phi) => -phi);
}

/**
 * Whether every inverse root of 1 − φ₁z − … − φ_p z^p lies strictly inside the circle of
 * radius `radius` (1: stationarity). Scaling φ_i by radius^−i scales the inverse roots by
 * 1/radius, and a polynomial is stationary exactly when its step-down (Schur–Cohn) reflection
 * coefficients all lie in (−1, 1), so no root finding is needed.
 */
export function hasInverseRootsWithin(phi: readonly number[], radius = 1): boolean {
  const scaled = phi.map((coefficient, i) => coefficient / Math.pow(radius, i + 1));
  return reflectionCoefficients(scaled) !== undefined;
}

// The Durbin–Levinson recursion run backwards: the partial autocorrelations of an AR
// polynomial, or undefined as soon as one of them is not inside (−1, 1).
function reflectionCoefficients(phi: readonly number[]): number[] | undefined {
  let current = [...phi];
  const reflections: number[] = new Array(phi.length);
  for (let k = phi.length; k >= 1; k--) {
    const reflection = current[k - 1];
    if (!(Math.abs(reflection) < 1)) return undefined;
    reflections[k - 1] = reflection;
    const scale = 1 - reflection * reflection;
    current = current
      .slice(0, k - 1)
      .map((coefficient, j) => (coefficient + reflection * current[k - j - 2]) / scale);
  }
  return reflections;
}
