import type {Database} from "../../src/db/database.ts";
import type {TableName} from "../layout/fields.ts";
import type {RecordContext} from "../layout/raw-record.ts";
import type {ImportWriter} from "../load/writer.ts";
import {recordColumns} from "../../src/schema/records.ts";
import {bulkSelect, ensureMacros} from "./select.ts";

const RESULT = "jixiao_stage.bulk_result";

/** Rows handed back to TypeScript at a time. */
export const LEFTOVER_BATCH = 20_000;

/**
 * Normalises the rows of `source` (a relation with `_row`, `_js` and `f_<field>` text columns) in SQL:
 * the plain rows go straight into the writer's staging table; every other row is handed, in row order
 * and in batches, to `leftovers`, which normalises it in TypeScript (and reports what is wrong with it).
 * `cells` selects the columns `leftovers` receives for a row, from `raw` joined on `_row`.
 */
export async function normaliseBulk(
  db: Database, writer: ImportWriter, table: TableName, fields: readonly string[], context: RecordContext,
  source: string, raw: {table: string; cells: string},
  scales: ReadonlyMap<string, 1 | 100>, leftovers: (rows: Record<string, unknown>[]) => Promise<void>
): Promise<void> {
  await ensureMacros(db);
  await db.run(`CREATE OR REPLACE TABLE ${RESULT} AS ${bulkSelect(table, fields, context, source, scales)}`);
  try {
    const columns = recordColumns(table);
    await writer.insertStaged(table, context.sheet, `SELECT _row, ${columns.map((c) => `"${c}"`).join(", ")} FROM ${RESULT} WHERE _ok`);
    let after = 0;
    for (;;) {
      const rows = await db.all(
        `SELECT r._row, ${raw.cells} FROM ${raw.table} r JOIN ${RESULT} b USING (_row)
         WHERE NOT b._ok AND r._row > $after ORDER BY r._row LIMIT ${LEFTOVER_BATCH}`,
        {after}
      );
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1]!._row);
      await leftovers(rows);
    }
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${RESULT}`);
  }
}
