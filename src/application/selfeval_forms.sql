-- one row per self-evaluated project of a year: the header, fund block and total of its 项目支出绩效自评表
-- As reported by the unit (reported execution score and total); the recomputed ones fill in only where a report gives none.
WITH t AS (
  SELECT * FROM staging.stg_selfeval_totals
  WHERE year = $year
  QUALIFY row_number() OVER (PARTITION BY project_code ORDER BY import_id DESC, source_row) = 1
)
SELECT
  p.year,
  p.project_code,
  p.project_name,
  coalesce(p.department, '（未注明主管部门）') AS department,
  p.unit_name,
  p.initial_budget_wan,
  p.budget_wan,
  p.executed_wan,
  p.carryover_wan,
  p.carryover_executed_wan,
  ps.execution_rate,
  policy().execution.weight AS execution_weight,
  coalesce(p.reported_execution_score, ps.execution_score) AS execution_score,
  coalesce(p.reported_score, ps.total_score) AS total_score,
  t.overall_goal,
  t.overall_result,
  p.classified
FROM intermediate.int_projects p
JOIN marts.project_scores ps ON ps.year = p.year AND ps.project_code = p.project_code
LEFT JOIN t ON t.project_code = p.project_code
WHERE p.year = $year
  AND p.has_selfeval
  -- 涉密 projects are never published [S1][S4]
  AND NOT ($public AND p.classified)
ORDER BY department, p.project_code
