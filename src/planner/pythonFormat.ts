/**
 * Number formatting as Python's f-strings print it, so that our log lines read exactly like
 * Dynamo's: `{x:.2f}` prints "nan", "inf" and "-inf", and an exact tie rounds to even.
 */

/** `x` with `digits` decimals, as Python's `f"{x:.{digits}f}"`. */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const text = x.toFixed(digits);
  // toFixed breaks an exact decimal tie upwards; Python breaks it to the even digit. A tie is
  // exact only when x times 10^digits is exactly a half-integer.
  const scaled = x * 10 ** digits;
  const down = Math.trunc(scaled);
  const isTie = Number.isInteger(scaled * 2) && !Number.isInteger(scaled);
  if (isTie && (down + 0.5 * Math.sign(scaled)) / 10 ** digits === x) {
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return (even / 10 ** digits).toFixed(digits);
  }
  return text;
}

/** Python's `min(a, b)`: NaN in second place loses, because `nan < a` is false. */
export function pythonMin(a: number, b: number): number {
  return b < a ? b : a;
}
