import {closeSync, mkdtempSync, openSync, rmSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Database} from "../../src/db/database.ts";
import type {Cell} from "../normalise/values.ts";
import {rawColumns} from "./raw-cells.ts";

/** Bytes gathered before they are written to the file. */
const FLUSH_BYTES = 1 << 20;
const LINE_BREAK = /[\n\r]/;
const TAB = 9;
const NEWLINE = 10;
const QUOTE = 34;

/**
 * Raw sheet rows written as TSV text (`_row`, `_js`, then the cells by position) to a scratch file, for
 * DuckDB's CSV reader to load in one pass: far cheaper than handing each value to DuckDB from
 * JavaScript, or than mapping each row to a record first. The text is encoded straight into one
 * reused buffer (no string per row to build and collect). A row is refused (and stays with
 * TypeScript) when a cell would not read back as the text TypeScript sees: a date, a boolean, a number
 * JavaScript writes with an exponent, an empty string (which the flat mapper counts as blank); or when
 * it is wider than the file's columns.
 */
export class RawRows {
  private readonly dir = mkdtempSync(join(tmpdir(), "jixiao-bulk-"));
  private readonly path = join(this.dir, "rows.tsv");
  private readonly fd = openSync(this.path, "w");
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES * 2);
  private at = 0;
  private multiline = false;
  private open = true;
  count = 0;

  constructor(readonly width: number) {}

  /**
   * Takes a row; false when it must be mapped and normalised in TypeScript, as a blank row is. The row's
   * `_js` column says what `rawCellsSource` would: the flat mapper may skip it or read it otherwise.
   */
  add(row: number, cells: readonly Cell[]): boolean {
    if (cells.length > this.width) return false;
    // The most bytes the row can take (a UTF-16 unit is at most 3 bytes of UTF-8, doubled quotes at most
    // double it); and whether every cell reads back as itself.
    let most = 20 + cells.length;
    let present = 0;
    let doubtful = false;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      present++;
      if (typeof cell === "string") {
        if (cell === "") return false;
        most += 6 * cell.length + 2;
        if (!doubtful && (leadingSpace(cell.charCodeAt(0)) || (i < 4 && cell.includes("计")))) doubtful = true;
      } else if (typeof cell === "number") {
        // String(n) has an exponent from 1e21 on and below 1e-6 (and Infinity, NaN are no cell values).
        const size = Math.abs(cell);
        if (!(size === 0 || (size >= 1e-6 && size < 1e21))) return false;
        most += 24;
      } else return false;
    }
    if (this.at + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    if (present === 0) return false;
    const buffer = this.buffer;
    let at = writeAscii(buffer, this.at, String(row));
    buffer[at++] = TAB;
    at = writeAscii(buffer, at, doubtful || present <= 2 ? "true" : "false");
    for (let i = 0; i < cells.length; i++) {
      buffer[at++] = TAB;
      const cell = cells[i] as string | number | null | undefined; // checked above
      if (cell === null || cell === undefined) continue;
      if (typeof cell === "number") at = writeAscii(buffer, at, String(cell));
      else {
        let end = writeText(buffer, at, cell, false);
        if (end === NEEDS_QUOTES) {
          // A tab, line break or quote: the cell is quoted, its quotes doubled.
          if (LINE_BREAK.test(cell)) this.multiline = true;
          buffer[at] = QUOTE;
          end = writeText(buffer, at + 1, cell, true);
          if (end >= 0) buffer[end++] = QUOTE;
        }
        if (end === LONE_SURROGATE) return false;
        at = end;
      }
    }
    buffer[at++] = NEWLINE;
    this.at = at;
    this.count++;
    if (at >= FLUSH_BYTES) this.flush();
    return true;
  }

  private flush(): void {
    if (this.at === 0) return;
    writeSync(this.fd, this.buffer, 0, this.at);
    this.at = 0;
  }

  /** Appends the rows to `table` (`_row` INTEGER, `_js` BOOLEAN, c0 … VARCHAR; created if need be) and removes the file. */
  async appendTo(db: Database, table: string): Promise<void> {
    this.flush();
    this.close();
    try {
      const columns: [string, string][] = [["_row", "INTEGER"], ["_js", "BOOLEAN"], ...rawColumns(this.width).map((c): [string, string] => [c, "VARCHAR"])];
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

/**
 * Whether a cell starting with this UTF-16 unit may be white space only (JavaScript's \s, as `cleanText`
 * and the flat mapper count it): the twin of the SQL macro jx_lead_space.
 */
function leadingSpace(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 ||
    c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

function writeAscii(buffer: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
  return at;
}

const NEEDS_QUOTES = -1;
/** A lone surrogate: UTF-8 has no spelling for it, so the text would not read back as itself. */
const LONE_SURROGATE = -2;

/**
 * Encodes `text` as UTF-8 at `at` and returns where it ends. Unquoted, NEEDS_QUOTES when the text holds
 * a tab, line break or double quote; quoted, each double quote doubled. LONE_SURROGATE when it cannot be
 * written as it is. Encoding here in JavaScript costs less than a call into Buffer.write per cell.
 */
function writeText(buffer: Buffer, at: number, text: string, quoted: boolean): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 9 || c === 10 || c === 13 || c === QUOTE) {
        if (!quoted) return NEEDS_QUOTES;
        if (c === QUOTE) buffer[at++] = QUOTE;
      }
      buffer[at++] = c;
    } else if (c < 0x800) {
      buffer[at++] = 0xc0 | (c >> 6);
      buffer[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c < 0xe000) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || next < 0xdc00 || next >= 0xe000) return LONE_SURROGATE;
      const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      buffer[at++] = 0xf0 | (point >> 18);
      buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
      buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
      buffer[at++] = 0x80 | (point & 0x3f);
      i++;
    } else {
      buffer[at++] = 0xe0 | (c >> 12);
      buffer[at++] = 0x80 | ((c >> 6) & 0x3f);
      buffer[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}
