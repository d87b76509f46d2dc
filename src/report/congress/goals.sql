-- one row per report: 项目绩效目标 — the report year's budgeted projects that set goals, their units and funds
-- sources: intermediate.int_projects (projects), intermediate.int_indicators (goal_indicators, self-evaluation forms that repeat targets)
WITH p AS (
  SELECT * FROM intermediate.int_projects WHERE year = $year AND in_projects
),
g AS (
  -- a project has goals when any of its indicators carries a target
  SELECT DISTINCT project_code, coalesce(goal_source_file, source_file) AS source_file
  FROM intermediate.int_indicators
  WHERE year = $year AND (in_goals OR target_value IS NOT NULL OR target_text IS NOT NULL)
),
pg AS (
  SELECT p.*, p.project_code IN (SELECT project_code FROM g) AS has_goals FROM p
)
SELECT
  count(DISTINCT coalesce(unit_code, unit_name, department)) FILTER (WHERE has_goals) AS units,
  count(*) FILTER (WHERE has_goals) AS projects,
  round2(coalesce(sum(exact_wan(budget_wan)) FILTER (WHERE has_goals), 0)) AS funds_wan,
  count(*) AS all_projects,
  round2(coalesce(sum(exact_wan(budget_wan)), 0)) AS all_funds_wan,
  CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE has_goals) / count(*) END AS coverage,
  (SELECT list(DISTINCT f ORDER BY f) FROM (SELECT source_file AS f FROM p UNION SELECT source_file FROM g)) AS source_files
FROM pg
