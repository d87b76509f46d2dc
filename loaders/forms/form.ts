import {TABLES, type FieldSpec} from "../layout/fields.ts";
import {headerCell} from "../layout/header.ts";
import type {RawRecord, RecordContext} from "../layout/raw-record.ts";
import {findAmountUnit} from "../normalise/units.ts";
import type {Cell} from "../normalise/values.ts";
import {findCell, key, valueRightOf} from "./grid.ts";

/**
 * The published per-project forms (TEMPLATES.md): 项目支出绩效自评表 (standard and Sichuan layouts) and
 * 绩效目标执行监控表. Labels are searched anywhere in the sheet, so rows may move and columns may merge.
 */
export type FormKind = "selfeval" | "monitoring";

const LABELS = new Set([
  "项目名称", "项目编码", "项目代码", "主管部门", "实施单位", "项目单位", "预算单位", "项目资金", "项目资金(万元)",
  "项目资金(元)", "年度总体目标", "绩效指标", "总分", "合计", "评价结论", "存在问题", "改进措施", "自评结论",
  "预期目标", "实际完成情况", "一级指标", "年度", "项目负责人", "联系电话"
]);
const isLabel = (label: string) => LABELS.has(label) || /^(项目资金|预算执行情况|绩效指标)/.test(label);

/** Is this sheet a published form? Title text in the top rows, or the label grid of one. */
export function formKind(rows: Cell[][]): FormKind | null {
  const top = findCell(rows, (l) => /绩效自评表|自评表$/.test(l), 0, 5);
  if (top) return "selfeval";
  if (findCell(rows, (l) => /执行监控表|绩效监控表|监控情况表/.test(l), 0, 5)) return "monitoring";
  const name = findCell(rows, (l) => l === "项目名称", 0, 10);
  const indicators = findCell(rows, (l) => l === "三级指标");
  if (name && indicators && name.col <= 1 && indicators.row > name.row + 2) {
    return findCell(rows, (l) => /^1-(\d{1,2}|X)月/.test(l)) ? "monitoring" : "selfeval";
  }
  return null;
}

export interface FormResult {
  /** Project code from a 项目编码 cell or a code-like sheet name; null when only the name is known. */
  projectCode: string | null;
  projectName: string | null;
  year: number | null;
  records: RawRecord[];
}

const CODE_LIKE = /^[A-Za-z0-9][A-Za-z0-9\-_.]{3,}$/;

function labelled(rows: Cell[][], ...labels: string[]): Cell {
  for (const label of labels) {
    const at = findCell(rows, (l) => l === label || l.replace(/\(.*\)$/, "") === label);
    if (at) {
      const value = valueRightOf(rows, at, isLabel);
      if (value !== null) return value;
    }
  }
  return null;
}

function yearOf(rows: Cell[][]): number | null {
  for (let r = 0; r < Math.min(rows.length, 6); r++) {
    for (const cell of rows[r] ?? []) {
      const match = typeof cell === "string" ? /((?:19|20)\d{2})\s*年/.exec(cell) : null;
      if (match) return Number(match[1]);
    }
  }
  const cell = labelled(rows, "年度");
  return cell === null ? null : Number.parseInt(String(cell), 10) || null;
}

function monthOf(rows: Cell[][]): number | null {
  for (const row of rows.slice(0, 20)) {
    for (const cell of row) {
      const match = typeof cell === "string" ? /1\s*[-—–至~]\s*(\d{1,2})\s*月/.exec(cell) : null;
      if (match) return Number(match[1]);
    }
  }
  return null;
}

/** Maps a header row onto fields using the flat-table aliases plus form-only spellings. */
function mapHeader(row: Cell[], fields: FieldSpec[]): Map<string, number> {
  const columns = new Map<string, number>();
  row.forEach((cell, index) => {
    const label = headerCell(cell).label;
    if (!label) return;
    const field = fields.find((f) => f.aliases.some((a) => (typeof a === "string" ? a === label : a.test(label))));
    if (field && !columns.has(field.field)) columns.set(field.field, index);
  });
  return columns;
}

