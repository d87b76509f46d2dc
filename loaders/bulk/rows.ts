import {closeSync, mkdtempSync, openSync, rmSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Database} from "../../src/db/database.ts";
import type {Cell} from "../normalise/values.ts";
import {rawColumns} from "./raw-cells.ts";

const FLUSH_CHARS = 1 << 20;
const QUOTE = /[\t\n\r"]/;
const LINE_BREAK = /[\n\r]/;

/**
 * Raw sheet rows written as TSV text (`_row`, then the cells by position) to a scratch file, for
 * DuckDB's CSV reader to load in one pass: far cheaper than handing each value to DuckDB from
 * JavaScript, or than mapping each row to a record first. A row is refused (and stays with
 * TypeScript) when a cell would not read back as the text TypeScript sees: a date, a boolean, a number
 * JavaScript writes with an exponent, an empty string (which the flat mapper counts as blank); or when
 * it is wider than the file's columns.
 */
export class RawRows {
  private readonly dir = mkdtempSync(join(tmpdir(), "jixiao-bulk-"));
  private readonly path = join(this.dir, "rows.tsv");
  private readonly fd = openSync(this.path, "w");
  private chunk: string[] = [];
  private chars = 0;
  private multiline = false;
  private open = true;
  count = 0;

  constructor(readonly width: number) {}

  /** Takes a row; false when it must be mapped and normalised in TypeScript. */
  add(row: number, cells: readonly Cell[]): boolean {
    if (cells.length > this.width) return false;
    let line = String(row);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) line += "\t";
      else if (typeof cell === "string") {
        if (cell === "") return false;
        if (QUOTE.test(cell)) {
          if (LINE_BREAK.test(cell)) this.multiline = true;
          line += `\t"${cell.replaceAll('"', '""')}"`;
        } else line += "\t" + cell;
      } else if (typeof cell === "number") {
        // String(n) has an exponent from 1e21 on and below 1e-6 (and Infinity, NaN are no cell values).
        const size = Math.abs(cell);
        if (!(size === 0 || (size >= 1e-6 && size < 1e21))) return false;
        line += "\t" + String(cell);
      } else return false;
    }
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

  /** Appends the rows to `table` (`_row` INTEGER, c0 … VARCHAR; created if need be) and removes the file. */
  async appendTo(db: Database, table: string): Promise<void> {
    this.flush();
    this.close();
    try {
      const columns: [string, string][] = [["_row", "INTEGER"], ...rawColumns(this.width).map((c): [string, string] => [c, "VARCHAR"])];
      await db.run(`CREATE TEMP TABLE IF NOT EXISTS ${table} (${columns.map(([name, type]) => `${name} ${type}`).join(", ")})`);
      await db.run(`INSERT INTO ${table} SELECT * FROM read_csv('${this.path.replaceAll("'", "''")}', delim = '\t', quote = '"', escape = '"',
           header = false, auto_detect = false, columns = {${columns.map(([name, type]) => `'${name}': '${type}'`).join(", ")}},
           null_padding = true, allow_quoted_nulls = false, parallel = ${!this.multiline})`);
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
