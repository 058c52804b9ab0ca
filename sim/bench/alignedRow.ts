/**
 * One line of a text table: the first cell (a name) padded on the right, the others (figures)
 * on the left, each to its column's width, columns two spaces apart.
 */
export function alignedRow(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
    .join("  ");
}
