/**
 * The published self-evaluation form (项目支出绩效自评表): one project per sheet, merged cells.
 * Two layouts: the standard one (as in TEMPLATES.md and the examples) and Sichuan's variant
 * (预算执行情况（10分）/ 绩效指标（90分）, 调整后预算数 / 预算执行数 / 权重 / 完成值 / 未完成原因分析,
 * followed by 评价结论 / 存在问题 / 改进措施, with a 项目编码 row).
 */
import type ExcelJS from "exceljs";
import {actualText, fmtNum, targetText} from "./indicators.ts";
import {grade, round2} from "./scoring.ts";
import type {ProjectYear} from "./types.ts";
import {openWorkbook, type OpenWorkbook} from "./write-xlsx.ts";

export type FormLayout = "standard" | "sichuan";

const NCOL = 9;
const THIN: Partial<ExcelJS.Borders> = {
  top: {style: "thin"},
  left: {style: "thin"},
  bottom: {style: "thin"},
  right: {style: "thin"}
};

type V = string | number | null;

/** Fund block split: 年初 / 全年 / 执行 for total, current-year appropriation, carry-over and other funds. */
export function fundBlock(p: ProjectYear): Array<[string, number, number, number]> {
  const idle = p.traits.has("idle");
  const share = (part: number) => (p.budget > 0 ? part / p.budget : 0);
  const spentCarry = idle ? 0 : round2(Math.min(p.carryIn, p.spent * share(p.carryIn)));
  const spentOther = round2(Math.min(p.other, p.spent * share(p.other)));
  const spentFiscal = round2(p.spent - spentCarry - spentOther);
  return [
    ["年度资金总额", round2(p.initial + p.other), p.budget, p.spent],
    ["其中：当年财政拨款", p.initial, p.fiscal, spentFiscal],
    ["上年结转资金", 0, p.carryIn, spentCarry],
    ["其他资金", p.other, p.other, spentOther]
  ];
}

export function executionRateText(p: ProjectYear): string {
  if (!(p.budget > 0)) return "0%";
  return `${fmtNum(round2((p.spent / p.budget) * 100))}%`;
}

export class FormWorkbookWriter {
  sheets = 0;
  private readonly book: OpenWorkbook;

  constructor(readonly path: string, readonly layout: FormLayout) {
    this.book = openWorkbook(path, true);
  }

  addProject(p: ProjectYear): void {
    const ws = this.book.wb.addWorksheet(p.def.code);
    ws.columns = Array.from({length: NCOL}, () => ({width: 16}));
    const rows = this.layout === "standard" ? standardRows(p) : sichuanRows(p);
    // values first, then merges (exceljs' streaming writer cannot merge committed rows), then styles
    rows.cells.forEach((values, i) => {
      const row = ws.getRow(i + 1);
      values.forEach((v, c) => {
        if (v !== null) row.getCell(c + 1).value = v;
      });
    });
    for (const [r1, c1, r2, c2] of rows.merges) ws.mergeCells(r1, c1, r2, c2);
    rows.cells.forEach((_, i) => {
      const r = i + 1;
      const row = ws.getRow(r);
      if (r <= 2) {
        row.getCell(1).font = {bold: r === 1, size: r === 1 ? 16 : 11};
        row.getCell(1).alignment = {horizontal: "center", vertical: "middle"};
      } else {
        for (let c = 1; c <= NCOL; c++) row.getCell(c).border = THIN;
      }
    });
    ws.getRow(rows.cells.length).commit();
    ws.commit();
    this.sheets++;
  }

  async close(): Promise<void> {
    await this.book.wb.commit();
  }
}

interface FormRows {
  cells: V[][];
  merges: Array<[number, number, number, number]>;
}

function titleRows(p: ProjectYear): V[][] {
  const t = "项目支出绩效自评表";
  const y = `（${p.year}年度）`;
  return [[t, null, null, null, null, null, null, null, null], [y, null, null, null, null, null, null, null, null]];
}

