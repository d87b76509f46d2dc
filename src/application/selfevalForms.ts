import {mkdirSync, readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import ExcelJS from "exceljs";
import type {Database, Row} from "../db/database.ts";
import {paramsFor, requireMarts} from "../report/figures.ts";

const here = dirname(fileURLToPath(import.meta.url));

const SYMBOLS: Record<string, string> = {ge: "≥", gt: ">", eq: "=", le: "≤", lt: "<"};

function numberText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** 年度指标值 as the form writes it: `≥500人次`, `=100%`, or the qualitative text. */
export function targetText(row: Row): string | null {
  const direction = row.direction as string | null;
  const value = row.target_value as number | null;
  if (direction && direction !== "qual" && value !== null && value !== undefined) {
    return `${SYMBOLS[direction] ?? ""}${numberText(value)}${(row.unit as string | null) ?? ""}`;
  }
  return (row.target_text as string | null) ?? (row.target_raw as string | null) ?? null;
}

/** 实际完成值 as reported (`520人次`, `95`, `部分达成年度指标…`). */
export function actualText(row: Row): string | null {
  if (row.actual_raw !== null && row.actual_raw !== undefined) return String(row.actual_raw);
  if (row.actual_text !== null && row.actual_text !== undefined) return String(row.actual_text);
  if (typeof row.actual_value === "number") return `${numberText(row.actual_value)}${(row.unit as string | null) ?? ""}`;
  return null;
}

/** Characters Excel refuses in a sheet name, and the 31-character limit. */
const SHEET_UNSAFE = /[\[\]:*?/\\]/;
/** What the form reader takes for a project code when it is the sheet's name (loaders/forms/form.ts). */
const CODE_LIKE = /^[A-Za-z0-9][A-Za-z0-9\-_.]{3,}$/;

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 80) || "未注明主管部门";
}

const THIN: Partial<ExcelJS.Borders> = {
  top: {style: "thin"}, bottom: {style: "thin"}, left: {style: "thin"}, right: {style: "thin"}
};

function value(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  return String(v);
}

function minus(a: unknown, b: unknown): number | null {
  if (typeof a !== "number") return null;
  return Math.round((a - (typeof b === "number" ? b : 0)) * 1e6) / 1e6;
}

/**
 * One project's 项目支出绩效自评表 in the standard layout (TEMPLATES.md; the layout of
 * shared/examples/exports/selfeval_forms.xlsx): the sheet is named after the project code, which is how
 * the form reader finds it; a code that cannot be a sheet name gets a 项目编码 line instead.
 */
