/**
 * Table layouts per year (headers, aliases, units, title lines) and the mapping of records to rows.
 * Variants are tied to calendar years so that every loader path is exercised in a four-year sample:
 *   year ≡ 2 (mod 4), e.g. 2022: projects in 元 with header aliases (调整后预算数, 实际支出, 预算单位 …);
 *                                 monitoring uses the alias 累计完成值;
 *   year ≡ 1 (mod 4), e.g. 2021: goals with combined target strings (≥95%) under a two-row header;
 *   year ≡ 3 (mod 4), e.g. 2023: monitoring headers literally "1-X月…" (as in the examples);
 *   year ≡ 3 or 0 (mod 4), e.g. 2023/2024: monitoring carries the optional 审核得分 / 是否整改 columns.
 */
import {forecastText, progressText, targetText} from "./indicators.ts";
import {fundForYear} from "./model.ts";
import type {Cell} from "./write-csv.ts";
import type {FlatSheetSpec} from "./write-xlsx.ts";
import type {Checkpoint, DeptOverallRow, EvaluationRow, FindingRow, Indicator, ProjectYear} from "./types.ts";

export interface YearVariants {
  yuan: boolean;
  combinedGoals: boolean;
  monitorLiteralX: boolean;
  monitorAlias: boolean;
  reviewColumns: boolean;
}

export function yearVariants(year: number): YearVariants {
  const m = ((year % 4) + 4) % 4;
  return {yuan: m === 2, combinedGoals: m === 1, monitorLiteralX: m === 3, monitorAlias: m === 2, reviewColumns: m === 3 || m === 0};
}

export interface TableLayout {
  sheet: FlatSheetSpec;
  /** single header row for CSV output */
  csvHeader: string[];
}

// ---------------------------------------------------------------------------------------------
// projects

const PROJECT_HEADER_WAN = ["年度", "行政区划代码", "行政区划", "主管部门编码", "主管部门", "单位编码", "单位名称", "项目编码", "项目名称", "项目类别", "项目属性", "预算类型", "资金性质", "功能分类", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "上年结转（万元）", "事前评估结论", "总投资（万元）", "重点保障", "涉密"];
const PROJECT_HEADER_YUAN = ["年度", "区划编码", "区划名称", "主管部门编码", "主管部门", "单位编码", "预算单位", "项目编码", "项目名称", "项目类别", "项目属性", "预算类型", "资金性质", "功能分类", "年初预算数", "调整后预算数", "实际支出", "结转资金", "事前评估结论", "总投资", "重点保障", "涉密"];
const YUAN_CSV_SUFFIX = new Set(["年初预算数", "调整后预算数", "实际支出", "结转资金", "总投资"]);

export function projectsLayout(year: number, jurisdiction: string): TableLayout {
  const v = yearVariants(year);
  const header = v.yuan ? PROJECT_HEADER_YUAN : PROJECT_HEADER_WAN;
  return {
    sheet: {sheetName: "项目", title: `${jurisdiction}${year}年项目支出预算执行表`, preamble: [v.yuan ? "单位：元" : "单位：万元"], header: {rows: [header]}},
    csvHeader: v.yuan ? header.map((h) => (YUAN_CSV_SUFFIX.has(h) ? `${h}（元）` : h)) : header
  };
}

function yuan(x: number): number {
  return Math.round(x * 10000);
}

export function projectRow(p: ProjectYear): Cell[] {
  const d = p.def;
  const v = yearVariants(p.year);
  const amt = (x: number) => (v.yuan ? yuan(x) : x);
  return [
    p.year, d.unit.dept.region.code, d.unit.dept.region.name, d.unit.dept.code, d.unit.dept.name, d.unit.code, d.unit.name, d.code, d.name,
    d.recurring ? "经常性项目" : "一次性项目", p.attr, d.budgetType, fundForYear(d, p.year), d.func,
    amt(p.initial), amt(p.budget), amt(p.spent), amt(p.carryIn), d.exAnte, d.invest === null ? null : amt(d.invest),
    d.key ? "是" : "否", d.secret ? "是" : "否"
  ];
}

// ---------------------------------------------------------------------------------------------
// goals

