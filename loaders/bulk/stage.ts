import type {Database} from "../../src/db/database.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import {stageTable, type ImportWriter} from "../load/writer.ts";
import {decodedChunks, splitQuoteFree, type CsvFile} from "../read/csv.ts";
import type {SheetReader} from "../sheet-reader.ts";
import {loadCsvRaw} from "./csv.ts";
import {normaliseBulk} from "./normalise.ts";
import {loadLeftovers, rawCellsSource} from "./raw-cells.ts";

const RAW = stageTable("csv_raw");
const LEFT = stageTable("csv_left");

/** DuckDB's reader did not read the file after all (see `loadCsvRaw`). */
class NotReadByDuckDB extends Error {}

/**
 * Reads a large CSV file through the bulk normaliser. DuckDB's reader reads the whole file into a
 * table of raw text (`loadCsvRaw`) while TypeScript feeds `reader` the first records from the file
 * itself, split as the small-file path splits them, until it has normalised them: they decide the
 * percent scales the SQL applies. Their appends wait until DuckDB is done with the connection. Then the
 * rest of the sheet is normalised in SQL. The flat mapper's row rules are kept: blank rows are skipped,
 * and rows it might read as a note or a total (two cells or fewer, a cell that may be white space only,
 * or 合计/总计/小计/累计 in the first columns) go through it in TypeScript. Returns false, having
 * appended nothing, when DuckDB's reader does not read the file: csv-parse must read it from the start.
 */
export async function stageCsvBulk(
  db: Database, writer: ImportWriter, reader: SheetReader, csv: CsvFile,
  scales: ReadonlyMap<string, 1 | 100>, load: (records: RawRecord[]) => Promise<void>
): Promise<boolean> {
  if (!csv.quoteFree) return false;
  const read = loadCsvRaw(db, csv, RAW);
  const busy = read.then((width) => {
    if (width === null) throw new NotReadByDuckDB();
  });
  busy.catch(() => undefined); // surfaces in the first append, if any
  writer.holdAppends(busy);
  try {
    let failure: unknown = null;
    let fed = 0;
    try {
      await splitQuoteFree(decodedChunks(csv.path, csv.encoding, csv.bomBytes), csv.delimiter, (row, cells) => {
        if (reader.bulkReady()) return false;
        fed = row;
        return reader.row(row, cells);
      });
    } catch (error) {
      failure = error;
    }
    // The connection is free again once DuckDB's reader is done.
    const width = await read;
    if (failure !== null && !(failure instanceof NotReadByDuckDB)) throw failure;
    if (width === null) return false;
    // The whole file went through the reader.
    if (!reader.bulkReady()) return true;
    // The first records are normalised now: they decide the percent scales the SQL applies.
    await reader.flush();
    const layout = reader.layout!;
    const rows = `(SELECT rowid + 1 AS _row, * FROM ${RAW} WHERE rowid >= ${fed})`;
    const last = Number(await db.value(`SELECT count(*) FROM ${RAW}`));
    const sheet = {table: layout.spec.table, fields: [...layout.columns.keys()], context: reader.context!, scales, base: writer.reserve(last + 1)};
    const {source, cells, nonBlank} = rawCellsSource(rows, width, layout);
    await normaliseBulk(db, writer, sheet, source, {table: rows, cells, nonBlank}, LEFT);
    await loadLeftovers(db, LEFT, width, (row, cells) => reader.map(row, cells), load);
    return true;
  } finally {
    writer.holdAppends(null);
    await db.run(`DROP TABLE IF EXISTS ${RAW}`);
  }
}
