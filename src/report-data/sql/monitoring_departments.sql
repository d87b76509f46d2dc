-- one row per year, checkpoint, department, fund kind and budget type: projects, budget and spending to date, red lights, warnings
-- sources: marts.monitoring, marts.project_scores
SELECT
  m.year,
  m.month,
  any_value(m.period) AS period,
  any_value(m.time_progress) AS time_progress,
  coalesce(p.dept_code, p.department) AS dept_code,
  coalesce(p.department, '（未注明主管部门）') AS department,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  count(*) AS projects,
  coalesce(sum(m.budget_wan), 0) AS budget_wan,
  coalesce(sum(m.executed_wan), 0) AS executed_wan,
  count(*) FILTER (WHERE regexp_replace(light_label(m.project_light), '灯$', '') = '红') AS red_projects,
  count(*) FILTER (WHERE m.rectification_warning) AS rectification_projects,
  count(*) FILTER (WHERE m.consecutive_failures >= policy().monitoring.consecutive_failures) AS repeated_failure_projects
FROM marts.monitoring m
LEFT JOIN marts.project_scores p ON p.year = m.year AND p.project_code = m.project_code
GROUP BY ALL
ORDER BY m.year, m.month, department
