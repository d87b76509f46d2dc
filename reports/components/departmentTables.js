// The two tables of a department's detail (reports/departments/[dept].md, reports/regions/[region].md): its projects,
// and one project's indicators. Rows come from detailRows (department_projects.sql, department_indicators.sql).
import * as Inputs from "npm:@observablehq/inputs";
import {GradeBadge} from "./badges.js";
import {formatPercent, formatScore, formatWan} from "./format.js";

/** Every project of the rows: scores, grades, cut, caps and warnings. */
export function ProjectTable(projects) {
  const wan = (d) => formatWan(d);
  return Inputs.table(projects, {
    columns: [
      "project_code", "project_name", "total_score", "reported_score", "grade", "final_grade", "action", "deduction_wan", "deduction_from",
      "budget_wan", "execution_rate", "cap_reasons", "warnings", "unit_name", "fund_kind", "budget_type"
    ],
    header: {
      project_code: "项目编码", project_name: "项目名称", unit_name: "实施单位", fund_kind: "资金性质", budget_type: "预算类型", budget_wan: "预算（万元）",
      execution_rate: "执行率", total_score: "重算总分", reported_score: "自评总分", grade: "复核等级", final_grade: "最终等级", cap_reasons: "封顶原因",
      action: "结果应用", deduction_wan: "下年扣减（万元）", deduction_from: "扣减来源", warnings: "预警"
    },
    format: {
      budget_wan: wan, execution_rate: (d) => formatPercent(d), total_score: (d) => formatScore(d), reported_score: (d) => formatScore(d),
      grade: GradeBadge, final_grade: GradeBadge, deduction_wan: wan
    },
    width: {project_name: 220, unit_name: 160, cap_reasons: 300, warnings: 300},
    layout: "auto",
    rows: Math.max(11.5, projects.length + 1),
    select: false
  });
}

/** One project's indicators: target, actual, weight, recomputed and reported score, flags. */
export function IndicatorTable(indicators) {
  return Inputs.table(indicators, {
    columns: ["level1", "level2", "indicator", "direction", "target", "actual", "weight", "score", "reported_score", "flags"],
    header: {level1: "一级指标", level2: "二级指标", indicator: "三级指标", direction: "方向", target: "年度目标", actual: "实际完成", weight: "分值", score: "重算得分", reported_score: "自评得分", flags: "标记"},
    format: {weight: (d) => formatScore(d, {digits: 1}), score: (d) => formatScore(d), reported_score: (d) => formatScore(d)},
    width: {indicator: 200, flags: 160},
    layout: "auto",
    rows: Math.max(11.5, indicators.length + 1),
    select: false
  });
}
