/**
 * The flat tables of TEMPLATES.md: for each, its fields, the header spellings seen in the wild, and
 * which fields must be present for a sheet to be recognised as that table. Header text is compared
 * after `headerLabel` (half-width, no spaces, unit in brackets removed).
 */
export type FieldKind =
  | "year" | "code" | "text" | "amount" | "number" | "percent" | "bool" | "direction" | "measure" | "period";

export interface FieldSpec {
  field: string;
  kind: FieldKind;
  aliases: (string | RegExp)[];
}

export interface TableSpec {
  table: TableName;
  /** Chinese name for messages. */
  label: string;
  fields: FieldSpec[];
  /** Each inner list is one acceptable set of fields that must all be present. */
  required: string[][];
  /** Fields whose presence means the sheet is some other table. */
  forbidden: string[];
  /** Fields that must hold a value in every row. */
  rowRequired: string[];
  /** Business key: a later row with the same key replaces an earlier one. */
  key: string[];
}

export type TableName =
  | "projects" | "goal_indicators" | "monitoring" | "selfeval_indicators" | "selfeval_totals"
  | "evaluations" | "findings" | "dept_overall" | "cut_decisions";

const f = (field: string, kind: FieldKind, ...aliases: (string | RegExp)[]): FieldSpec => ({field, kind, aliases});

const year = f("year", "year", "年度", "预算年度", "年份", "评价年度", "所属年度");
const projectCode = f("project_code", "code", "项目编码", "项目代码", "项目编号", "项目id");
const indicator = f("indicator", "text", "三级指标", "指标内容", "指标名称", "三级指标名称");
const level1 = f("level1", "text", "一级指标");
const level2 = f("level2", "text", "二级指标");
const direction = f("direction", "direction", "指标性质", "指标方向", "指标类型", "计算符号", "符号");
const target = f("target", "measure", "指标值", "年度指标值", "目标值", "年度目标值", "指标目标值", "全年目标值");
const unit = f("unit", "text", "度量单位", "计量单位", "单位");
const weight = f("weight", "number", "分值", "权重", "指标分值", "权重(分)");
const unitCode = f("unit_code", "code", "单位编码", "预算单位编码", "单位代码", "实施单位编码");
const unitName = f("unit_name", "text", "单位名称", "预算单位", "实施单位", "预算单位名称", "实施单位名称");

