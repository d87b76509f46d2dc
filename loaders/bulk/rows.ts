import {closeSync, mkdtempSync, openSync, rmSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Database} from "../../src/db/database.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import type {Cell} from "../normalise/values.ts";
import {column} from "./select.ts";

const FLUSH_CHARS = 1 << 20;

/** A cell as TSV text, or null when its type must reach the TypeScript normaliser as is (dates, booleans, 1e-7). */
function field(cell: Cell): string | null {
  if (cell === null) return "";
  if (typeof cell === "string") {
    // Quoted when it holds a delimiter, quote or line break, and when empty ("" stays '' and is not NULL).
    if (cell === "" || /[\t\n\r"]/.test(cell)) return `"${cell.replaceAll('"', '""')}"`;
    return cell;
  }
  if (typeof cell === "number") {
    const text = String(cell);
    return /[eE]|Infinity|NaN/.test(text) ? null : text;
  }
  return null;
}

/**
 * Mapped records written as TSV text (`_row`, then one column per field) to a scratch file, for DuckDB's
 * CSV reader to load in one pass: far cheaper than handing each value to DuckDB from JavaScript.
 */
export class TsvRows {
  private readonly dir = mkdtempSync(join(tmpdir(), "jixiao-bulk-"));
  private readonly path = join(this.dir, "rows.tsv");
  private readonly fd = openSync(this.path, "w");
  private chunk: string[] = [];
  private chars = 0;
  private multiline = false;
  private open = true;
  count = 0;

  constructor(readonly fields: readonly string[]) {}

  /** Takes a record; false when it holds a cell that must be normalised from its original type. */
  add(record: RawRecord): boolean {
    let line = String(record.row);
    for (const name of this.fields) {
      const text = field(record.cells[name] ?? null);
      if (text === null) return false;
      line += "\t" + text;
    }
    if (!this.multiline && /[\n\r]/.test(line)) this.multiline = true;
    this.chunk.push(line);
    this.chars += line.length;
    this.count++;
    if (this.chars >= FLUSH_CHARS) this.flush();
    return true;
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    writeSync(this.fd, this.chunk.join("\n") + "\n");
    this.chunk = [];
    this.chars = 0;
  }

  /** Appends the rows to `table` (created on first use: `_row` INTEGER, `f_<field>` VARCHAR) and removes the file. */
  async load(db: Database, table: string, create: boolean): Promise<void> {
    this.flush();
    this.close();
    try {
      const columns = [`'_row': 'INTEGER'`, ...this.fields.map((f) => `'f_${f}': 'VARCHAR'`)].join(", ");
      const read = `SELECT * FROM read_csv('${this.path.replaceAll("'", "''")}', delim = '\t', quote = '"', escape = '"',
           header = false, auto_detect = false, columns = {${columns}}, allow_quoted_nulls = false, parallel = ${!this.multiline})`;
      await db.run(create ? `CREATE TABLE ${table} AS ${read}` : `INSERT INTO ${table} ${read}`);
    } finally {
      this.discard();
    }
  }

  private close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }

  discard(): void {
    this.close();
    rmSync(this.dir, {recursive: true, force: true});
  }
}

/** The relation `normaliseBulk` reads from a table of `TsvRows`. */
export function tsvRowsSource(table: string, fields: readonly string[]): string {
  return `SELECT _row, false AS _js, ${fields.map((f) => column(f)).join(", ")} FROM ${table}`;
}