export function addSelfEvalSheet(workbook: ExcelJS.Workbook, project: Row, indicators: Row[], usedNames: Set<string>): ExcelJS.Worksheet {
  const code = String(project.project_code);
  const codeIsName = CODE_LIKE.test(code) && code.length <= 31 && !SHEET_UNSAFE.test(code) && !usedNames.has(code);
  let name = codeIsName ? code : `项目${usedNames.size + 1}`;
  while (usedNames.has(name)) name = `${name}_`;
  usedNames.add(name);
  const ws = workbook.addWorksheet(name, {pageSetup: {paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0}});
  ws.columns = [14, 16, 16, 20, 14, 14, 8, 8, 26].map((width) => ({width}));
  const rows: ExcelJS.CellValue[][] = [];
  const merges: string[] = [];
  const put = (cells: ExcelJS.CellValue[], ...rowMerges: string[]) => {
    rows.push(cells);
    const n = rows.length;
    for (const m of rowMerges) merges.push(m.replaceAll("#", String(n)));
    return n;
  };

  put(["项目支出绩效自评表"], "A#:I#");
  put([`（${project.year}年度）`], "A#:I#");
  put(["项目名称", value(project.project_name)], "B#:I#");
  if (!codeIsName) put(["项目编码", code], "B#:I#");
  put(["主管部门", value(project.department), null, null, "实施单位", value(project.unit_name)], "B#:D#", "F#:I#");
  const fundStart = put(["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]);
  put([null, "年度资金总额", value(project.initial_budget_wan), value(project.budget_wan), value(project.executed_wan),
    value(project.execution_weight), value(project.execution_rate), value(project.execution_score)]);
  put([null, "其中：当年财政拨款", value(project.initial_budget_wan), minus(project.budget_wan, project.carryover_wan),
    minus(project.executed_wan, project.carryover_executed_wan)]);
  put([null, "上年结转资金", null, value(project.carryover_wan), value(project.carryover_executed_wan)]);
  const fundEnd = put([null, "其他资金"]);
  merges.push(`A${fundStart}:A${fundEnd}`);
  const goalStart = put(["年度总体目标", "预期目标", null, null, "实际完成情况"], "B#:D#", "E#:I#");
  put([null, value(project.overall_goal), null, null, value(project.overall_result)], "B#:D#", "E#:I#");
  merges.push(`A${goalStart}:A${goalStart + 1}`);
  const indicatorStart = put(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
  for (const i of indicators) {
    put([null, value(i.level1), value(i.level2), value(i.indicator), targetText(i), actualText(i), value(i.weight), value(i.score), value(i.deviation_note)]);
  }
  merges.push(`A${indicatorStart}:A${rows.length}`);
  const weights = indicators.reduce((s, i) => s + (typeof i.weight === "number" ? i.weight : 0), 0) + (Number(project.execution_weight) || 0);
  const totalRow = put(["总分", null, null, null, null, null, Math.round(weights * 100) / 100, value(project.total_score)]);

  rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((cell, c) => (row.getCell(c + 1).value = cell));
    for (let c = 1; c <= 9; c++) {
      const cell = row.getCell(c);
      if (r >= 2) cell.border = THIN;
      cell.alignment = {vertical: "middle", horizontal: r < 2 ? "center" : undefined, wrapText: true};
    }
  });
  for (const m of merges) ws.mergeCells(m);
  ws.getRow(1).font = {bold: true, size: 16};
  ws.getRow(1).height = 28;
  ws.getRow(indicatorStart).font = {bold: true};
  ws.getRow(fundStart).font = {bold: true};
  ws.getRow(totalRow).font = {bold: true};
  for (let r = fundStart + 1; r <= fundEnd; r++) {
    for (const c of [3, 4, 5]) ws.getRow(r).getCell(c).numFmt = "#,##0.00";
    ws.getRow(r).getCell(7).numFmt = "0.00%";
  }
  return ws;
}

export interface PublishOptions {
  year: number;
  out: string;
  /** Leave out 涉密 projects (for publication). */
  public: boolean;
}

export interface PublishResult {
  files: string[];
  projects: number;
  /** Classified projects left out (public only). */
  withheld: number;
}

async function query(db: Database, file: string, params: {year: number; public: boolean}): Promise<Row[]> {
  const sql = readFileSync(resolve(here, file), "utf8");
  return db.all(sql, paramsFor(sql, params));
}

/** Writes one workbook per department, one 项目支出绩效自评表 sheet per self-evaluated project. */
export async function publishSelfEval(db: Database, options: PublishOptions): Promise<PublishResult> {
  await requireMarts(db);
  const projects = await query(db, "selfeval_forms.sql", {year: options.year, public: options.public});
  const indicators = await query(db, "selfeval_form_indicators.sql", {year: options.year, public: options.public});
  const all = options.public ? await query(db, "selfeval_forms.sql", {year: options.year, public: false}) : projects;
  const byProject = new Map<string, Row[]>();
  for (const i of indicators) {
    const list = byProject.get(String(i.project_code)) ?? [];
    list.push(i);
    byProject.set(String(i.project_code), list);
  }
  const byDepartment = new Map<string, Row[]>();
  for (const p of projects) {
    const list = byDepartment.get(String(p.department)) ?? [];
    list.push(p);
    byDepartment.set(String(p.department), list);
  }
  mkdirSync(options.out, {recursive: true});
  const files: string[] = [];
  const usedFiles = new Set<string>();
  for (const [department, list] of byDepartment) {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = "jixiao";
    workbook.created = workbook.modified = new Date("2000-01-01T00:00:00Z");
    const names = new Set<string>();
    for (const p of list) addSelfEvalSheet(workbook, p, byProject.get(String(p.project_code)) ?? [], names);
    let base = `${options.year}年度项目支出绩效自评表_${safeFileName(department)}`;
    while (usedFiles.has(base)) base += "_";
    usedFiles.add(base);
    const file = join(options.out, `${base}.xlsx`);
    await workbook.xlsx.writeFile(file);
    files.push(file);
  }
  return {files, projects: projects.length, withheld: all.length - projects.length};
}
