-- one row per project per year with a proposed cut, funds to recover, a low-efficiency finding or a reviewer's decision; at most $row_cap a year
-- sources: marts.application, marts.project_scores, cut_review (src/application/cut_review.sql, prepended by the loader)
WITH cuts AS (
  SELECT
    a.year,
    coalesce(p.dept_code, p.department) AS dept_code,
    coalesce(a.department, '（未注明主管部门）') AS department,
    coalesce(p.fund_kind, '（未注明）') AS fund_kind,
    coalesce(p.budget_type, '（未注明）') AS budget_type,
    a.project_code,
    a.project_name,
    CAST(p.budget_wan AS DOUBLE) AS budget_wan,
    a.total_score,
    a.final_grade,
    a.action,
    a.actions_text AS actions,
    a.deduction_rate,
    coalesce(a.deduction_wan, 0.0) AS deduction_wan,
    a.deduction_from,
    a.project_cut_wan,
    a.department_cut_wan,
    a.recover_wan,
    a.must_keep,
    a.cap_reasons,
    a.low_efficiency_reasons,
    r.status AS review_status,
    r.decided_cut_wan,
    r.note AS review_note,
    r.reviewer
  FROM marts.application a
  JOIN marts.project_scores p ON p.year = a.year AND p.project_code = a.project_code
  LEFT JOIN cut_review r ON r.year = a.year AND r.project_code = a.project_code
  -- the cut list: only projects whose budget is touched (or that a reviewer decided on); the rest are in the totals
  WHERE coalesce(a.deduction_wan, 0) > 0
     OR coalesce(a.recover_wan, 0) > 0
     OR len(a.low_efficiency_rules) > 0
     OR r.decision IS NOT NULL
)
SELECT
  *,
  -- all of the year's cut list: the page says how many it does not list (the xlsx/CSV download has them all)
  count(*) OVER (PARTITION BY year) AS year_projects
FROM cuts
-- at most $row_cap projects a year (src/report-data/row-caps.ts): those a reviewer decided on, then the largest cut,
-- then the most funds to recover
QUALIFY row_number() OVER (
  PARTITION BY year ORDER BY coalesce(review_status, '待审核') <> '待审核' DESC, deduction_wan DESC, recover_wan DESC NULLS LAST, project_code
) <= $row_cap
ORDER BY year, department, deduction_wan DESC, project_code
