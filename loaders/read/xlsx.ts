import {statSync} from "node:fs";
import type ExcelJS from "exceljs";
import {UnreadableFileError} from "../errors.ts";
import type {Cell} from "../normalise/values.ts";
import {listSheets, readSheetRows, XlsxFormatError} from "../xlsx/fast/index.ts";
import {gridSource, type SheetSource, type Workbook} from "./sheet.ts";

/** From this size on a workbook's sheets stream through the fast reader instead of exceljs (unless merged). */
export const FAST_PATH_BYTES = 8 << 20;

const CORRUPT = "无法读取该 Excel 文件：文件已损坏、被截断，或不是 .xlsx 格式（如为 .xls 或 WPS 格式，请在 Excel 中另存为 .xlsx 后重新导入）";

/** One cell's value as the analyst sees it: formulas give their cached result, rich text its plain text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || (typeof result === "object" && "error" in result)) return null;
      return cellValue(result as ExcelJS.CellValue);
    }
    if ("hyperlink" in value) return (value as ExcelJS.CellHyperlinkValue).text;
    if ("error" in value) return null;
  }
  return String(value);
}

/** Every worksheet read whole by exceljs; merged ranges repeat their master value in each covered cell. */
async function readWithExceljs(file: string): Promise<SheetSource[]> {
  // Loaded on first use: exceljs takes most of a second to import, and CSV or large files never need it.
  const {default: Excel} = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new UnreadableFileError(file, CORRUPT, (error as Error).message);
  }
  const sheets: SheetSource[] = [];
  workbook.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({includeEmpty: true}, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({includeEmpty: true}, (cell, col) => {
        const source = cell.isMerged && cell.master !== cell ? cell.master : cell;
        cells[col - 1] = cellValue(source.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets.push(gridSource(ws.name, rows));
  });
  return sheets;
}

/**
 * Thrown by a large sheet streamed by the fast reader once it turns out to have merged cells (they follow
 * the rows in the sheet's XML): the file is then read again with `readXlsx(file, Infinity)`.
 */
export class MergedCellsFound extends Error {
  constructor(readonly file: string, readonly sheet: string) {
    super(`sheet ${sheet} of ${file} has merged cells: read again with exceljs`);
    this.name = "MergedCellsFound";
  }
}

/**
 * Reads an .xlsx: files below `fastFrom` bytes whole with exceljs (forms, merged cells); larger files
 * sheet by sheet, streaming through the fast reader (checked against exceljs in its tests), which throws
 * `MergedCellsFound` at the end of a sheet with merged cells: exceljs repeats a merged range's value in
 * each of its cells, which a header spanning columns or a code merged down its rows needs. (Looking for
 * merges first took a pass of its own over the sheet: 0.7 s of 11 s for a million rows; a large merged
 * sheet now costs one fast pass, ≈ 5 s a million rows, before exceljs reads it.)
 */
export async function readXlsx(file: string, fastFrom = FAST_PATH_BYTES): Promise<Workbook> {
  if (statSync(file).size < fastFrom) return {format: "xlsx", sheets: await readWithExceljs(file)};
  try {
    const infos = await listSheets(file);
    return {
      format: "xlsx",
      sheets: infos.map((info) => ({
        name: info.name,
        async feed(sink) {
          let merged: boolean | undefined;
          try {
            ({merged} = await readSheetRows(file, info.index, sink, {dates: true, merges: true}));
          } catch (error) {
            if (error instanceof XlsxFormatError) throw new UnreadableFileError(file, CORRUPT, error.message);
            throw error;
          }
          if (merged) throw new MergedCellsFound(file, info.name);
        }
      }))
    };
  } catch (error) {
    if (error instanceof XlsxFormatError) throw new UnreadableFileError(file, CORRUPT, error.message);
    throw error;
  }
}
