import {createHash} from "node:crypto";
import {readdirSync, readFileSync, statSync} from "node:fs";
import {basename, join, resolve} from "node:path";
import type {Database} from "../src/db/database.ts";
import {UnreadableFileError} from "./errors.ts";
import {formKind, readForm} from "./forms/form.ts";
import {tableSpec} from "./layout/fields.ts";
import {flatRecords} from "./layout/flat.ts";
import {detectLayout, LayoutError} from "./layout/header.ts";
import type {RawRecord} from "./layout/raw-record.ts";
import {normaliseRecords, type Issue, type NormalisedRecord} from "./normalise/record.ts";
import {readCsv} from "./read/csv.ts";
import {isSpreadsheetName, sniffKind} from "./read/detect.ts";
import type {Sheet, Workbook} from "./read/sheet.ts";
import {readXlsx} from "./read/xlsx.ts";
import {writeImport, type SheetSummary} from "./load/write.ts";

export type FileStatus = "loaded" | "unchanged" | "skipped" | "unreadable";

export interface FileReport {
  file: string;
  status: FileStatus;
  message?: string;
  detail?: string;
  encoding?: string;
  importId?: number;
  replacedImportId?: number | null;
  sheets: SheetSummary[];
  rowsLoaded: number;
  rowsRejected: number;
  warnings: number;
  replacedByKey?: Record<string, number>;
}

export type Progress = (event: {file: string; phase: "read" | "parse" | "write"; done?: number; total?: number}) => void;

/** Every file under the given paths, folders walked recursively in name order; Office lock files left out. */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!entry.startsWith(".")) walk(join(path, entry));
    } else out.push(path);
  };
  for (const path of paths) walk(path);
  return out.filter((f) => !basename(f).startsWith("~$"));
}

/** Ingests files and folders; non-spreadsheets are listed as skipped. One transaction per file. */
export async function ingestPaths(db: Database, paths: string[], progress?: Progress): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of expandPaths(paths)) {
    if (!isSpreadsheetName(file)) {
      reports.push({file, status: "skipped", message: "不是表格文件，已跳过", sheets: [], rowsLoaded: 0, rowsRejected: 0, warnings: 0});
      continue;
    }
    reports.push(await ingestFile(db, file, progress));
  }
  return reports;
}

function unreadable(file: string, error: UnreadableFileError): FileReport {
  return {file, status: "unreadable", message: error.message, detail: error.detail, sheets: [], rowsLoaded: 0, rowsRejected: 0, warnings: 0};
}

async function readWorkbook(file: string, bytes: Buffer): Promise<Workbook> {
  switch (sniffKind(file, bytes.subarray(0, 512))) {
    case "xlsx": return readXlsx(file);
    case "csv": return readCsv(file);
    case "xls-binary":
      throw new UnreadableFileError(file, "这是旧版 Excel 97-2003（.xls）格式，暂不支持，请在 Excel 中另存为 .xlsx 后重新导入");
    case "html":
      throw new UnreadableFileError(file, "该文件是网页（HTML）格式而非真正的 Excel 文件，请在 Excel 中打开后另存为 .xlsx 再导入");
    default:
      throw new UnreadableFileError(file, "该文件不是有效的 Excel（.xlsx）或 CSV 文件，可能已损坏或扩展名被改动");
  }
}

function isEmpty(sheet: Sheet): boolean {
  return sheet.rows.every((row) => row.every((c) => c === null || (typeof c === "string" && c.trim() === "")));
}

