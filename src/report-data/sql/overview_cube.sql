-- one row per year, department, unit, fund kind and budget type: additive project figures that the 总览 page filters and sums
WITH p AS (
  SELECT
    *,
    -- the department key of marts.coverage, so coverage figures agree across pages
    coalesce(department, dept_code, '（未知部门）') AS dept_key,
    coalesce(unit_code, unit_name) AS unit_key
  FROM marts.project_scores
),
goals AS (
  -- a project has goals by the rule marts.coverage and marts.goal_quality share
  SELECT year, project_code FROM marts.goal_quality WHERE has_goals
),
monitored AS (
  SELECT year, project_code, bool_or(rectification_warning) AS rectification_warning
  FROM marts.monitoring
  GROUP BY year, project_code
),
low_eff AS (
  -- any default criterion of 低效无效资金 makes a project a candidate (RULES §5)
  SELECT DISTINCT year, project_code FROM marts.low_efficiency
)
SELECT
  p.year,
  p.dept_key AS department,
  p.unit_key AS unit,
  coalesce(p.fund_kind, '（未填）') AS fund_kind,
  coalesce(p.budget_type, '（未填）') AS budget_type,
  count(*) AS projects,
  CAST(coalesce(sum(p.budget_wan), 0) AS DOUBLE) AS budget_wan,
  CAST(coalesce(sum(p.executed_wan), 0) AS DOUBLE) AS executed_wan,
  count(g.project_code) AS goal_projects,
  count(m.project_code) AS monitored_projects,
  count(*) FILTER (WHERE p.has_selfeval) AS selfeval_projects,
  count(*) FILTER (WHERE p.final_grade_rank = 1) AS grade_1,
  count(*) FILTER (WHERE p.final_grade_rank = 2) AS grade_2,
  count(*) FILTER (WHERE p.final_grade_rank = 3) AS grade_3,
  count(*) FILTER (WHERE p.final_grade_rank = 4) AS grade_4,
  count(*) FILTER (WHERE p.final_grade_rank IS NULL) AS ungraded,
  count(*) FILTER (WHERE p.capped) AS capped_projects,
  count(*) FILTER (WHERE m.rectification_warning) AS rectification_projects,
  count(*) FILTER (WHERE p.mismatch_warning) AS mismatch_projects,
  count(*) FILTER (WHERE p.inflated) AS inflated_projects,
  count(*) FILTER (WHERE p.deduction_wan > 0) AS cut_projects,
  CAST(coalesce(sum(p.deduction_wan), 0) AS DOUBLE) AS deduction_wan,
  count(l.project_code) AS low_efficiency_projects,
  CAST(coalesce(sum(p.budget_wan) FILTER (WHERE l.project_code IS NOT NULL), 0) AS DOUBLE) AS low_efficiency_wan
FROM p
LEFT JOIN goals g ON g.year = p.year AND g.project_code = p.project_code
LEFT JOIN monitored m ON m.year = p.year AND m.project_code = p.project_code
LEFT JOIN low_eff l ON l.year = p.year AND l.project_code = p.project_code
GROUP BY ALL
ORDER BY ALL
