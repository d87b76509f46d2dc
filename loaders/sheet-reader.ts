import {formKind, readForm, type FormResult} from "./forms/form.ts";
import {flatMapper, recordContext} from "./layout/flat.ts";
import {detectLayout, LayoutError, type SheetLayout} from "./layout/header.ts";
import type {RawRecord, RecordContext} from "./layout/raw-record.ts";
import type {Cell} from "./normalise/values.ts";

/** Rows looked at before deciding what a sheet holds (title lines, unit lines, header rows). */
const HEAD_ROWS = 30;

export type SheetOutcome =
  | {kind: "flat"; layout: SheetLayout}
  | {kind: "form"; form: FormResult; formKind: "selfeval" | "monitoring"}
  | {kind: "empty"}
  | {kind: "unrecognised"};

/** Takes a large flat sheet's later rows for the bulk normaliser (loaders/bulk/pipeline.ts). */
export interface BulkSink {
  /** Takes a raw row; false when it must be mapped and normalised in TypeScript after all. */
  add(rowNumber: number, cells: Cell[]): boolean;
  /** Resolves when the database connection is free for the reader's batches. */
  idle(): Promise<void>;
}

/**
 * How a large flat sheet's records go to the bulk normaliser (loaders/bulk), once `after` records have
 * been normalised in TypeScript: "rows", the reader hands them to the sink `start` makes; "external",
 * the caller stops feeding rows once `bulkReady()` and hands the rest of the sheet to it itself.
 */
export type BulkOptions =
  | {after: number; mode: "rows"; start: (layout: SheetLayout, context: RecordContext) => BulkSink}
  | {after: number; mode: "external"};

/**
 * Consumes one sheet's rows as they stream in: decides from the first rows whether it is a flat table
 * (then maps rows to raw records in batches) or a published form (then keeps the small sheet whole).
 * A large flat sheet's later records can go to the bulk normaliser instead (`BulkOptions`).
 */
export class SheetReader {
  private rows: Cell[][] = [];
  private mode: "head" | "flat" | "form" | "ignore" = "head";
  private mapper: ((rowNumber: number, row: Cell[]) => RawRecord | null) | null = null;
  layout: SheetLayout | null = null;
  context: RecordContext | null = null;
  /** The bulk normaliser's sink (bulk mode "rows"), once records went to it. */
  private sink: BulkSink | null = null;
  private batch: RawRecord[] = [];
  private handed = 0;
  private nonEmpty = false;

  constructor(
    readonly sheet: string,
    private readonly onBatch: (records: RawRecord[]) => Promise<void>,
    private readonly bulk: BulkOptions | null = null,
    private readonly batchSize = 20_000
  ) {}

  /** A flat sheet whose first records have been normalised: the rest may go to the bulk normaliser. */
  bulkReady(): boolean {
    return this.mode === "flat" && this.bulk !== null && this.handed + this.batch.length >= this.bulk.after;
  }

  /** One row of the flat sheet as a raw record (null for totals, notes and blank rows). */
  map(rowNumber: number, cells: Cell[]): RawRecord | null {
    return this.mapper!(rowNumber, cells);
  }

  /** Takes one row; returns a promise only when a batch was handed on (so most rows cost no promise). */
  row(rowNumber: number, cells: Cell[]): void | Promise<void> {
    if (!this.nonEmpty && cells.some((c) => c !== null && !(typeof c === "string" && c.trim() === ""))) this.nonEmpty = true;
    switch (this.mode) {
      case "flat": return this.push(rowNumber, cells);
      case "ignore": return;
      default:
        this.rows[rowNumber - 1] = cells;
        if (this.mode === "head" && rowNumber >= HEAD_ROWS) return this.decide();
    }
  }

  private grid(): Cell[][] {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return rows;
  }

  private async decide(): Promise<void> {
    const grid = this.grid();
    if (formKind(grid)) {
      this.mode = "form";
      return;
    }
    try {
      this.layout = detectLayout(grid);
    } catch (error) {
      if (!(error instanceof LayoutError)) throw error;
      this.layout = null;
    }
    if (!this.layout) {
      this.mode = "ignore";
      return;
    }
    this.mode = "flat";
    this.context = recordContext(this.sheet, this.layout);
    this.mapper = flatMapper(this.layout, this.context);
    for (let r = this.layout.headerRow; r < grid.length; r++) await this.push(r + 1, grid[r]!);
    this.rows = [];
  }

  private push(rowNumber: number, cells: Cell[]): void | Promise<void> {
    if (this.bulk?.mode === "rows" && this.bulkReady()) {
      if (!this.sink) return this.startBulk(this.bulk, rowNumber, cells);
      // Rows it refuses (dates, booleans, numbers whose text would differ, empty text, wide rows) are mapped here.
      if (this.sink.add(rowNumber, cells)) return;
    }
    return this.mapRow(rowNumber, cells);
  }

  private mapRow(rowNumber: number, cells: Cell[]): void | Promise<void> {
    const record = this.mapper!(rowNumber, cells);
    if (!record) return;
    this.batch.push(record);
    if (this.batch.length >= this.batchSize) return this.flush();
  }

  private async startBulk(bulk: Extract<BulkOptions, {mode: "rows"}>, rowNumber: number, cells: Cell[]): Promise<void> {
    // The first records are normalised now: they decide the percent scales the bulk normaliser applies.
    await this.flush();
    this.sink = bulk.start(this.layout!, this.context!);
    if (!this.sink.add(rowNumber, cells)) await this.mapRow(rowNumber, cells);
  }

  /** Normalises the records read so far (before the caller hands the rest of the sheet to the bulk normaliser). */
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.handed += batch.length;
    // The bulk normaliser works on the same connection: let it finish what it has.
    if (this.sink) await this.sink.idle();
    await this.onBatch(batch);
  }

  async end(): Promise<SheetOutcome> {
    if (this.mode === "head") await this.decide();
    if (!this.nonEmpty) return {kind: "empty"};
    if (this.mode === "form") {
      const grid = this.grid();
      const kind = formKind(grid)!;
      return {kind: "form", form: readForm(this.sheet, grid, kind), formKind: kind};
    }
    if (this.mode === "flat") {
      await this.flush();
      return {kind: "flat", layout: this.layout!};
    }
    return {kind: "unrecognised"};
  }
}
