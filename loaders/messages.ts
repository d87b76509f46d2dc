/** Chinese messages for every rule a loader applies; the rule id is what `rejects.rule` stores. */
export const MESSAGES: Record<string, string> = {
  "required.missing": "必填项为空",
  "year.invalid": "年度不是有效的四位年份",
  "code.invalid": "编码无效",
  "amount.not_number": "金额不是数字",
  "amount.negative": "金额为负数，请核实",
  "amount.too_large": "金额超出范围（折合万元后整数部分超过14位），请核对金额单位或数值",
  "number.not_number": "不是数字",
  "percent.not_number": "百分比不是数字",
  "percent.above_100": "百分比目标值超过100%，请核实",
  "bool.invalid": "应填“是”或“否”，已按空值处理",
  "period.invalid": "监控期无法识别（应如“1-5月”）",
  "direction.invalid": "指标方向无法识别（应为 ≥ > = ≤ < 或 定性），已按空值处理",
  "direction.assumed": "未注明指标方向，按正向（≥）处理",
  "measure.unparsed": "指标值无法拆分为方向、数值和单位",
  "weight.missing": "指标未设分值",
  "weight.not_number": "分值不是数字",
  "score.not_number": "得分不是数字",
  "duplicate.key": "与本文件中前面的记录重复（同一年度、同一编码），已保留第一条",
  "replaced.other_file": "与此前其他文件导入的记录键值相同，已以本文件为准覆盖",
  "form.no_project_code": "自评表未能确定项目编码（表中无“项目编码”，工作表名也不是编码，且按项目名称未找到唯一项目）",
  "form.no_year": "自评表未能确定年度",
  "form.no_indicators": "自评表中没有找到绩效指标表",
  "sheet.unrecognised": "无法识别该工作表的表格类型（未找到匹配的表头）",
  "sheet.empty": "工作表为空"
};

export function message(rule: string): string {
  return MESSAGES[rule] ?? rule;
}
