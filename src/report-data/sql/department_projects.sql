-- one row per project per year on one detail page ($page: a department's code, or a 行政区划's code when the database holds several): funds, scores, grades, caps, cut
-- sources: marts.project_scores, marts.application, pages (department_pages.sql)
SELECT
  -- the page that ships the row; with $page NULL every page, in key order
  pg.page_key,
  pg.dept_code,
  pg.department,
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
JOIN pages pg ON pg.dept_code = coalesce(p.dept_code, p.department)
LEFT JOIN marts.application a ON a.year = p.year AND a.project_code = p.project_code
-- this page only: a page ships no other department's (行政区划's) projects
WHERE $page::VARCHAR IS NULL OR pg.page_key = $page
ORDER BY pg.page_key, pg.dept_code, p.year, p.project_code
