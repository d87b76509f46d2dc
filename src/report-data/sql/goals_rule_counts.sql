-- one row per year per department per goal-quality rule that fired: projects flagged by it
SELECT
  gq.year,
  -- the department key of marts.coverage, so departments agree across pages
  coalesce(gq.department, p.dept_code, '（未知部门）') AS department,
  f.rule_id,
  count(*) AS projects
FROM marts.goal_quality gq
LEFT JOIN marts.project_scores p ON p.year = gq.year AND p.project_code = gq.project_code,
  unnest(gq.flags) AS u(f)
GROUP BY ALL
ORDER BY ALL
