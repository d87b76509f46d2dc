import ExcelJS from "exceljs";
import {UnreadableFileError} from "../errors.ts";
import type {Cell} from "../normalise/values.ts";
import type {Sheet, Workbook} from "./sheet.ts";

/** One cell's value as the analyst sees it: formulas give their cached result, rich text its plain text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || typeof result === "object" && "error" in result) return null;
      return cellValue(result as ExcelJS.CellValue);
    }
    if ("hyperlink" in value) return (value as ExcelJS.CellHyperlinkValue).text;
    if ("error" in value) return null;
  }
  return String(value);
}

/** Reads every worksheet with exceljs; merged ranges repeat their master value in each covered cell. */
export async function readXlsx(file: string): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new UnreadableFileError(
      file,
      "无法读取该 Excel 文件：文件已损坏、被截断，或不是 .xlsx 格式（如为 .xls 或 WPS 格式，请在 Excel 中另存为 .xlsx 后重新导入）",
      (error as Error).message
    );
  }
  const sheets: Sheet[] = [];
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
    sheets.push({name: ws.name, rows});
  });
  return {format: "xlsx", sheets};
}
