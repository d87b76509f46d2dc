import {z} from "zod";

/**
 * The typed records of the raw layer (`src/db/schema.sql`), as loaders hand them to the database.
 * Parsed once at the boundary: inside, values are trusted. Amounts are exact 万元 decimal text.
 */
const year = z.number().int().min(1990).max(2100);
const code = z.string().min(1).max(64);
const text = z.string().nullable();
const amount = z.string().regex(/^-?\d+(\.\d+)?$/).nullable();
const num = z.number().finite().nullable();
const bool = z.boolean().nullable();
export const Direction = z.enum(["ge", "gt", "eq", "le", "lt", "qual"]);
const direction = Direction.nullable();

export const ProjectRecord = z.object({
  year, region_code: code.nullable(), region_name: text, dept_code: code.nullable(), dept_name: text, unit_code: code.nullable(), unit_name: text,
  project_code: code, project_name: z.string().min(1), project_category: text, project_attribute: text,
  budget_type: text, fund_kind: text, function_code: text, function_name: text,
  initial_budget_wan: amount, budget_wan: amount, executed_wan: amount, carryover_wan: amount,
  exante_conclusion: text, total_investment_wan: amount, must_keep: bool, classified: bool
});
export type ProjectRecord = z.infer<typeof ProjectRecord>;

const target = {direction, target_raw: text, target_value: num, target_text: text, unit: text};

export const GoalIndicatorRecord = z.object({
  year, project_code: code, level1: text, level2: text, indicator: z.string().min(1), ...target, weight: num
});
export type GoalIndicatorRecord = z.infer<typeof GoalIndicatorRecord>;

export const MonitoringRecord = z.object({
  year, period: z.string().min(1), month: z.number().int().min(1).max(12), project_code: code,
  budget_wan: amount, executed_wan: amount, indicator: text, ...target,
  progress_raw: text, progress_value: num, progress_text: text, forecast_raw: text, forecast_value: num,
  deviation_reason: text, likelihood: text, review_score: num, rectified: bool
});
export type MonitoringRecord = z.infer<typeof MonitoringRecord>;

export const SelfevalIndicatorRecord = z.object({
  year, project_code: code, level1: text, level2: text, indicator: z.string().min(1), ...target, weight: num,
  actual_raw: text, actual_value: num, actual_text: text, score: num, deduction: num, deviation_note: text
});
export type SelfevalIndicatorRecord = z.infer<typeof SelfevalIndicatorRecord>;

export const SelfevalTotalRecord = z.object({
  year, project_code: code, project_name: text, dept_name: text, unit_name: text,
  initial_budget_wan: amount, budget_wan: amount, executed_wan: amount,
  carryover_budget_wan: amount, carryover_executed_wan: amount,
  reported_execution_score: num, reported_score: num, conclusion: text, overall_goal: text, overall_result: text,
  fiscal_budget_wan: amount, other_budget_wan: amount
});
export type SelfevalTotalRecord = z.infer<typeof SelfevalTotalRecord>;

export const EvaluationRecord = z.object({
  year, eval_type: z.string().min(1), object_type: text, project_code: code.nullable(), unit_code: code.nullable(),
  object_name: z.string().min(1), evaluator: text, amount_wan: amount, score: num, grade: text
});
export type EvaluationRecord = z.infer<typeof EvaluationRecord>;

export const FindingRecord = z.object({
  year, project_code: code, source: z.string().min(1), description: z.string().min(1), severity: text,
  rectified: bool, verification: text
});
export type FindingRecord = z.infer<typeof FindingRecord>;

export const DeptOverallRecord = z.object({
  year, unit_code: code, unit_name: text, overall_budget_wan: amount, goals_set: bool, self_score: num,
  monitoring_done: bool
});
export type DeptOverallRecord = z.infer<typeof DeptOverallRecord>;

export const CutDecisionRecord = z.object({
  year, project_code: code, decision: z.string().min(1), decided_cut_wan: amount, note: text, reviewer: text
});
export type CutDecisionRecord = z.infer<typeof CutDecisionRecord>;

export const RECORD_SCHEMAS = {
  projects: ProjectRecord,
  goal_indicators: GoalIndicatorRecord,
  monitoring: MonitoringRecord,
  selfeval_indicators: SelfevalIndicatorRecord,
  selfeval_totals: SelfevalTotalRecord,
  evaluations: EvaluationRecord,
  findings: FindingRecord,
  dept_overall: DeptOverallRecord,
  cut_decisions: CutDecisionRecord
} as const;

export type RecordTable = keyof typeof RECORD_SCHEMAS;

/** The stored columns of a table's records, in schema order. */
export function recordColumns(table: RecordTable): string[] {
  return Object.keys(RECORD_SCHEMAS[table].shape);
}

/** Columns whose values are exact 万元 decimals (cast to DECIMAL on insert). */
export function isAmountColumn(column: string): boolean {
  return column.endsWith("_wan");
}
