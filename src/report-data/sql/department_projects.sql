-- one row per project per year of one department ($dept, the department page's code): funds, scores, grades, caps, cut
-- sources: marts.project_scores, marts.application
SELECT
  -- the department whose page ships the row; with $dept NULL every department, in code order
  coalesce(p.dept_code, p.department) AS page_dept,
  p.year,
  p.project_code,
  p.project_name,
  p.unit_name,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  CAST(p.budget_wan AS DOUBLE) AS budget_wan,
  CAST(p.executed_wan AS DOUBLE) AS executed_wan,
  p.execution_rate,
  p.execution_score,
  p.indicator_score,
  p.total_score,
  p.reported_score,
  p.self_score_flag,
  p.grade,
  p.final_grade,
  p.capped,
  p.cap_reasons,
  p.warnings,
  a.action,
  p.deduction_rate,
  p.deduction_wan,
  p.deduction_from,
  a.recover_wan,
  a.low_efficiency_reasons
FROM marts.project_scores p
LEFT JOIN marts.application a ON a.year = p.year AND a.project_code = p.project_code
-- this department only: a department page ships no other department's projects
WHERE $dept::VARCHAR IS NULL OR coalesce(p.dept_code, p.department) = $dept
ORDER BY page_dept, p.year, p.project_code
