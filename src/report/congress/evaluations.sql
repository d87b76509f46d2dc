-- one row per evaluated object of the evaluated year (部门评价, then 财政重点评价; larger amounts first): object, type, amount, score, grade
-- sources: staging.stg_evaluations (evaluations), intermediate.int_projects (projects: amount when the evaluation gives none)
SELECT
  e.eval_type,
  coalesce(e.object_type, '项目') AS object_type,
  e.object_name,
  e.evaluator,
  round(CAST(coalesce(e.amount_wan, p.budget_wan) AS DOUBLE), 2) AS amount_wan,
  e.score,
  e.grade,
  [e.source_file] AS source_files
FROM staging.stg_evaluations e
LEFT JOIN intermediate.int_projects p ON p.year = e.year AND p.project_code = e.project_code
WHERE e.year = $eval_year
  AND e.eval_type IN (policy().coverage.department_evaluation_type, policy().coverage.key_evaluation_type)
ORDER BY e.eval_type = policy().coverage.key_evaluation_type, amount_wan DESC NULLS LAST, e.object_name
