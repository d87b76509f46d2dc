-- one row per year per department: goal-quality problems counted in projects (a project can have several)
WITH g AS (
  SELECT
    gq.*,
    -- the department key of marts.coverage, so departments agree across pages
    coalesce(gq.department, p.dept_code, '（未知部门）') AS dept_key,
    list_transform(gq.flags, f -> f.rule_id) AS rules,
    p.budget_wan
  FROM marts.goal_quality gq
  LEFT JOIN marts.project_scores p ON p.year = gq.year AND p.project_code = gq.project_code
)
SELECT
  year,
  dept_key AS department,
  count(*) AS projects,
  CAST(coalesce(sum(budget_wan), 0) AS DOUBLE) AS budget_wan,
  count(*) FILTER (WHERE has_goals) AS goal_projects,
  count(*) FILTER (WHERE len(flags) > 0) AS flagged_projects,
  count(*) FILTER (WHERE list_contains(rules, 'S1.goal.missing')) AS no_goals,
  count(*) FILTER (WHERE list_contains(rules, 'S0.goal.level3_count')) AS too_few_level3,
  count(*) FILTER (WHERE list_contains(rules, 'S0.goal.quantifiable_share')) AS low_quantifiable,
  count(*) FILTER (WHERE list_contains(rules, 'S0.goal.level1')) AS level1_incomplete,
  count(*) FILTER (WHERE list_has_any(rules, ['S0.goal.level2', 'MOF10.goal.level_weights'])) AS structure_issues,
  -- the [LOCAL] sanity checks of RULES §3
  count(*) FILTER (WHERE list_has_any(rules, ['LOCAL.goal.cost_direction', 'LOCAL.goal.percent_over_100', 'LOCAL.goal.missing_unit', 'LOCAL.goal.fund_total']))
    AS sanity_failures,
  -- averages over projects that have a goal table at all
  avg(level3_count) FILTER (WHERE has_goals) AS avg_level3,
  avg(quantifiable_share) FILTER (WHERE has_goals) AS avg_quantifiable_share
FROM g
GROUP BY year, dept_key
ORDER BY year, department
