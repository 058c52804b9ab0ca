/**
 * The number a command-line value spells in decimal ("16", "-5", "0.5", "1e3"), or NaN.
 * `Number()` alone also reads "0x10" as 16, "0b11" as 3 and "" as 0, which no one typing a
 * GPU count or an interval means; the callers then refuse NaN with their own message.
 */
export function decimalNumber(text: string): number {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
}
