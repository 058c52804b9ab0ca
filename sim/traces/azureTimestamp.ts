/**
 * Wall-clock timestamps of the Azure LLM inference traces, `YYYY-MM-DD HH:MM:SS.fffffff` in
 * UTC with 100 ns resolution. The date is turned into a day number by hand rather than by
 * Date.parse, whose reading of such strings (local time or UTC, how many fraction digits)
 * differs between Node and browsers, and whose milliseconds would drop the last four digits.
 */

/** One instant: whole days since 1970-01-01 plus 100 ns ticks since that day's midnight. */
export interface AzureTimestamp {
  readonly dayNumber: number;
  readonly tickOfDay: number;
}

/** Ticks (the traces' 100 ns resolution) in one second. */
export const TICKS_PER_S = 10_000_000;
const TICKS_PER_DAY = 86_400 * TICKS_PER_S;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/**
 * Reads `text` as an Azure trace timestamp (fraction optional, up to 7 digits; a "T" may
 * stand for the space); undefined if it is malformed or names a day or time that does not
 * exist (2023-02-29, 24:00:00).
 */
export function parseAzureTimestamp(text: string): AzureTimestamp | undefined {
  const parts = TIMESTAMP.exec(text);
  if (parts === null) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // "0010000" and "001" both mean one millisecond: pad the fraction to 7 digits on the right.
  const fractionTicks = Number((parts[7] ?? "").padEnd(7, "0"));
  const secondOfDay = (hour * 60 + minute) * 60 + second;
  return {
    dayNumber: daysFromCivil(year, month, day),
    tickOfDay: secondOfDay * TICKS_PER_S + fractionTicks,
  };
}

/**
 * Ticks from `earlier` to `later` (negative when `later` comes first). Exact while the gap is
 * under 2^53 ticks (about 28 years): the days and the ticks are subtracted separately, so the
 * large absolute tick counts (~1.7e16 today, past 2^53) are never formed.
 */
export function ticksBetween(earlier: AzureTimestamp, later: AzureTimestamp): number {
  const days = later.dayNumber - earlier.dayNumber;
  return days * TICKS_PER_DAY + (later.tickOfDay - earlier.tickOfDay);
}

/**
 * Days from 1970-01-01 to the given proleptic Gregorian date (month 1–12). The year is taken
 * to begin on 1 March so that the leap day falls last and every month before it has a fixed
 * offset: March–July and August–December repeat the 31,30,31,30,31 pattern, which
 * floor((153·m + 2) / 5) reproduces for m = months since March.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const monthsSinceMarch = (month + 9) % 12;
  const dayOfMarchYear = Math.floor((153 * monthsSinceMarch + 2) / 5) + day - 1;
  const leapDays =
    Math.floor(marchYear / 4) - Math.floor(marchYear / 100) + Math.floor(marchYear / 400);
  // 719,468 is what the sum above gives for 1970-01-01, so that day becomes day 0.
  return 365 * marchYear + leapDays + dayOfMarchYear - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
