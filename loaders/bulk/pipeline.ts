import type {Database} from "../../src/db/database.ts";
import type {RawRecord} from "../layout/raw-record.ts";
import type {ImportWriter} from "../load/writer.ts";
import type {Cell} from "../normalise/values.ts";
import {leftovers, normaliseBulk, type BulkSheet} from "./normalise.ts";
import {TsvRows, tsvRowsSource} from "./rows.ts";
import {column} from "./select.ts";

/** Row numbers a sheet's bulk rows may take (an .xlsx sheet has at most 1,048,576 rows). */
const ROW_LIMIT = 1 << 21;

const RAW = "jixiao_stage.bulk_rows";
const LEFT = "jixiao_stage.bulk_left";

/**
 * The later records of a large spreadsheet sheet, normalised by DuckDB in chunks while the reader parses
 * on: each full chunk is written as TSV, loaded by DuckDB's CSV reader and normalised in SQL, one chunk
 * after another on the writer's connection. `idle()` says when the connection is free for other work.
 */
export class BulkPipeline {
  private chunk: TsvRows;
  private chain: Promise<void> = Promise.resolve();
  private readonly sheet: BulkSheet;

  constructor(
    private readonly db: Database, private readonly writer: ImportWriter, sheet: Omit<BulkSheet, "base">,
    /** Records per chunk handed to DuckDB while the reader goes on. */
    private readonly chunkRows: number
  ) {
    this.sheet = {...sheet, base: writer.reserve(ROW_LIMIT)};
    this.chunk = new TsvRows(sheet.fields);
  }

  /** Takes a record; false when it must be normalised in TypeScript (a cell of another type than text or number). */
  add(record: RawRecord): boolean {
    if (record.row >= ROW_LIMIT || !this.chunk.add(record)) return false;
    if (this.chunk.count >= this.chunkRows) this.ship();
    return true;
  }

  /** Resolves once DuckDB has finished every chunk handed to it (rejects if one failed). */
  idle(): Promise<void> {
    return this.chain;
  }

  private ship(): void {
    const chunk = this.chunk;
    this.chunk = new TsvRows(this.sheet.fields);
    this.chain = this.chain.then(() => this.process(chunk), (error) => {
      chunk.discard();
      throw error;
    });
    this.chain.catch(() => undefined); // surfaces at the next idle() or finish()
  }

  private async process(chunk: TsvRows): Promise<void> {
    await chunk.load(this.db, RAW, true);
    try {
      const {fields} = this.sheet;
      await normaliseBulk(this.db, this.writer, this.sheet, tsvRowsSource(RAW, fields), {table: RAW, cells: fields.map((f) => `r.${column(f)}`).join(", ")}, LEFT);
    } finally {
      await this.db.run(`DROP TABLE IF EXISTS ${RAW}`);
    }
  }

  /** Normalises the last chunk, then hands the records left to TypeScript to `load`, in row order. */
  async finish(load: (records: RawRecord[]) => Promise<void>): Promise<void> {
    if (this.chunk.count > 0) this.ship();
    else this.chunk.discard();
    await this.chain;
    const {table, fields, context} = this.sheet;
    await leftovers(this.db, LEFT, (rows) => load(rows.map((r) => {
      const cells: Record<string, Cell> = {};
      for (const f of fields) cells[f] = (r[`f_${f}`] as string | null) ?? null;
      return {table, row: Number(r._row), cells, context};
    })));
  }

  /** Removes scratch files after a failure. */
  async discard(): Promise<void> {
    this.chunk.discard();
    await this.chain.catch(() => undefined);
  }
}
