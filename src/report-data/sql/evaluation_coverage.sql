-- one row per department per year: department evaluations against the share of the project budget they must cover
-- sources: marts.coverage
SELECT
  year,
  coalesce(dept_code, department) AS dept_code,
  department,
  project_count,
  CAST(budget_wan AS DOUBLE) AS budget_wan,
  selfeval_projects,
  selfeval_coverage,
  dept_evaluated_projects,
  CAST(dept_evaluated_wan AS DOUBLE) AS dept_evaluated_wan,
  dept_evaluation_share,
  CAST(policy().coverage.department_evaluation_share AS DOUBLE) AS required_share,
  dept_evaluation_required_wan,
  dept_evaluation_ok,
  issues
FROM marts.coverage
ORDER BY year, department
