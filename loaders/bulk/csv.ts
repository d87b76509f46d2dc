import {createReadStream, mkdtempSync, rmSync, writeFileSync, appendFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Database} from "../../src/db/database.ts";
import {decodedChunks, type CsvFile} from "../read/csv.ts";

/**
 * Whether DuckDB's CSV reader splits this UTF-8 file into the same records, numbered the same, as the
 * csv-parse reader does: no blank lines (DuckDB skips them, which would renumber the rows after) and one
 * kind of line break (csv-parse keeps the other kinds inside fields).
 */
async function sameRecords(path: string): Promise<boolean> {
  let crlf = false;
  let lf = false;
  let previous = -1;
  let beforePrevious = -1;
  for await (const chunk of createReadStream(path, {highWaterMark: 4 << 20})) {
    const bytes = chunk as Buffer;
    if (previous === 13 && bytes.length > 0 && bytes[0] !== 10) return false;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
      const p = i > 0 ? bytes[i - 1]! : previous;
      const pp = i > 1 ? bytes[i - 2]! : i === 1 ? previous : beforePrevious;
      if (p === 13) crlf = true;
      else lf = true;
      if (p === 10 || (p === 13 && pp === 10)) return false;
    }
    for (let i = bytes.indexOf(13); i !== -1; i = bytes.indexOf(13, i + 1)) {
      if (i + 1 < bytes.length && bytes[i + 1] !== 10) return false;
    }
    beforePrevious = bytes.length > 1 ? bytes[bytes.length - 2]! : previous;
    previous = bytes.length > 0 ? bytes[bytes.length - 1]! : previous;
    if (crlf && lf) return false;
  }
  return !(crlf && lf);
}

/** The most cells a record of this quote-free UTF-8 file has (records split at \n). */
async function widestRecord(path: string, delimiter: string): Promise<number> {
  const cell = delimiter.charCodeAt(0);
  let widest = 1;
  let cells = 1;
  for await (const chunk of createReadStream(path, {highWaterMark: 4 << 20})) {
    const bytes = chunk as Buffer;
    // Each delimiter and line break is looked for once.
    let next = bytes.indexOf(cell);
    let at = 0;
    for (;;) {
      const end = bytes.indexOf(10, at);
      const stop = end === -1 ? bytes.length : end;
      for (; next !== -1 && next < stop; next = bytes.indexOf(cell, next + 1)) cells++;
      if (end === -1) break;
      widest = Math.max(widest, cells);
      cells = 1;
      at = end + 1;
    }
  }
  return Math.max(widest, cells);
}

/**
 * Reads a whole CSV file with DuckDB's reader into `table`, text columns c0, c1 …, one row per record
 * in file order: `rowid + 1` is the record number as csv-parse counts it. Files in other encodings are
 * converted to UTF-8 in a scratch file first. Only files without a quote character are read this way:
 * how a quote left open or a quote inside a field is read differs between DuckDB's reader and csv-parse
 * (which the tests showed: DuckDB read on past an open quote where csv-parse refuses the file), and
 * without quotes a record is a line split at the delimiter in both. The table is as wide as the widest
 * of the first lines (`csvWidth`); when a record further down is wider, DuckDB's reader refuses the
 * file and reads it again as wide as its widest record. Returns the number of columns; null, having
 * created nothing, when the file is not read this way (quotes, blank lines, mixed line breaks): csv-parse
 * then reads it.
 */
export async function loadCsvRaw(db: Database, csv: CsvFile, table: string): Promise<number | null> {
  if (!csv.quoteFree) return null;
  let path = csv.path;
  let scratch: string | null = null;
  try {
    if (csv.encoding !== "utf-8" && csv.encoding !== "utf-8-bom") {
      scratch = mkdtempSync(join(tmpdir(), "jixiao-csv-"));
      path = join(scratch, "utf8.csv");
      writeFileSync(path, "");
      for await (const text of decodedChunks(csv.path, csv.encoding, csv.bomBytes)) appendFileSync(path, text);
    }
    const delimiter = csv.delimiter === "'" ? "''''" : `'${csv.delimiter}'`;
    const readAs = (width: number) => {
      const columns = Array.from({length: width}, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
      return db.run(
        `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}', delim = ${delimiter}, quote = '"', escape = '"', header = false,
           auto_detect = false, columns = {${columns}}, null_padding = true, strict_mode = true)`
      ).then(() => width);
    };
    // DuckDB reads while this thread checks the line breaks: the table is dropped if they disagree.
    const read = readAs(csvWidth(csv.head, csv.delimiter)).catch(async (error: unknown) => {
      if (!/Expected Number of Columns/i.test(String(error))) return null;
      return readAs(await widestRecord(path, csv.delimiter)).catch(() => null);
    });
    let same = false;
    let width: number | null = null;
    try {
      same = await sameRecords(path);
    } finally {
      width = await read;
      if (!(same && width !== null)) await db.run(`DROP TABLE IF EXISTS ${table}`);
    }
    return same ? width : null;
  } finally {
    if (scratch) rmSync(scratch, {recursive: true, force: true});
  }
}

/** Columns to read first: the widest of the first lines. */
export function csvWidth(head: string, delimiter: string): number {
  let widest = 1;
  for (const line of head.split(/\r?\n/).slice(0, 200)) widest = Math.max(widest, line.split(delimiter).length);
  return widest;
}