const FUND_FIELDS: FieldSpec[] = [
  {field: "initial_budget_wan", kind: "amount", aliases: ["年初预算数", "年初预算"]},
  {field: "budget_wan", kind: "amount", aliases: ["全年预算数", "调整后预算数", "预算数", "全年预算"]},
  {field: "executed_wan", kind: "amount", aliases: ["全年执行数", "预算执行数", "执行数", /^1-(\d{1,2}|X)月执行数$/]},
  {field: "forecast_wan", kind: "amount", aliases: ["全年预计执行数", "预计全年执行数"]},
  {field: "weight", kind: "number", aliases: ["分值", "权重"]},
  {field: "score", kind: "number", aliases: ["得分"]}
];

function fundRowKind(row: Cell[]): "total" | "fiscal" | "carryover" | "other" | null {
  for (const cell of row.slice(0, 4)) {
    const label = key(cell);
    if (/^(年度资金总额|资金总额|合计)/.test(label)) return "total";
    if (/当年财政拨款|财政拨款|本年拨款/.test(label)) return "fiscal";
    if (/上年结转/.test(label)) return "carryover";
    if (/^其他资金/.test(label)) return "other";
  }
  return null;
}

const INDICATOR_FIELDS = [
  ...TABLES.find((t) => t.table === "selfeval_indicators")!.fields,
  ...TABLES.find((t) => t.table === "monitoring")!.fields.filter((f) => ["progress", "forecast", "deviation_reason", "likelihood"].includes(f.field))
];

