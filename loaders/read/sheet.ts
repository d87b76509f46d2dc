import type {Cell} from "../normalise/values.ts";
import type {CsvFile} from "./csv.ts";

/** Receives a sheet's rows in order: 1-based row number and cells by 0-based column (null = empty). */
export type RowSink = (rowNumber: number, cells: Cell[]) => void | Promise<void>;

/** One sheet of a workbook, read as a stream of rows so a million-row sheet never sits in memory. */
export interface SheetSource {
  name: string;
  feed(sink: RowSink): Promise<void>;
  /** Set for a CSV file: how it is written, so that a large one can be read by DuckDB's reader instead. */
  csv?: CsvFile;
}

export interface Workbook {
  format: "xlsx" | "csv";
  /** For CSV: the detected text encoding. */
  encoding?: string;
  sheets: SheetSource[];
}

/** A sheet already held as a grid (small workbooks read whole by exceljs). */
export function gridSource(name: string, rows: Cell[][]): SheetSource {
  return {
    name,
    async feed(sink) {
      for (let r = 0; r < rows.length; r++) await sink(r + 1, rows[r] ?? []);
    }
  };
}
