-- one row per object of a finance key evaluation: type, name, budget type and funds
-- sources: staging.stg_evaluations, marts.project_scores
SELECT
  e.year,
  coalesce(e.object_type, '未分类') AS object_type,
  e.object_name,
  e.project_code,
  coalesce(p.department, '—') AS department,
  p.budget_type,
  -- the evaluated amount, else the project's budget (as marts.key_evaluations counts it)
  CAST(coalesce(e.amount_wan, p.budget_wan) AS DOUBLE) AS funds_wan,
  e.evaluator,
  e.score,
  e.grade
FROM staging.stg_evaluations e
LEFT JOIN marts.project_scores p ON p.year = e.year AND p.project_code = e.project_code
-- only finance key evaluations; department evaluations are counted per department in evaluation_coverage
WHERE e.eval_type = policy().coverage.key_evaluation_type
ORDER BY e.year, object_type, e.object_name