export function goalsLayout(year: number, jurisdiction: string): TableLayout {
  const v = yearVariants(year);
  if (v.combinedGoals) {
    return {
      sheet: {
        sheetName: "绩效目标",
        title: `${jurisdiction}${year}年项目绩效目标表`,
        header: {
          rows: [
            ["年度", "项目编码", "项目名称", "绩效指标", null, null, "年度指标值", "权重"],
            [null, null, null, "一级指标", "二级指标", "三级指标", null, null]
          ],
          merges: [[1, 1, 2, 1], [1, 2, 2, 2], [1, 3, 2, 3], [1, 4, 1, 6], [1, 7, 2, 7], [1, 8, 2, 8]]
        }
      },
      csvHeader: ["年度", "项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "权重"]
    };
  }
  const header = ["年度", "项目编码", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"];
  return {sheet: {sheetName: "绩效目标", header: {rows: [header]}}, csvHeader: header};
}

export function goalRow(p: ProjectYear, ind: Indicator): Cell[] {
  const d = ind.def;
  if (yearVariants(p.year).combinedGoals) return [p.year, p.def.code, p.def.name, d.l1, d.l2, d.name, targetText(ind), ind.weight];
  const value: Cell = ind.dir === "定性" ? "达成年度指标" : ind.target;
  return [p.year, p.def.code, d.l1, d.l2, d.name, ind.dir, value, ind.unit, ind.weight];
}

// ---------------------------------------------------------------------------------------------
// monitoring

export function monitoringLayout(year: number, month: number): TableLayout {
  const v = yearVariants(year);
  const m = v.monitorLiteralX ? "X" : String(month);
  const header = ["年度", "监控期", "项目编码", "全年预算数（万元）", `1-${m}月执行数（万元）`, "三级指标", "年度指标值", v.monitorAlias ? "累计完成值" : `1-${m}月执行情况`, "全年预计完成情况", "偏差原因", "完成目标可能性"];
  if (v.reviewColumns) header.push("审核得分", "是否整改");
  return {sheet: {sheetName: "绩效监控", header: {rows: [header]}}, csvHeader: header};
}

export function monitoringRow(p: ProjectYear, cp: Checkpoint, ind: Indicator, k: number): Cell[] {
  const prog = ind.monitoring[k];
  if (!prog) throw new Error("missing monitoring progress");
  const row: Cell[] = [p.year, cp.label, p.def.code, p.budget, cp.spent, ind.def.name, targetText(ind), progressText(prog), forecastText(prog), prog.deviation, prog.likelihood];
  if (yearVariants(p.year).reviewColumns) row.push(cp.review, cp.rectified);
  return row;
}

// ---------------------------------------------------------------------------------------------
// self-evaluation (flat)

export const SELFEVAL_INDICATOR_HEADER = ["年度", "项目编码", "三级指标", "实际完成值", "得分", "偏差原因分析及改进措施"];
export const SELFEVAL_TOTAL_HEADER = ["年度", "项目编码", "全年执行数（万元）", "自评得分", "自评结论"];

export function selfEvalIndicatorRow(p: ProjectYear, ind: Indicator): Cell[] {
  return [p.year, p.def.code, ind.def.name, ind.dir === "定性" ? ind.tier : ind.actual, ind.reported, ind.reason];
}

export function selfEvalTotalRow(p: ProjectYear): Cell[] {
  return [p.year, p.def.code, p.spent, p.reported, p.conclusion];
}

// ---------------------------------------------------------------------------------------------
// evaluations, findings, department overall

export const EVALUATION_HEADER = ["年度", "评价类型", "对象类型", "项目编码", "单位编码", "评价对象", "评价机构", "评价金额（万元）", "得分", "等级"];
export function evaluationRow(e: EvaluationRow): Cell[] {
  return [e.year, e.kind, e.objectType, e.projectCode, e.unitCode, e.object, e.agency, e.amount, e.score, e.grade];
}

export const FINDING_HEADER = ["年度", "项目编码", "来源", "问题描述", "严重程度", "是否整改", "核查结论"];
export function findingRow(f: FindingRow): Cell[] {
  return [f.year, f.projectCode, f.source, f.text, f.severity, f.rectified, f.verdict];
}

export function deptOverallLayout(year: number, jurisdiction: string): TableLayout {
  const header = ["年度", "单位编码", "单位名称", "整体支出预算（万元）", "整体目标已设定", "整体自评得分", "监控已完成"];
  return {sheet: {sheetName: "部门整体", title: `${jurisdiction}${year}年部门整体绩效情况表`, header: {rows: [header]}}, csvHeader: header};
}
export function deptOverallRow(o: DeptOverallRow): Cell[] {
  return [o.year, o.unitCode, o.unitName, o.budget, o.goalsSet, o.selfScore, o.monitored];
}
