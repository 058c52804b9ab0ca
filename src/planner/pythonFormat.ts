/**
 * Number formatting as Python's f-strings print it, so that our log lines read exactly like
 * Dynamo's: `{x:.2f}` prints "nan", "inf" and "-inf", and an exact tie rounds to even.
 */

/** `x` with `digits` decimals, as Python's `f"{x:.{digits}f}"`. */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  // toFixed rounds the exact binary value correctly except at an exact decimal tie, which it
  // breaks upwards where Python breaks it to the even digit. A double that is a tie at `digits`
  // decimals has a finite expansion ending in that 5, well within 25 more digits.
  const expansion = Math.abs(x).toFixed(digits + 25);
  const tail = expansion.slice(expansion.length - 25);
  if (tail !== `5${"0".repeat(24)}`) return x.toFixed(digits);
  const kept = expansion.slice(0, expansion.length - 25).replace(/\.$/, "");
  const lastDigit = Number(kept[kept.length - 1]);
  const down = lastDigit % 2 === 0;
  const magnitude = down ? kept : (Number(kept) + 10 ** -digits).toFixed(digits);
  return x < 0 ? `-${magnitude}` : magnitude;
}

/** Python's `min(a, b)`: NaN in second place loses, because `nan < a` is false. */
export function pythonMin(a: number, b: number): number {
  return b < a ? b : a;
}
