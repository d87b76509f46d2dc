import type {Database} from "../../src/db/database.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import type {ImportWriter} from "../load/writer.ts";
import type {Cell} from "../normalise/values.ts";
import type {SheetReader} from "../sheet-reader.ts";
import {csvRows} from "./csv.ts";
import {LEFTOVER_BATCH, normaliseBulk} from "./normalise.ts";
import {bulkRowsSource} from "./rows.ts";
import {column} from "./select.ts";

type Load = (records: RawRecord[]) => Promise<void>;

const ROWS = "jixiao_stage.bulk_rows";

/** Normalises the records a reader wrote out for the bulk normaliser (bulk mode "rows"). */
export async function stageBulkRows(
  db: Database, writer: ImportWriter, reader: SheetReader, scales: ReadonlyMap<string, 1 | 100>, load: Load
): Promise<void> {
  const bulk = reader.bulkRows!;
  const context = reader.context!;
  const table = reader.layout!.spec.table;
  await bulk.load(db, ROWS);
  try {
    await normaliseBulk(db, writer, table, bulk.fields, context, bulkRowsSource(ROWS, bulk.fields),
      {table: ROWS, cells: bulk.fields.map((f) => `r.${column(f)}`).join(", ")}, scales,
      (rows) => load(rows.map((r) => {
        const cells: Record<string, Cell> = {};
        for (const f of bulk.fields) cells[f] = (r[`f_${f}`] as string | null) ?? null;
        return {table, row: Number(r._row), cells, context};
      })));
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${ROWS}`);
  }
}

/**
 * Feeds a reader the rows of a CSV file read whole by DuckDB (`loadCsvRaw`) until it has normalised
 * the first records; then normalises the rest of the sheet in SQL. The flat mapper's row rules are
 * kept: blank rows are skipped, and rows it might read as a note or a total (two cells or fewer, or
 * 合计/总计/小计/累计 in the first columns) go through it in TypeScript.
 */
export async function stageCsvBulk(
  db: Database, writer: ImportWriter, reader: SheetReader, raw: string, width: number,
  scales: ReadonlyMap<string, 1 | 100>, load: Load
): Promise<void> {
  const rows = csvRows(raw);
  const all = Array.from({length: width}, (_, i) => `c${i}`);
  const cellsOf = (r: Record<string, unknown>): Cell[] => all.map((c) => (r[c] as string | null) ?? null);
  let fed = 0;
  head: for (;;) {
    // rowid ranges: DuckDB reads just those rows.
    const chunk = await db.all(`SELECT rowid + 1 AS _row, ${all.join(", ")} FROM ${raw} WHERE rowid >= $fed AND rowid < $fed + 5000 ORDER BY rowid`, {fed});
    if (chunk.length === 0) return;
    for (const r of chunk) {
      if (reader.bulkReady()) break head;
      const pending = reader.row(Number(r._row), cellsOf(r));
      if (pending) await pending;
      fed = Number(r._row);
    }
  }
  const layout = reader.layout!;
  const fields = [...layout.columns.keys()];
  // A row with two cells or fewer, with a cell that may be white space only, or with 计 (合计 …) in its
  // first columns is left to the mapper: it may be a note or a total. A row with no cell is blank.
  const present = all.map((c) => `(${c} IS NOT NULL)::INTEGER`).join(" + ");
  const doubtful = [...all.map((c) => `jx_lead_space(${c})`), ...all.slice(0, 4).map((c) => `coalesce(contains(${c}, '计'), false)`)];
  const source = `SELECT _row, (_present <= 2 OR ${doubtful.join(" OR ")}) AS _js,
      ${fields.map((f) => `c${layout.columns.get(f)} AS ${column(f)}`).join(", ")}
    FROM (SELECT *, ${present} AS _present FROM ${rows} WHERE _row > ${fed}) WHERE _present > 0`;
  await normaliseBulk(db, writer, layout.spec.table, fields, reader.context!, source,
    {table: rows, cells: all.map((c) => `r.${c}`).join(", ")}, scales,
    async (found) => {
      const records: RawRecord[] = [];
      for (const r of found) {
        const record = reader.map(Number(r._row), cellsOf(r));
        if (record) records.push(record);
      }
      for (let i = 0; i < records.length; i += LEFTOVER_BATCH) await load(records.slice(i, i + LEFTOVER_BATCH));
    });
}