function standardRows(p: ProjectYear): FormRows {
  const cells: V[][] = titleRows(p);
  const d = p.def;
  cells.push(["项目名称", d.name, null, null, null, null, null, null, null]);
  cells.push(["主管部门", d.unit.dept.name, null, null, "实施单位", d.unit.name, null, null, null]);
  const fundTop = cells.length + 1;
  cells.push(["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", null]);
  fundBlock(p).forEach(([label, a, b, c], i) => {
    cells.push([null, label, a, b, c, i === 0 ? 10 : null, i === 0 ? executionRateText(p) : null, i === 0 ? p.execScore : null, null]);
  });
  const goalTop = cells.length + 1;
  cells.push(["年度总体目标", "预期目标", null, null, "实际完成情况", null, null, null, null]);
  cells.push([null, p.goalText, null, null, p.actualText, null, null, null, null]);
  const indTop = cells.length + 1;
  cells.push(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
  for (const ind of p.indicators) {
    cells.push([null, ind.def.l1, ind.def.l2, ind.def.name, targetText(ind), actualText(ind), ind.weight, ind.reported, ind.reason || null]);
  }
  const indBottom = cells.length;
  cells.push(["总分", null, null, null, null, null, 100, p.reported, null]);
  return {
    cells,
    merges: [
      [1, 1, 1, NCOL],
      [2, 1, 2, NCOL],
      [3, 2, 3, NCOL],
      [fundTop, 1, fundTop + 4, 1],
      [goalTop, 1, goalTop + 1, 1],
      [indTop, 1, indBottom, 1]
    ]
  };
}

function sichuanRows(p: ProjectYear): FormRows {
  const cells: V[][] = titleRows(p);
  const d = p.def;
  cells.push(["项目编码", d.code, null, null, null, null, null, null, null]);
  cells.push(["项目名称", d.name, null, null, null, null, null, null, null]);
  cells.push(["主管部门", d.unit.dept.name, null, null, "实施单位", d.unit.name, null, null, null]);
  const fundTop = cells.length + 1;
  cells.push(["预算执行情况（10分）", null, "年初预算数", "调整后预算数", "预算执行数", "权重", "执行率", "得分", null]);
  fundBlock(p).forEach(([label, a, b, c], i) => {
    const name = label === "其中：当年财政拨款" ? "其中：财政拨款" : label === "上年结转资金" ? "上年结转" : label;
    cells.push([null, name, a, b, c, i === 0 ? 10 : null, i === 0 ? executionRateText(p) : null, i === 0 ? p.execScore : null, null]);
  });
  const goalTop = cells.length + 1;
  cells.push(["年度总体目标", "预期目标", null, null, "实际完成情况", null, null, null, null]);
  cells.push([null, p.goalText, null, null, p.actualText, null, null, null, null]);
  const indTop = cells.length + 1;
  cells.push(["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "年度指标值", "完成值", "权重", "得分", "未完成原因分析"]);
  for (const ind of p.indicators) {
    cells.push([null, ind.def.l1, ind.def.l2, ind.def.name, targetText(ind), actualText(ind), ind.weight, ind.reported, ind.reason || null]);
  }
  const indBottom = cells.length;
  cells.push(["总分", null, null, null, null, null, 100, p.reported, null]);
  const g = grade(p.reported);
  const rate = p.budget > 0 ? p.spent / p.budget : 0;
  const problems: string[] = [];
  if (p.budget > 0 && rate < 0.9) problems.push(`预算执行率为${executionRateText(p)}，低于90%，主要原因是项目实施进度滞后、资金支付不及时`);
  const missed = p.indicators.filter((i) => i.reason && i.score < i.weight);
  if (missed.length > 0) problems.push(`${missed.map((i) => i.def.name).slice(0, 3).join("、")}等指标未完成年度目标`);
  const conclusionRow = cells.length + 1;
  cells.push(["评价结论", `该项目自评得分${fmtNum(p.reported)}分，自评等级为“${g}”。`, null, null, null, null, null, null, null]);
  cells.push(["存在问题", problems.length ? problems.join("；") + "。" : "无。", null, null, null, null, null, null, null]);
  cells.push(["改进措施", problems.length ? "加强项目预算执行管理，加快项目实施进度，科学合理设定绩效目标。" : "继续加强项目管理，巩固项目实施成效。", null, null, null, null, null, null, null]);
  return {
    cells,
    merges: [
      [1, 1, 1, NCOL],
      [2, 1, 2, NCOL],
      [3, 2, 3, NCOL],
      [4, 2, 4, NCOL],
      [fundTop, 1, fundTop + 4, 1],
      [goalTop, 1, goalTop + 1, 1],
      [indTop, 1, indBottom, 1],
      [conclusionRow, 2, conclusionRow, NCOL],
      [conclusionRow + 1, 2, conclusionRow + 1, NCOL],
      [conclusionRow + 2, 2, conclusionRow + 2, NCOL]
    ]
  };
}
