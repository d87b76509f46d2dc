-- one row per 资金性质 (fund kind) of the report year's projects with goals: projects and funds, largest first
-- sources: intermediate.int_projects (projects), intermediate.int_indicators (goal_indicators)
WITH g AS (
  SELECT DISTINCT project_code
  FROM intermediate.int_indicators
  WHERE year = $year AND (in_goals OR target_value IS NOT NULL OR target_text IS NOT NULL)
),
p AS (
  SELECT * FROM intermediate.int_projects
  WHERE year = $year AND in_projects AND project_code IN (SELECT project_code FROM g)
)
SELECT
  coalesce(nullif(trim(fund_kind), ''), '未注明资金性质') AS fund_kind,
  count(*) AS projects,
  round2(coalesce(sum(exact_wan(budget_wan)), 0)) AS funds_wan,
  CASE WHEN sum(sum(budget_wan)) OVER () > 0 THEN sum(budget_wan) / sum(sum(budget_wan)) OVER () END AS share,
  list(DISTINCT source_file ORDER BY source_file) AS source_files
FROM p
GROUP BY 1
ORDER BY funds_wan DESC, fund_kind
