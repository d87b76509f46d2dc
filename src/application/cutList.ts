import {mkdirSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import type {Writable} from "node:stream";
import {fileURLToPath} from "node:url";
import ExcelJS from "exceljs";
import type {Database, Row} from "../db/database.ts";
import {installCutReview, paramsFor, requireMarts} from "../report/figures.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** The reviewer's choices; the loader reads them back into `cut_decisions` (see cut_review.sql). */
export const DECISIONS = ["同意", "不同意", "调整"] as const;

interface Column {
  key: string;
  header: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
  /** Summed on the 合计 and 总计 lines. */
  sum?: boolean;
  /** Filled in by the reviewer. */
  review?: boolean;
}

const WAN = "#,##0.00";

/**
 * The columns of the cut list. The header stays in row 1 and carries 年度, 项目编码, 审核决定, 审定扣减金额,
 * 审核意见 and 审核人, so the returned file is recognised as `cut_decisions` (loaders/layout/fields.ts).
 */
export const CUT_LIST_COLUMNS: Column[] = [
  {key: "year", header: "年度", width: 7, numFmt: "0"},
  {key: "department", header: "主管部门", width: 20, wrap: true},
  {key: "project_code", header: "项目编码", width: 18},
  {key: "project_name", header: "项目名称", width: 28, wrap: true},
  {key: "unit_name", header: "实施单位", width: 20, wrap: true},
  {key: "budget_wan", header: "全年预算数（万元）", width: 14, numFmt: WAN, sum: true},
  {key: "total_score", header: "复核得分", width: 9, numFmt: "0.00"},
  {key: "grade", header: "复核等级", width: 8},
  {key: "final_grade", header: "最终等级", width: 8},
  {key: "cap_reasons", header: "封顶原因", width: 34, wrap: true},
  {key: "low_efficiency_reasons", header: "低效无效情形", width: 34, wrap: true},
  {key: "actions", header: "建议处理", width: 18, wrap: true},
  {key: "deduction_rate", header: "扣减比例", width: 8, numFmt: "0%"},
  {key: "deduction_from", header: "扣减来源", width: 12},
  {key: "deduction_wan", header: "扣减金额（万元）", width: 14, numFmt: WAN, sum: true},
  {key: "recover_wan", header: "收回资金（万元）", width: 14, numFmt: WAN, sum: true},
  {key: "decision", header: "审核决定", width: 10, review: true},
  {key: "decided_input_wan", header: "审定扣减金额（万元）", width: 14, numFmt: WAN, sum: true, review: true},
  {key: "note", header: "审核意见", width: 30, wrap: true, review: true},
  {key: "reviewer", header: "审核人", width: 10, review: true}
];

/** The rows of the cut list (all years, or one). */
export async function cutListRows(db: Database, year?: number): Promise<Row[]> {
  await requireMarts(db);
  await installCutReview(db);
  const sql = readFileSync(resolve(here, "cut_list.sql"), "utf8");
  return db.all(sql, paramsFor(sql, {year: year ?? null}));
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * A cell value that a spreadsheet shows as it is: text stays text even when it starts with = + - @
 * (exceljs writes strings as shared strings, never as formulas; only our own totals are formulas).
 */
function cellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (Array.isArray(value)) return value.join("、");
  return String(value);
}

const HEADER_FILL: ExcelJS.Fill = {type: "pattern", pattern: "solid", fgColor: {argb: "FFD9E1F2"}};
const REVIEW_FILL: ExcelJS.Fill = {type: "pattern", pattern: "solid", fgColor: {argb: "FFFFF2CC"}};
const TOTAL_FILL: ExcelJS.Fill = {type: "pattern", pattern: "solid", fgColor: {argb: "FFEDEDED"}};
const THIN: Partial<ExcelJS.Borders> = {
  top: {style: "thin", color: {argb: "FFBFBFBF"}}, bottom: {style: "thin", color: {argb: "FFBFBFBF"}},
  left: {style: "thin", color: {argb: "FFBFBFBF"}}, right: {style: "thin", color: {argb: "FFBFBFBF"}}
};

/**
 * Writes the cut list workbook to `target` (a file, or a stream the .xlsx bytes go to): one line per
 * project, a 合计 line after each department, a 总计 line. Rows are written out as they are made, so
 * memory stays bounded however long the list: a national roll-up's has some 270,000 lines, which
 * exceljs's in-memory workbook could not hold in Node's heap.
 */
export async function writeCutListWorkbook(rows: Row[], target: string | Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof target === "string" ? {filename: target} : {stream: target}),
    useStyles: true,
    useSharedStrings: true
  });
  workbook.creator = "jixiao";
  workbook.created = workbook.modified = new Date("2000-01-01T00:00:00Z");
  const sheet = workbook.addWorksheet("扣减清单", {
    views: [{state: "frozen", xSplit: 4, ySplit: 1}],
    pageSetup: {paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1"}
  });
  sheet.columns = CUT_LIST_COLUMNS.map((c) => ({key: c.key, width: c.width}));
  const header = sheet.getRow(1);
  CUT_LIST_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = {bold: true};
    cell.fill = c.review ? REVIEW_FILL : HEADER_FILL;
    cell.alignment = {vertical: "middle", horizontal: "center", wrapText: true};
    cell.border = THIN;
  });
  header.height = 32;
  const decisionColumn = CUT_LIST_COLUMNS.findIndex((c) => c.key === "decision");
  header.getCell(decisionColumn + 1).note = `请选择：${DECISIONS.join(" / ")}。「调整」须填写审定扣减金额；「同意」按拟扣减金额，「不同意」不扣减。`;
  header.commit();

  let rowNumber = 1;
  const writeTotal = (label: "合计" | "总计", department: string, count: number, from: number, to: number) => {
    rowNumber++;
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = label;
    row.getCell(2).value = department;
    row.getCell(4).value = `${count} 个项目`;
    CUT_LIST_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.sum) {
        const col = columnLetter(i);
        const result = label === "合计"
          ? rows.slice(from, to).reduce((s, r) => s + (Number(r[c.key]) || 0), 0)
          : rows.reduce((s, r) => s + (Number(r[c.key]) || 0), 0);
        const formula = label === "合计"
          ? `SUM(${col}${rowNumber - (to - from)}:${col}${rowNumber - 1})`
          : `SUMIF($A$2:$A$${rowNumber - 1},"合计",${col}2:${col}${rowNumber - 1})`;
        cell.value = {formula, result: Math.round(result * 100) / 100};
        cell.numFmt = c.numFmt ?? WAN;
      }
      cell.font = {bold: true};
      cell.fill = TOTAL_FILL;
      cell.border = THIN;
    });
    row.commit();
  };

  let groupStart = 0;
  rows.forEach((data, index) => {
    rowNumber++;
    const row = sheet.getRow(rowNumber);
    CUT_LIST_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cellValue(data[c.key]);
      if (c.numFmt) cell.numFmt = c.numFmt;
      cell.alignment = {vertical: "top", wrapText: Boolean(c.wrap)};
      cell.border = THIN;
      if (c.review) cell.fill = REVIEW_FILL;
    });
    row.getCell(decisionColumn + 1).dataValidation = {
      type: "list", allowBlank: true, formulae: [`"${DECISIONS.join(",")}"`],
      showErrorMessage: true, errorStyle: "stop", errorTitle: "审核决定", error: `请从 ${DECISIONS.join(" / ")} 中选择`,
      showInputMessage: true, promptTitle: "审核决定", prompt: `${DECISIONS.join(" / ")}；选「调整」时填写审定扣减金额`
    };
    row.getCell(CUT_LIST_COLUMNS.findIndex((c) => c.key === "decided_input_wan") + 1).dataValidation = {
      type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0],
      showErrorMessage: true, errorTitle: "审定扣减金额", error: "请填写不小于 0 的金额（万元）"
    };
    row.commit();
    const next = rows[index + 1];
    if (!next || next.department !== data.department || next.year !== data.year) {
      writeTotal("合计", String(data.department ?? ""), index + 1 - groupStart, groupStart, index + 1);
      groupStart = index + 1;
    }
  });
  if (rows.length > 0) writeTotal("总计", "", rows.length, 0, rows.length);
  sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: Math.max(1, rowNumber), column: CUT_LIST_COLUMNS.length}};
  sheet.commit();
  await workbook.commit();
}

export interface CutListResult {
  file: string;
  projects: number;
  departments: number;
  deductionWan: number;
}

/** Writes the cut list (扣减清单) for review as a formatted .xlsx. */
export async function writeCutList(db: Database, out: string, year?: number): Promise<CutListResult> {
  const rows = await cutListRows(db, year);
  mkdirSync(dirname(resolve(out)), {recursive: true});
  await writeCutListWorkbook(rows, out);
  return {
    file: out,
    projects: rows.length,
    departments: new Set(rows.map((r) => `${r.year}\u0000${r.department}`)).size,
    deductionWan: Math.round(rows.reduce((s, r) => s + (Number(r.deduction_wan) || 0), 0) * 100) / 100
  };
}
