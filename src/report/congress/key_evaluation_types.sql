-- one row per object type (项目 / 部门整体 / 财政政策 …) of the evaluated year's finance key evaluations: count and funds, largest first [S4]
-- sources: staging.stg_evaluations (evaluations), intermediate.int_projects (projects: amount when the evaluation gives none)
SELECT
  coalesce(e.object_type, '项目') AS object_type,
  count(*) AS count,
  round2(coalesce(sum(exact_wan(coalesce(e.amount_wan, p.budget_wan))), 0)) AS funds_wan,
  list(DISTINCT e.source_file ORDER BY e.source_file) AS source_files
FROM staging.stg_evaluations e
LEFT JOIN intermediate.int_projects p ON p.year = e.year AND p.project_code = e.project_code
WHERE e.year = $eval_year AND e.eval_type = policy().coverage.key_evaluation_type
GROUP BY 1
ORDER BY funds_wan DESC, object_type
