export type FastCell = string | number | boolean | Date | null;

export interface FastSheetInfo {
  name: string;
  /** 0-based position of the sheet in the workbook's <sheets> list. */
  index: number;
  /** Part name inside the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

export interface ReadSheetOptions {
  /** Cap on inflated bytes of the sheet part (and of the shared strings part). Default 2 GiB. */
  maxInflatedBytes?: number;
  /** Convert numbers whose cell style is a date/time format to JS Dates (UTC-based, like exceljs). */
  dates?: boolean;
  /** Also say whether the sheet has merged cells (<mergeCell> inside <mergeCells>), found in the same pass. */
  merges?: boolean;
}
