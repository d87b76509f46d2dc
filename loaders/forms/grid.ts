import {labelKey} from "../normalise/text.ts";
import type {Cell} from "../normalise/values.ts";

/** Helpers for reading label/value forms whose merged cells repeat their master value. */
export function key(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? "" : labelKey(cell instanceof Date ? cell.toISOString() : String(cell));
}

export function findCell(rows: Cell[][], test: (label: string) => boolean, from = 0, to = rows.length): {row: number; col: number} | null {
  for (let r = from; r < Math.min(to, rows.length); r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) if (test(key(row[c]))) return {row: r, col: c};
  }
  return null;
}

/**
 * The value to the right of a label: the first non-empty cell that is not a repeat of the label (merged)
 * and not another label.
 */
export function valueRightOf(rows: Cell[][], at: {row: number; col: number}, isLabel: (label: string) => boolean): Cell {
  const row = rows[at.row] ?? [];
  const label = key(row[at.col]);
  for (let c = at.col + 1; c < row.length; c++) {
    const k = key(row[c]);
    if (!k || k === label) continue;
    if (isLabel(k)) return null;
    return row[c] ?? null;
  }
  return null;
}