export const TABLES: TableSpec[] = [
  {
    table: "projects",
    label: "项目预算执行",
    fields: [
      year,
      // the county (or city) whose budget it is: a province's roll-up holds many
      f("region_code", "code", "行政区划代码", "区划编码", "区划代码", "行政区划编码", "财政区划编码"),
      f("region_name", "text", "行政区划", "区划名称", "行政区划名称", "财政区划", "地区"),
      f("dept_code", "code", "主管部门编码", "部门编码", "主管部门代码"),
      f("dept_name", "text", "主管部门", "部门名称", "主管部门名称", "部门"),
      unitCode,
      unitName,
      projectCode,
      f("project_name", "text", "项目名称"),
      f("project_category", "text", "项目类别", "项目类型"),
      f("project_attribute", "text", "项目属性", "新增/延续", "项目性质"),
      f("budget_type", "text", "预算类型", "预算类别"),
      f("fund_kind", "text", "资金性质", "资金类型", "资金类别"),
      f("function_class", "text", "功能分类", "支出功能分类科目", "功能科目", "支出功能分类", "功能分类科目"),
      f("initial_budget_wan", "amount", "年初预算数", "年初预算", "年初预算金额"),
      f("budget_wan", "amount", "全年预算数", "调整后预算数", "预算数", "全年预算", "调整预算数", "预算金额"),
      f("executed_wan", "amount", "全年执行数", "预算执行数", "实际支出", "执行数", "实际支出数", "支出数", "全年支出数"),
      f("carryover_wan", "amount", "上年结转", "结转资金", "上年结转资金", "上年结转数"),
      f("exante_conclusion", "text", "事前评估结论", "事前绩效评估结论", "事前评估"),
      f("total_investment_wan", "amount", "总投资", "项目总投资", "总投资额"),
      f("must_keep", "bool", "重点保障", "是否重点保障", "必须保障"),
      f("classified", "bool", "涉密", "是否涉密")
    ],
    required: [["project_code", "project_name", "budget_wan"]],
    forbidden: ["indicator", "period", "reported_score", "eval_type", "decision"],
    rowRequired: ["year", "project_code", "project_name"],
    key: ["year", "project_code"]
  },
  {
    table: "goal_indicators",
    label: "绩效目标",
    fields: [year, projectCode, level1, level2, indicator, direction, target, unit, weight],
    required: [["project_code", "indicator", "target"]],
    forbidden: ["actual", "progress", "period", "score"],
    rowRequired: ["year", "project_code", "indicator"],
    key: ["year", "project_code", "indicator"]
  },
  {
    table: "monitoring",
    label: "绩效监控",
    fields: [
      year,
      f("period", "period", "监控期", "监控期间", "监控时点", "监控节点", "监控时段"),
      projectCode,
      f("budget_wan", "amount", "全年预算数", "调整后预算数", "预算数"),
      f("executed_wan", "amount", /^1-(\d{1,2}|X|x)月(执行数|支出数|累计执行数|预算执行数)$/, "累计执行数", "执行数"),
      indicator,
      f("target", "measure", "年度指标值", "指标值", "目标值", "全年目标值"),
      f("progress", "measure", /^1-(\d{1,2}|X|x)月(执行情况|完成情况|完成值|实际完成值)$/, "累计完成值", "执行情况", "完成情况"),
      f("forecast", "measure", "全年预计完成情况", "全年预计完成值", "预计全年完成情况", "全年预计完成"),
      f("deviation_reason", "text", "偏差原因", "偏差原因分析", "原因分析"),
      f("likelihood", "text", "完成目标可能性", "完成可能性"),
      f("review_score", "number", "审核得分", "监控得分", "审核评分", "监控审核得分"),
      f("rectified", "bool", "是否整改", "整改情况", "已整改")
    ],
    required: [["project_code", "executed_wan"], ["project_code", "progress"]],
    forbidden: ["reported_score"],
    rowRequired: ["year", "period", "project_code"],
    key: ["year", "month", "project_code", "indicator"]
  },
  {
    table: "selfeval_indicators",
    label: "绩效自评（指标）",
    fields: [
      year, projectCode, level1, level2, indicator, direction, target, unit, weight,
      f("actual", "measure", "实际完成值", "完成值", "实际完成情况", "全年实际完成值", "实际值"),
      f("score", "number", "得分", "自评得分", "指标得分"),
      f("deduction", "number", "扣减分数", "扣分"),
      f("deviation_note", "text", "偏差原因分析及改进措施", "未完成原因分析", "偏差原因及改进措施", "偏差原因分析")
    ],
    required: [["project_code", "indicator", "actual"]],
    forbidden: ["period"],
    rowRequired: ["year", "project_code", "indicator"],
    key: ["year", "project_code", "indicator"]
  },
  {
    table: "selfeval_totals",
    label: "绩效自评（项目）",
    fields: [
      year, projectCode,
      f("project_name", "text", "项目名称"),
      f("budget_wan", "amount", "全年预算数", "调整后预算数", "预算数"),
      f("executed_wan", "amount", "全年执行数", "预算执行数", "实际支出", "执行数"),
      f("reported_score", "number", "自评得分", "总分", "自评总分", "自评分数", "得分合计"),
      f("conclusion", "text", "自评结论", "自评等级", "评价结论")
    ],
    required: [["project_code", "reported_score"]],
    forbidden: ["indicator", "period", "actual"],
    rowRequired: ["year", "project_code"],
    key: ["year", "project_code"]
  },
  {
    table: "evaluations",
    label: "评价结果",
    fields: [
      year,
      f("eval_type", "text", "评价类型", "评价类别", "评价层级"),
      f("object_type", "text", "对象类型", "评价对象类型"),
      projectCode,
      unitCode,
      f("object_name", "text", "评价对象", "评价对象名称", "项目名称"),
      f("evaluator", "text", "评价机构", "第三方机构", "评价主体", "实施机构"),
      f("amount_wan", "amount", "评价金额", "涉及金额", "评价资金", "资金规模"),
      f("score", "number", "得分", "评价得分"),
      f("grade", "text", "等级", "评价等级", "评价结果")
    ],
    required: [["eval_type", "object_name"]],
    forbidden: ["indicator", "period"],
    rowRequired: ["year", "eval_type", "object_name"],
    key: ["year", "eval_type", "project_code", "unit_code", "object_name"]
  },
  {
    table: "findings",
    label: "问题清单",
    fields: [
      year, projectCode,
      f("source", "text", "来源", "问题来源", "发现途径"),
      f("description", "text", "问题描述", "问题内容", "存在问题"),
      f("severity", "text", "严重程度", "问题性质", "问题等级"),
      f("rectified", "bool", "是否整改", "整改情况", "已整改"),
      f("verification", "text", "核查结论", "真实性核查结论")
    ],
    required: [["project_code", "source", "description"]],
    forbidden: ["indicator", "period"],
    rowRequired: ["year", "project_code", "source", "description"],
    key: ["year", "project_code", "source", "description"]
  },
  {
    table: "dept_overall",
    label: "部门整体",
    fields: [
      year, unitCode, unitName,
      f("overall_budget_wan", "amount", "整体支出预算", "整体支出预算数", "部门整体支出预算", "整体预算"),
      f("goals_set", "bool", "整体目标已设定", "整体绩效目标已设定", "是否设定整体目标", "整体目标"),
      f("self_score", "number", "整体自评得分", "整体自评分", "部门整体自评得分"),
      f("monitoring_done", "bool", "监控已完成", "整体监控已完成", "是否完成监控")
    ],
    required: [["unit_code", "overall_budget_wan"], ["unit_code", "goals_set"]],
    forbidden: ["project_code", "indicator"],
    rowRequired: ["year", "unit_code"],
    key: ["year", "unit_code"]
  },
  {
    table: "cut_decisions",
    label: "扣减审核意见",
    fields: [
      year, projectCode,
      f("decision", "text", "审核决定", "审核结论", "审定意见", "是否同意扣减"),
      f("decided_cut_wan", "amount", "审定扣减金额", "核定扣减金额", "审核扣减金额"),
      f("note", "text", "审核意见", "审核说明", "备注说明"),
      f("reviewer", "text", "审核人", "经办人")
    ],
    required: [["project_code", "decision"]],
    forbidden: ["indicator", "period"],
    rowRequired: ["year", "project_code", "decision"],
    key: ["year", "project_code"]
  }
];

export function tableSpec(name: TableName): TableSpec {
  const spec = TABLES.find((t) => t.table === name);
  if (!spec) throw new Error(`unknown table: ${name}`);
  return spec;
}
