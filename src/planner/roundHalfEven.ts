/**
 * Rounds to the nearest whole number, ties to the even one, as Python's `round` and NumPy's
 * `round` do (2.5 → 2, 3.5 → 4). Dynamo's GPU-budget shrink and grid lookup depend on it.
 */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
