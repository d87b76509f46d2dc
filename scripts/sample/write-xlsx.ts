/**
 * Deterministic streaming XLSX output with exceljs' WorkbookWriter:
 * - fixed document dates and fixed ZIP entry dates (byte-identical files for the same input);
 * - flat tables with optional title / unit lines and one- or two-row headers with merged cells;
 * - sheets split before Excel's row limit; memory bounded by waiting for the compressor.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import type {Cell} from "./write-csv.ts";

/** Every date written into an xlsx file. */
export const FIXED_DATE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));
const CREATOR = "jixiao sample generator";
const BACKLOG_LIMIT = 8 * 1024 * 1024;

export interface OpenWorkbook {
  wb: ExcelJS.stream.xlsx.WorkbookWriter;
  file: fs.WriteStream;
}

interface ArchiverModule {
  append(source: unknown, data: Record<string, unknown>, callback: unknown): void;
}

export function openWorkbook(path: string, useStyles: boolean): OpenWorkbook {
  const file = fs.createWriteStream(path);
  // shared strings like the platforms' exports (memory grows with the number of distinct strings only)
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({stream: file, useStyles, useSharedStrings: true});
  // ZIP entry times default to "now": pin them. The archiver queues entries and hands them to its
  // zip module asynchronously, so patching the module here also covers entries added by the constructor.
  const zip = (wb as unknown as {zip: {_module: ArchiverModule}}).zip;
  const mod = zip._module;
  const append = mod.append.bind(mod);
  mod.append = (source, data, callback) => append(source, {...data, date: FIXED_DATE}, callback);
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return {wb, file};
}

/** Resolve once the compressor and the file have caught up (called every few thousand rows). */
export async function drain(ws: ExcelJS.Worksheet, file: fs.WriteStream): Promise<void> {
  for (;;) {
    const sb = (ws as unknown as {stream?: {pipes?: Array<{_writableState?: {length?: number}}>}}).stream;
    const dest = sb?.pipes?.[0];
    const backlog = (dest?._writableState?.length ?? 0) + file.writableLength;
    if (backlog < BACKLOG_LIMIT) return;
    await new Promise<void>((r) => setImmediate(r));
  }
}

export function colName(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface HeaderSpec {
  /** one or two header rows; null = empty (part of a merge) */
  rows: Array<Array<string | null>>;
  /** merges relative to the first header row: [row1, col1, row2, col2], 1-based */
  merges?: Array<[number, number, number, number]>;
}

export interface FlatSheetSpec {
  sheetName: string;
  /** merged title line above everything, e.g. 云溪县2023年项目支出预算执行表 */
  title?: string;
  /** lines between title and header, e.g. 单位：万元 */
  preamble?: string[];
  header: HeaderSpec;
  width?: number;
}

/** A flat table written to one workbook, split over several sheets beyond `maxRows` data rows. */
export class XlsxTableWriter {
  rows = 0;
  sheets = 0;
  private readonly book: OpenWorkbook;
  private ws: ExcelJS.Worksheet | null = null;
  private inSheet = 0;
  private readonly ncol: number;

  constructor(readonly path: string, private readonly spec: FlatSheetSpec, private readonly maxRows: number) {
    this.book = openWorkbook(path, false);
    this.ncol = Math.max(...spec.header.rows.map((r) => r.length));
    this.newSheet();
  }

  private newSheet(): void {
    if (this.ws) this.ws.commit();
    this.sheets++;
    const name = this.sheets === 1 ? this.spec.sheetName : `${this.spec.sheetName}_${this.sheets}`;
    const ws = this.book.wb.addWorksheet(name);
    ws.columns = Array.from({length: this.ncol}, () => ({width: this.spec.width ?? 16}));
    // merges must be applied before the rows are committed
    let r = 1;
    if (this.spec.title) {
      ws.getRow(r).getCell(1).value = this.spec.title;
      ws.mergeCells(r, 1, r, this.ncol);
      r++;
    }
    for (const line of this.spec.preamble ?? []) {
      ws.getRow(r).getCell(1).value = line;
      r++;
    }
    const top = r;
    for (const hr of this.spec.header.rows) {
      const row = ws.getRow(r);
      hr.forEach((v, i) => {
        if (v !== null) row.getCell(i + 1).value = v;
      });
      r++;
    }
    for (const [r1, c1, r2, c2] of this.spec.header.merges ?? []) ws.mergeCells(top + r1 - 1, c1, top + r2 - 1, c2);
    ws.getRow(r - 1).commit();
    this.ws = ws;
    this.inSheet = 0;
  }

  writeRow(cells: ReadonlyArray<Cell>): Promise<void> | undefined {
    if (this.inSheet >= this.maxRows) this.newSheet();
    const ws = this.ws as ExcelJS.Worksheet;
    ws.addRow(cells.map((c) => (c === undefined || c === "" ? null : c))).commit();
    this.rows++;
    this.inSheet++;
    if ((this.rows & 2047) === 0) return drain(ws, this.book.file);
    return undefined;
  }

  async close(): Promise<void> {
    if (this.ws) this.ws.commit();
    await this.book.wb.commit();
  }
}
