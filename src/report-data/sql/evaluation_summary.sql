-- one row per year, department, fund kind and budget type: self-evaluated projects, their budget, recomputed scores, final grades, caps and inflated self-scores
-- sources: marts.project_scores
SELECT
  p.year,
  coalesce(p.dept_code, p.department) AS dept_code,
  coalesce(p.department, '（未注明主管部门）') AS department,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  count(*) AS projects,
  coalesce(sum(p.budget_wan), 0) AS budget_wan,
  -- the mean over filters is sum ÷ count, so both travel
  coalesce(sum(p.total_score), 0) AS score_sum,
  count(p.total_score) AS scored_projects,
  count(*) FILTER (WHERE p.final_grade = grade_label(1)) AS grade_1,
  count(*) FILTER (WHERE p.final_grade = grade_label(2)) AS grade_2,
  count(*) FILTER (WHERE p.final_grade = grade_label(3)) AS grade_3,
  count(*) FILTER (WHERE p.final_grade = grade_label(4)) AS grade_4,
  count(*) FILTER (WHERE p.capped) AS capped_projects,
  count(*) FILTER (WHERE coalesce(p.inflated, FALSE)) AS inflated_projects
FROM marts.project_scores p
-- the same projects as evaluation_projects.sql: without a self-evaluation there is no score yet
WHERE p.has_selfeval
GROUP BY ALL
ORDER BY p.year, department, dept_code, fund_kind, budget_type
