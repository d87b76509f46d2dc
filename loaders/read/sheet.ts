import type {Cell} from "../normalise/values.ts";

/** A sheet as a grid: rows[0] is the sheet's first row; merged ranges repeat their top-left value. */
export interface Sheet {
  name: string;
  rows: Cell[][];
}

export interface Workbook {
  format: "xlsx" | "csv";
  /** For CSV: the detected text encoding. */
  encoding?: string;
  sheets: Sheet[];
}
