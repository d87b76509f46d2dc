import type {Database} from "../../src/db/database.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import {stageTable, type ImportWriter} from "../load/writer.ts";
import type {Cell} from "../normalise/values.ts";
import type {SheetReader} from "../sheet-reader.ts";
import {normaliseBulk} from "./normalise.ts";
import {loadLeftovers, rawCellsSource, rawColumns} from "./raw-cells.ts";

const LEFT = stageTable("csv_left");

/**
 * Feeds a reader the rows of a CSV file read whole by DuckDB (`loadCsvRaw`) until it has normalised
 * the first records; then normalises the rest of the sheet in SQL. The flat mapper's row rules are
 * kept: blank rows are skipped, and rows it might read as a note or a total (two cells or fewer, a
 * cell that may be white space only, or 合计/总计/小计/累计 in the first columns) go through it in TypeScript.
 */
export async function stageCsvBulk(
  db: Database, writer: ImportWriter, reader: SheetReader, raw: string, width: number,
  scales: ReadonlyMap<string, 1 | 100>, load: (records: RawRecord[]) => Promise<void>
): Promise<void> {
  const all = rawColumns(width);
  let fed = 0;
  head: for (;;) {
    // rowid ranges: DuckDB reads just those rows. Rows as arrays of text: converting them to objects
    // costs more than the query.
    const chunk = (await db.connection.runAndReadAll(`SELECT ${all.join(", ")} FROM ${raw} WHERE rowid >= $fed AND rowid < $fed + 5000 ORDER BY rowid`, {fed})).getRows() as Cell[][];
    if (chunk.length === 0) return;
    for (const cells of chunk) {
      if (reader.bulkReady()) break head;
      const pending = reader.row(fed + 1, cells);
      if (pending) await pending;
      fed++;
    }
  }
  // The first records are normalised now: they decide the percent scales the SQL applies.
  await reader.flush();
  const layout = reader.layout!;
  const rows = `(SELECT rowid + 1 AS _row, * FROM ${raw} WHERE rowid >= ${fed})`;
  const last = Number(await db.value(`SELECT count(*) FROM ${raw}`));
  const sheet = {table: layout.spec.table, fields: [...layout.columns.keys()], context: reader.context!, scales, base: writer.reserve(last + 1)};
  const {source, cells, nonBlank} = rawCellsSource(rows, width, layout);
  await normaliseBulk(db, writer, sheet, source, {table: rows, cells, nonBlank}, LEFT);
  await loadLeftovers(db, LEFT, width, (row, cells) => reader.map(row, cells), load);
}