/** Reads one published form sheet into raw records (self-evaluation totals + indicators, or monitoring rows). */
export function readForm(sheet: string, rows: Cell[][], kind: FormKind): FormResult {
  const year = yearOf(rows);
  const codeCell = labelled(rows, "项目编码", "项目代码");
  const sheetCode = CODE_LIKE.test(sheet.trim()) ? sheet.trim() : null;
  const projectCode = codeCell !== null ? String(codeCell).trim() : sheetCode;
  const projectName = (labelled(rows, "项目名称") as string | null) ?? null;
  const deptName = labelled(rows, "主管部门", "主管部门及代码");
  const unitName = labelled(rows, "实施单位", "项目单位", "预算单位");
  const month = kind === "monitoring" ? monthOf(rows) : null;

  const base = (): RecordContext => ({sheet, header: {}, unit: {}, percent: new Set(), defaultYear: year, defaultMonth: month});
  const records: RawRecord[] = [];

  // Fund block.
  const fundHeader = findCell(rows, (l) => FUND_FIELDS[1]!.aliases.includes(l) || /^调整后预算数|^全年预算数/.test(l));
  const fundContext = base();
  const fund: Record<string, Cell> = {};
  let reportedExecutionScore: Cell = null;
  if (fundHeader) {
    const headerRow = rows[fundHeader.row] ?? [];
    const columns = mapHeader(headerRow, FUND_FIELDS);
    const unitText = [...headerRow, ...(rows[fundHeader.row - 1] ?? [])].map((c) => (c === null ? "" : String(c))).join(" ");
    const unit = findAmountUnit(unitText.replace(/执行数|预算数/g, "")) ?? "万元";
    for (const [field, index] of columns) {
      fundContext.header[field] = String(headerRow[index] ?? field);
      fundContext.unit[field] = headerCell(headerRow[index] ?? null).unit ?? unit;
    }
    for (let r = fundHeader.row + 1; r < Math.min(rows.length, fundHeader.row + 8); r++) {
      const row = rows[r] ?? [];
      const kindOfRow = fundRowKind(row);
      if (!kindOfRow) continue;
      const at = (field: string) => (columns.has(field) ? row[columns.get(field)!] ?? null : null);
      if (kindOfRow === "total") {
        fund.initial_budget_wan = at("initial_budget_wan");
        fund.budget_wan = at("budget_wan");
        fund.executed_wan = at("executed_wan");
        reportedExecutionScore = at("score");
      } else if (kindOfRow === "carryover") {
        fund.carryover_budget_wan = at("budget_wan");
        fund.carryover_executed_wan = at("executed_wan");
      } else {
        fund[`${kindOfRow}_budget_wan`] = at("budget_wan");
      }
    }
    const labels = {carryover_budget_wan: "上年结转资金", carryover_executed_wan: "上年结转资金（执行）", fiscal_budget_wan: "当年财政拨款", other_budget_wan: "其他资金"};
    for (const [field, label] of Object.entries(labels)) {
      fundContext.header[field] = label;
      fundContext.unit[field] = (field.endsWith("_executed_wan") ? fundContext.unit.executed_wan : fundContext.unit.budget_wan) ?? unit;
    }
  }

  // Indicator block.
  const indicatorHeader = findCell(rows, (l) => l === "三级指标" || l === "三级指标名称");
  const indicatorRows: RawRecord[] = [];
  let reportedScore: Cell = null;
  if (indicatorHeader) {
    const headerRow = rows[indicatorHeader.row] ?? [];
    const columns = mapHeader(headerRow, INDICATOR_FIELDS);
    const context = base();
    for (const [field, index] of columns) context.header[field] = String(headerRow[index] ?? field);
    let level1: Cell = null;
    let level2: Cell = null;
    for (let r = indicatorHeader.row + 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const first = row.slice(0, 3).map(key);
      if (first.some((l) => /^(总分|合计|评价结论|自评结论|存在问题|改进措施|自评得分)/.test(l))) {
        if (first.some((l) => /^(总分|合计|自评得分)/.test(l))) {
          reportedScore = columns.has("score") ? row[columns.get("score")!] ?? null : null;
          reportedScore ??= [...row].reverse().find((c) => typeof c === "number") ?? null;
        }
        break;
      }
      const at = (field: string) => (columns.has(field) ? row[columns.get(field)!] ?? null : null);
      level1 = at("level1") ?? level1;
      level2 = at("level2") ?? level2;
      const indicator = at("indicator");
      if (indicator === null || key(indicator) === key(level2)) continue;
      const cells: Record<string, Cell> = {project_code: projectCode, level1, level2, indicator};
      for (const field of columns.keys()) if (!(field in cells)) cells[field] = at(field);
      cells.year = year;
      if (kind === "selfeval") {
        indicatorRows.push({table: "selfeval_indicators", row: r + 1, cells, context});
      } else {
        cells.target = at("target");
        cells.period = month ? `1-${month}月` : null;
        cells.budget_wan = fund.budget_wan ?? null;
        cells.executed_wan = fund.executed_wan ?? null;
        indicatorRows.push({table: "monitoring", row: r + 1, cells, context: {...context, unit: fundContext.unit, header: {...fundContext.header, ...context.header}}});
      }
    }
  }

  if (kind === "selfeval") {
    const conclusion = labelled(rows, "评价结论", "自评结论");
    const overall = findCell(rows, (l) => l === "预期目标");
    const result = findCell(rows, (l) => l === "实际完成情况");
    const under = (at: {row: number; col: number} | null) => (at ? rows[at.row + 1]?.[at.col] ?? null : null);
    records.push({
      table: "selfeval_totals",
      row: (fundHeader?.row ?? 0) + 2,
      cells: {
        year, project_code: projectCode, project_name: projectName, dept_name: deptName, unit_name: unitName, ...fund,
        reported_execution_score: reportedExecutionScore, reported_score: reportedScore, conclusion,
        overall_goal: under(overall), overall_result: under(result)
      },
      context: {...fundContext, header: {...fundContext.header, reported_score: "总分", conclusion: "评价结论"}}
    });
  }
  records.push(...indicatorRows);
  return {projectCode, projectName: projectName === null ? null : String(projectName), year, records};
}