/** Reads one file into normalised records and loads them; an unreadable file leaves the database unchanged. */
export async function ingestFile(db: Database, file: string, progress?: Progress): Promise<FileReport> {
  const filePath = resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch (error) {
    return unreadable(file, new UnreadableFileError(file, "无法打开文件（不存在或没有读取权限）", (error as Error).message));
  }
  const fileHash = createHash("sha256").update(bytes).digest("hex");
  const same = await db.all<{file_path: string}>("SELECT file_path FROM imports WHERE file_hash = $h AND active LIMIT 1", {h: fileHash});
  if (same.length > 0) {
    return {file, status: "unchanged", message: `内容与已导入的 ${basename(same[0]!.file_path)} 完全相同，未作改动`, sheets: [], rowsLoaded: 0, rowsRejected: 0, warnings: 0};
  }
  progress?.({file, phase: "read"});
  let workbook: Workbook;
  try {
    workbook = await readWorkbook(filePath, bytes);
  } catch (error) {
    if (error instanceof UnreadableFileError) return unreadable(file, error);
    throw error;
  }

  const raws: RawRecord[] = [];
  const sheetIssues: Issue[] = [];
  const sheetLayouts = new Map<string, Omit<SheetSummary, "rowsLoaded" | "rowsRejected" | "warnings">>();
  let unresolvedForms: {sheet: string; name: string | null; year: number | null; records: RawRecord[]}[] = [];
  for (const sheet of workbook.sheets) {
    if (isEmpty(sheet)) {
      sheetIssues.push({table: null, sheet: sheet.name, row: null, column: null, value: null, rule: "sheet.empty", severity: "warning"});
      continue;
    }
    const kind = formKind(sheet.rows);
    if (kind) {
      const form = readForm(sheet.name, sheet.rows, kind);
      sheetLayouts.set(sheet.name, {sheet: sheet.name, table: kind === "selfeval" ? "selfeval_totals+selfeval_indicators" : "monitoring", layout: kind === "selfeval" ? "自评表" : "监控表", headerRow: null, unit: null});
      if (form.records.filter((r) => r.table !== "selfeval_totals").length === 0) {
        sheetIssues.push({table: null, sheet: sheet.name, row: null, column: null, value: null, rule: "form.no_indicators", severity: "warning"});
      }
      if (form.projectCode === null) unresolvedForms.push({sheet: sheet.name, name: form.projectName, year: form.year, records: form.records});
      else raws.push(...form.records);
      continue;
    }
    let layout;
    try {
      layout = detectLayout(sheet.rows);
    } catch (error) {
      if (!(error instanceof LayoutError)) throw error;
      layout = null;
    }
    if (!layout) {
      sheetIssues.push({table: null, sheet: sheet.name, row: null, column: null, value: null, rule: "sheet.unrecognised", severity: "warning"});
      continue;
    }
    const {records} = flatRecords(sheet.name, sheet.rows, layout);
    progress?.({file, phase: "parse", done: records.length, total: records.length});
    sheetLayouts.set(sheet.name, {sheet: sheet.name, table: layout.spec.table, layout: layout.headerRows === 2 ? "平表（两行表头）" : "平表", headerRow: layout.headerRow, unit: layout.sheetUnit});
    raws.push(...records);
  }
  if (sheetLayouts.size === 0) {
    const empty = workbook.sheets.every(isEmpty);
    return unreadable(file, new UnreadableFileError(file, empty
      ? "文件中没有任何数据（所有工作表均为空）"
      : `无法识别文件中任何工作表的表格类型：未找到项目、绩效目标、监控、自评、评价、问题或部门整体表的表头${workbook.format === "csv" ? "（若文件编码有误也会出现此情况）" : ""}`));
  }

  // Forms that name a project but not its code: find the code by (year, name) among loaded projects.
  for (const form of unresolvedForms) {
    const matches = form.name === null ? [] : await db.all<{project_code: string}>(
      "SELECT DISTINCT project_code FROM projects WHERE project_name = $n AND ($y IS NULL OR year = $y)",
      {n: form.name, y: form.year}
    );
    if (matches.length === 1) {
      for (const r of form.records) r.cells.project_code = matches[0]!.project_code;
      raws.push(...form.records);
    } else {
      sheetIssues.push({table: "selfeval_totals", sheet: form.sheet, row: null, column: "项目编码", value: form.name, rule: "form.no_project_code", severity: "error"});
    }
  }
  unresolvedForms = [];

  const {records, issues} = normaliseRecords(raws);
  const kept = dropDuplicates(records, issues);
  issues.push(...sheetIssues);

  progress?.({file, phase: "write", done: kept.length, total: kept.length});
  const sheets = summarise(sheetLayouts, kept, issues);
  const result = await writeImport(db, {
    filePath, fileName: basename(filePath), fileHash, fileBytes: bytes.length, records: kept, issues, sheets
  });
  const rejectedRows = new Set(issues.filter((i) => i.severity === "error").map((i) => `${i.sheet}\u0000${i.row}`));
  return {
    file, status: "loaded", encoding: workbook.encoding, importId: result.importId, replacedImportId: result.replacedImportId,
    sheets, rowsLoaded: kept.length, rowsRejected: rejectedRows.size,
    warnings: issues.filter((i) => i.severity === "warning").length, replacedByKey: result.replacedByKey
  };
}

/** Within one file, a second record with the same business key is rejected: the first one stands. */
function dropDuplicates(records: NormalisedRecord[], issues: Issue[]): NormalisedRecord[] {
  const seen = new Map<string, NormalisedRecord>();
  const kept: NormalisedRecord[] = [];
  for (const r of records) {
    const spec = tableSpec(r.table);
    const key = r.table + "\u0000" + spec.key.map((k) => String(r.record[k] ?? "")).join("\u0000");
    const first = seen.get(key);
    if (first) {
      const field = spec.key.includes("project_code") ? "project_code" : spec.key[1]!;
      issues.push({table: r.table, sheet: r.sheet, row: r.row, column: r.header[field] ?? field, value: String(r.record[field] ?? ""), rule: "duplicate.key", severity: "error"});
      continue;
    }
    seen.set(key, r);
    kept.push(r);
  }
  return kept;
}

function summarise(
  layouts: Map<string, Omit<SheetSummary, "rowsLoaded" | "rowsRejected" | "warnings">>,
  records: NormalisedRecord[],
  issues: Issue[]
): SheetSummary[] {
  return [...layouts.values()].map((l) => {
    const sheetIssues = issues.filter((i) => i.sheet === l.sheet);
    return {
      ...l,
      rowsLoaded: records.filter((r) => r.sheet === l.sheet).length,
      rowsRejected: new Set(sheetIssues.filter((i) => i.severity === "error").map((i) => i.row)).size,
      warnings: sheetIssues.filter((i) => i.severity === "warning").length
    };
  });
}
