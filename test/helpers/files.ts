import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

export const EXAMPLES = new URL("../../../shared/examples/exports/", import.meta.url).pathname;

export function tempDir(prefix = "jixiao-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

type Value = string | number | boolean | Date | null;

/** Writes an .xlsx with one or more sheets of plain rows; `merges` like ["A1:D1"]. */
export async function writeXlsx(file: string, sheets: {name: string; rows: Value[][]; merges?: string[]}[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date("2024-01-01T00:00:00Z");
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    sheet.rows.forEach((row) => ws.addRow(row));
    for (const range of sheet.merges ?? []) ws.mergeCells(range);
  }
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Writes CSV text in UTF-8 (optionally with BOM) or GB18030. */
export function writeCsv(file: string, rows: Value[][], encoding: "utf-8" | "utf-8-bom" | "gb18030" = "utf-8"): string {
  const text = rows.map((r) => r.map((v) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(",")).join("\r\n") + "\r\n";
  if (encoding === "gb18030") writeFileSync(file, iconv.encode(text, "gb18030"));
  else writeFileSync(file, (encoding === "utf-8-bom" ? "\ufeff" : "") + text, "utf8");
  return file;
}
