-- one row per report: 部门评价 of the evaluated year — objects, funds, and departments reaching the required share of their project budget [S1][S4]
-- sources: staging.stg_evaluations (evaluations), intermediate.int_projects (projects), marts.coverage (projects, evaluations)
WITH e AS (
  SELECT e.*, CAST(coalesce(e.amount_wan, p.budget_wan) AS DOUBLE) AS funds_wan
  FROM staging.stg_evaluations e
  LEFT JOIN intermediate.int_projects p ON p.year = e.year AND p.project_code = e.project_code
  WHERE e.year = $eval_year AND e.eval_type = policy().coverage.department_evaluation_type
),
c AS (
  SELECT * FROM marts.coverage WHERE year = $eval_year AND budget_wan > 0
)
SELECT
  count(*) AS count,
  round2(coalesce(sum(exact_wan(funds_wan)), 0)) AS funds_wan,
  (SELECT count(*) FROM c) AS departments,
  (SELECT count(*) FILTER (WHERE dept_evaluation_ok) FROM c) AS departments_ok,
  (SELECT count(*) FILTER (WHERE NOT dept_evaluation_ok) FROM c) AS departments_short,
  policy().coverage.department_evaluation_share AS required_share,
  list(DISTINCT source_file ORDER BY source_file) FILTER (WHERE source_file IS NOT NULL) AS source_files
FROM e
