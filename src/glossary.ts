/**
 * The one glossary: Chinese terms of budget performance management and the English names the code
 * uses. The README's glossary table, column labels in exports and the report pages all read from here.
 */
export interface Term {
  zh: string;
  en: string;
  note?: string;
}

export const GLOSSARY: Term[] = [
  {zh: "预算绩效管理", en: "budget performance management"},
  {zh: "年度", en: "year"},
  {zh: "主管部门", en: "department (dept_name, dept_code)", note: "first-level budget unit"},
  {zh: "行政区划", en: "region (region_code, region_name): the county or city whose budget a project is in"},
  {zh: "预算单位 / 实施单位", en: "unit (unit_name, unit_code)"},
  {zh: "项目编码", en: "project_code"},
  {zh: "项目名称", en: "project_name"},
  {zh: "项目类别（经常性 / 一次性）", en: "project_category"},
  {zh: "项目属性（新增 / 延续）", en: "project_attribute"},
  {zh: "预算类型", en: "budget_type", note: "四本预算: 一般公共 / 政府性基金 / 国有资本经营 / 社会保险基金"},
  {zh: "资金性质", en: "fund_kind", note: "部门预算项目, 专项转移支付, 直达资金, 扶贫/乡村振兴资金, 政府债券, PPP …"},
  {zh: "功能分类", en: "function_code, function_name"},
  {zh: "年初预算数", en: "initial_budget_wan"},
  {zh: "全年预算数 / 调整后预算数", en: "budget_wan"},
  {zh: "全年执行数 / 实际支出", en: "executed_wan"},
  {zh: "上年结转", en: "carryover_wan"},
  {zh: "当年财政拨款 / 其他资金", en: "fiscal_budget_wan / other_budget_wan", note: "the self-evaluation form's fund block; with 上年结转 they add up to 年度资金总额"},
  {zh: "万元", en: "_wan suffix", note: "every amount is stored in 万元 as an exact decimal"},
  {zh: "事前绩效评估", en: "ex-ante assessment (exante_conclusion)"},
  {zh: "总投资", en: "total_investment_wan"},
  {zh: "重点保障（必须保障的项目）", en: "must_keep"},
  {zh: "涉密", en: "classified"},
  {zh: "绩效目标", en: "goal indicators (goal_indicators)"},
  {zh: "一级 / 二级 / 三级指标", en: "level1 / level2 / indicator"},
  {zh: "产出指标 / 效益指标 / 满意度指标", en: "output / outcome / satisfaction indicators"},
  {zh: "指标性质（≥ > = ≤ < 定性）", en: "direction (ge gt eq le lt qual)"},
  {zh: "年度指标值 / 目标值", en: "target_value, target_text"},
  {zh: "度量单位", en: "unit"},
  {zh: "分值 / 权重", en: "weight"},
  {zh: "实际完成值", en: "actual_value, actual_text"},
  {zh: "得分", en: "score"},
  {zh: "绩效监控（双监控）", en: "monitoring"},
  {zh: "监控期（1-5月 …）", en: "period, month"},
  {zh: "序时进度", en: "time_progress", note: "month / 12"},
  {zh: "红灯 / 黄灯 / 绿灯 / 蓝灯", en: "light: red / yellow / green / blue"},
  {zh: "偏差原因", en: "deviation_reason"},
  {zh: "完成目标可能性", en: "likelihood"},
  {zh: "目标完成率（监控）", en: "goal_completion_pct", note: "average share of the annual goals done so far (to_date_pct), set against the execution rate"},
  {zh: "累计类指标", en: "accrues", note: "≥ or > with a unit that is not a rate: counted by progress ÷ annual target"},
  {zh: "整改通知（预警）", en: "rectification warning"},
  {zh: "单位自评", en: "self-evaluation (selfeval_indicators, selfeval_totals)"},
  {zh: "自评得分（上报）", en: "reported_score"},
  {zh: "预算执行率", en: "execution_rate", note: "a fraction: 0.65 is 65%"},
  {zh: "执行得分", en: "execution_score"},
  {zh: "指标得分", en: "indicator_score"},
  {zh: "总分（复核）", en: "total_score"},
  {zh: "等级（优 / 良 / 中 / 差）", en: "grade"},
  {zh: "最终等级（封顶后）", en: "final_grade"},
  {zh: "等级封顶原因", en: "cap_reasons"},
  {zh: "一票否决", en: "veto"},
  {zh: "自评虚高 / 偏低", en: "inflated / deflated self-score"},
  {zh: "真实性核查", en: "truthfulness spot-check (spot_check)"},
  {zh: "部门评价", en: "department evaluation"},
  {zh: "财政重点评价", en: "finance key evaluation"},
  {zh: "评价结果", en: "evaluations"},
  {zh: "问题清单（审计 / 监督检查）", en: "findings"},
  {zh: "部门整体绩效", en: "department overall (dept_overall)"},
  {zh: "结果应用", en: "application"},
  {zh: "扣减比例 / 扣减金额", en: "deduction_rate / deduction_wan"},
  {zh: "低效无效资金", en: "low-efficiency funds (low_efficiency)"},
  {zh: "沉淀资金", en: "idle carry-over"},
  {zh: "交叉重复", en: "overlap"},
  {zh: "覆盖率", en: "coverage"},
  {zh: "拒收行 / 警告", en: "rejects (severity error / warning)"},
  {zh: "导入批次", en: "imports (import_id)"},
  {zh: "人大报告", en: "congress report"},
  {zh: "政策口径", en: "policy", note: "thresholds, weights, bands and proportions; presets mof and xinjiang"}
];

/** The glossary as a Markdown table (for the README). */
export function glossaryMarkdown(): string {
  const rows = GLOSSARY.map((t) => `| ${t.zh} | \`${t.en}\` | ${t.note ?? ""} |`);
  return ["| 中文 | English (code) | note |", "|---|---|---|", ...rows].join("\n");
}

/** Chinese labels for column names, for export headers' 说明 sheet and report tables. */
export const COLUMN_LABELS: Record<string, string> = {
  year: "年度", region_code: "行政区划代码", region_name: "行政区划", dept_code: "主管部门编码", dept_name: "主管部门", department: "主管部门", unit_code: "单位编码",
  unit_name: "单位名称", project_code: "项目编码", project_name: "项目名称", project_category: "项目类别",
  project_attribute: "项目属性", budget_type: "预算类型", fund_kind: "资金性质", function_code: "功能分类编码",
  function_name: "功能分类", initial_budget_wan: "年初预算数（万元）", budget_wan: "全年预算数（万元）",
  executed_wan: "全年执行数（万元）", carryover_wan: "上年结转（万元）", execution_rate: "预算执行率",
  execution_score: "执行得分", indicator_score: "指标得分", total_score: "总分（复核）", grade: "等级",
  final_grade: "最终等级", cap_reasons: "封顶原因", reported_score: "自评得分（上报）", deduction_rate: "扣减比例",
  deduction_wan: "扣减金额（万元）", indicator: "三级指标", level1: "一级指标", level2: "二级指标",
  direction: "指标性质", target_value: "年度指标值", unit: "度量单位", weight: "分值", actual_value: "实际完成值",
  score: "得分", period: "监控期", month: "监控月份", rule_id: "规则编号", reasons: "原因", action: "处理建议", actions_text: "处理措施",
  source_file: "来源文件", source_sheet: "来源工作表", source_row: "来源行"
};
