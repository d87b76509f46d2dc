-- one row per project per year with at least one goal-quality problem: the 绩效目标 page's list
SELECT
  gq.year,
  coalesce(gq.department, p.dept_code, '（未知部门）') AS department,
  gq.project_code,
  gq.project_name,
  CAST(p.budget_wan AS DOUBLE) AS budget_wan,
  gq.level3_count,
  gq.quantifiable_share,
  len(gq.flags) AS issue_count,
  array_to_string(list_transform(gq.flags, f -> f.rule_id), ',') AS rule_ids,
  array_to_string(list_transform(gq.flags, f -> f.message), '；') AS issues
FROM marts.goal_quality gq
LEFT JOIN marts.project_scores p ON p.year = gq.year AND p.project_code = gq.project_code
-- projects without problems have nothing to list; the page counts them from goals_by_dept
WHERE len(gq.flags) > 0
ORDER BY gq.year, department, gq.project_code
