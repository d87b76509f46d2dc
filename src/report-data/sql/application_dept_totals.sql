-- one row per year, department, fund kind and budget type: next year's cuts, recoveries and low-efficiency projects
-- sources: marts.application, marts.project_scores
SELECT
  a.year,
  coalesce(p.dept_code, p.department) AS dept_code,
  coalesce(a.department, '（未注明主管部门）') AS department,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  count(*) AS projects,
  coalesce(sum(p.budget_wan), 0) AS budget_wan,
  count(*) FILTER (WHERE a.deduction_wan > 0) AS cut_projects,
  coalesce(sum(a.deduction_wan), 0) AS deduction_wan,
  coalesce(sum(a.project_cut_wan), 0) AS project_cut_wan,
  coalesce(sum(a.department_cut_wan), 0) AS department_cut_wan,
  coalesce(sum(a.recover_wan), 0) AS recover_wan,
  count(*) FILTER (WHERE len(a.low_efficiency_rules) > 0) AS low_efficiency_projects
FROM marts.application a
JOIN marts.project_scores p ON p.year = a.year AND p.project_code = a.project_code
GROUP BY ALL
ORDER BY a.year, department
