/** Simulated time as h:mm:ss, rounded to the second. */
export function formatClock(atS: number): string {
  const total = Math.round(atS);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}
