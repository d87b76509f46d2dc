import type {Database} from "../../src/db/database.ts";
import type {SheetLayout} from "../layout/header.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import {stageTable, type ImportWriter} from "../load/writer.ts";
import type {Cell} from "../normalise/values.ts";
import {normaliseBulk, type BulkSheet} from "./normalise.ts";
import {loadLeftovers, rawCellsSource} from "./raw-cells.ts";
import {RawRows} from "./rows.ts";

/** Row numbers a sheet's bulk rows may take (an .xlsx sheet has at most 1,048,576 rows). */
const ROW_LIMIT = 1 << 21;
/** Raw columns kept beyond the header's: room for a few cells further right further down. */
const SPARE_COLUMNS = 8;

const RAW = stageTable("bulk_rows");
const LEFT = stageTable("bulk_left");

/**
 * The later rows of a large spreadsheet sheet, normalised by DuckDB in one pass once the sheet is read:
 * each full chunk of raw rows is written as TSV and appended to one table of raw cells by DuckDB's CSV
 * reader while the reader parses on; at the end one statement maps and normalises them all and hands
 * them to the writer, as for a large CSV file. Normalising chunk by chunk made DuckDB compete with the
 * parser for the two cores: staged and copied at commit, 17.2 s against 13.8 s for a million rows;
 * inserted straight into the main tables chunk by chunk, 14.4 s against 10.7 s (with DuckDB held to one
 * thread while the reader parses, 14.6 s). `idle()` says when the connection is free for other work.
 */
export class BulkPipeline {
  private chunk: RawRows;
  private chain: Promise<void> = Promise.resolve();
  private readonly sheet: BulkSheet;
  private readonly width: number;
  private rows = 0;

  constructor(
    private readonly db: Database, private readonly writer: ImportWriter, private readonly layout: SheetLayout, sheet: Omit<BulkSheet, "base">,
    /** Rows per chunk handed to DuckDB while the reader goes on. */
    private readonly chunkRows: number
  ) {
    // The percent scales the first records decided: rows whose scale TypeScript decides later go to it,
    // as in a CSV file, whatever batch of other rows it decides on first.
    this.sheet = {...sheet, scales: new Map(sheet.scales), base: writer.reserve(ROW_LIMIT)};
    this.width = layout.headers.length + SPARE_COLUMNS;
    this.chunk = new RawRows(this.width);
  }

  /** Takes a raw row; false when it must be mapped and normalised in TypeScript. */
  add(row: number, cells: readonly Cell[]): boolean {
    if (row >= ROW_LIMIT || !this.chunk.add(row, cells)) return false;
    if (this.chunk.count >= this.chunkRows) this.ship();
    return true;
  }

  /** Resolves once DuckDB has finished every chunk handed to it (rejects if one failed). */
  idle(): Promise<void> {
    return this.chain;
  }

  private ship(): void {
    const chunk = this.chunk;
    this.chunk = new RawRows(this.width);
    this.rows += chunk.count;
    this.chain = this.chain.then(() => chunk.appendTo(this.db, RAW), (error) => {
      chunk.discard();
      throw error;
    });
    this.chain.catch(() => undefined); // surfaces at the next idle() or finish()
  }

  /** Normalises the rows taken, then hands the rows left to TypeScript, mapped by `map`, to `load`, in row order. */
  async finish(map: (rowNumber: number, cells: Cell[]) => RawRecord | null, load: (records: RawRecord[]) => Promise<void>): Promise<void> {
    if (this.chunk.count > 0) this.ship();
    else this.chunk.discard();
    await this.chain;
    try {
      if (this.rows > 0) {
        const {source, cells, nonBlank} = rawCellsSource(RAW, this.width, this.layout, true);
        await normaliseBulk(this.db, this.writer, this.sheet, source, {table: RAW, cells, nonBlank}, LEFT);
      }
    } finally {
      await this.db.run(`DROP TABLE IF EXISTS ${RAW}`);
    }
    await loadLeftovers(this.db, LEFT, this.width, map, load);
  }

  /** Removes scratch files and rows after a failure. */
  async discard(): Promise<void> {
    this.chunk.discard();
    await this.chain.catch(() => undefined);
    await this.db.run(`DROP TABLE IF EXISTS ${RAW}`);
  }
}
