import type {Database} from "../../src/db/database.ts";
import type {TableName} from "../layout/fields.ts";
import type {RecordContext} from "../layout/raw-record.ts";
import type {ImportWriter} from "../load/writer.ts";
import {bulkSelect, ensureMacros} from "./select.ts";

/** What the bulk normaliser needs to know about a sheet. */
export interface BulkSheet {
  table: TableName;
  fields: readonly string[];
  context: RecordContext;
  /** Percent scales decided by the records normalised in TypeScript so far. */
  scales: ReadonlyMap<string, 1 | 100>;
  /** Sequence numbers reserved for the sheet: a staged row takes `base + row`. */
  base: number;
}

/**
 * Normalises the rows of `source` (a relation with `_row`, `_js` and `f_<field>` text columns) in SQL:
 * the plain rows go straight to the writer (`insertBulk`); the raw cells (`raw.cells` of `raw.table`,
 * joined on `_row`) of every other row of `raw.nonBlank` (the `_row`s `source` yields) are added to the
 * table `left`, for `loadLeftovers` to hand to the TypeScript normaliser, which also reports what is
 * wrong with them. Returns the number of rows taken.
 */
export async function normaliseBulk(
  db: Database, writer: ImportWriter, sheet: BulkSheet, source: string, raw: {table: string; cells: string; nonBlank: string}, left: string
): Promise<number> {
  await ensureMacros(db);
  await db.run(`CREATE TEMP TABLE IF NOT EXISTS ${left} AS SELECT r._row, ${raw.cells} FROM ${raw.table} r WHERE false`);
  return writer.insertBulk(sheet.table, sheet.context.sheet, sheet.base, bulkSelect(sheet.table, sheet.fields, sheet.context, source, sheet.scales),
    raw.nonBlank,
    (rows) => `INSERT INTO ${left} SELECT r._row, ${raw.cells} FROM ${raw.table} r WHERE r._row IN (SELECT _row FROM ${rows})`);
}
