import type {Database} from "../../src/db/database.ts";
import type {SheetLayout} from "../layout/header.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import type {Cell} from "../normalise/values.ts";
import {column} from "./select.ts";

/** Rows handed back to TypeScript at a time. */
const LEFTOVER_BATCH = 20_000;

/** The raw cell columns of a sheet read by position: c0, c1 … */
export function rawColumns(width: number): string[] {
  return Array.from({length: width}, (_, i) => `c${i}`);
}

/**
 * What `normaliseBulk` reads from a relation of raw sheet rows (`_row` and text columns c0 … c<width-1>,
 * NULL for an empty cell): the mapped fields of each non-blank row, and `_js` for the rows the flat
 * mapper might skip or read otherwise, which TypeScript then maps (`flatMapper`): two cells or fewer (a
 * note), a cell that may be white space only (not counted as filled), 合计/总计/小计/累计 in the first
 * columns (a total). `cells` lists the raw columns of `rows` aliased `r`, to hand such rows back;
 * `nonBlank` is the `_row` of every row the source yields, without its work.
 */
export function rawCellsSource(
  rows: string, width: number, layout: SheetLayout,
  /** `rows` has no blank row and its own `_js` column, set by JavaScript as it wrote them (`RawRows`). */
  flagged = false
): {source: string; cells: string; nonBlank: string} {
  const all = rawColumns(width);
  const fields = [...layout.columns].map(([field, index]) => `${index < width ? `c${index}` : "NULL::VARCHAR"} AS ${column(field)}`);
  const cells = all.map((c) => `r.${c}`).join(", ");
  if (flagged) return {source: `SELECT _row, _js, ${fields.join(", ")} FROM ${rows}`, cells, nonBlank: `(SELECT _row FROM ${rows})`};
  const present = all.map((c) => `(${c} IS NOT NULL)::INTEGER`).join(" + ");
  const doubtful = [...all.map((c) => `jx_lead_space(${c})`), ...all.slice(0, 4).map((c) => `coalesce(contains(${c}, '计'), false)`)];
  const source = `SELECT _row, (_present <= 2 OR ${doubtful.join(" OR ")}) AS _js, ${fields.join(", ")}
    FROM (SELECT *, ${present} AS _present FROM ${rows}) WHERE _present > 0`;
  return {source, cells, nonBlank: `(SELECT _row FROM ${rows} WHERE coalesce(${all.join(", ")}) IS NOT NULL)`};
}

/**
 * Hands the raw rows `normaliseBulk` left in `left` to `map` (the flat mapper) and the records to `load`,
 * in row order and in batches; drops `left`.
 */
export async function loadLeftovers(
  db: Database, left: string, width: number, map: (rowNumber: number, cells: Cell[]) => RawRecord | null, load: (records: RawRecord[]) => Promise<void>
): Promise<void> {
  const columns = rawColumns(width);
  try {
    let after = 0;
    for (;;) {
      const rows = await db.all(`SELECT * FROM ${left} WHERE _row > $after ORDER BY _row LIMIT ${LEFTOVER_BATCH}`, {after});
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1]!._row);
      const records: RawRecord[] = [];
      for (const r of rows) {
        const record = map(Number(r._row), columns.map((c) => (r[c] as string | null) ?? null));
        if (record) records.push(record);
      }
      await load(records);
    }
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${left}`);
  }
}
