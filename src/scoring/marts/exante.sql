-- one row per project per year: ex-ante assessment checks [S1][S4]
WITH third_party AS (
  -- a finance key evaluation, or an evaluation by an outside body (not the project's own department or unit)
  SELECT DISTINCT e.project_code
  FROM staging.stg_evaluations e
  LEFT JOIN intermediate.int_projects p ON p.year = e.year AND p.project_code = e.project_code
  WHERE e.project_code IS NOT NULL
    AND (e.eval_type = policy().coverage.key_evaluation_type
         OR (e.evaluator IS NOT NULL AND e.evaluator IS DISTINCT FROM p.department AND e.evaluator IS DISTINCT FROM p.unit_name))
),
checked AS (
  SELECT
    p.year,
    p.project_code,
    p.project_name,
    p.department,
    p.project_attribute,
    p.exante_conclusion,
    p.total_investment_wan,
    p.budget_wan,
    coalesce(p.project_attribute = policy().exante.new_attribute, FALSE) AS is_new,
    -- a new project with no report, or one not supported, must not be budgeted
    is_new AND (p.exante_conclusion IS NULL OR list_contains(policy().exante.not_budgetable, p.exante_conclusion))
      AS budgeted_without_support,
    coalesce(p.total_investment_wan >= policy().exante.major_investment_wan, FALSE) AS is_major,
    t.project_code IS NOT NULL AS third_party_assessed,
    p.source_file,
    p.source_sheet,
    p.source_row
  FROM intermediate.int_projects p
  LEFT JOIN third_party t ON t.project_code = p.project_code
)
SELECT
  *,
  is_major AND NOT third_party_assessed AS major_without_third_party,
  list_filter([
    CASE WHEN budgeted_without_support THEN {'rule_id': 'S1.exante.not_budgetable',
      'message': format('新增项目事前评估结论为「{}」，不应安排预算（已安排 {} 万元）', coalesce(exante_conclusion, '无'), fmt_num(budget_wan))} END,
    CASE WHEN is_major AND NOT third_party_assessed THEN {'rule_id': 'S4.exante.major_third_party',
      'message': format('重大项目（总投资 {} 万元 ≥ {} 万元）未见第三方机构评估', fmt_num(total_investment_wan), fmt_num(policy().exante.major_investment_wan))} END
  ], lambda x: x IS NOT NULL) AS flags
FROM checked
