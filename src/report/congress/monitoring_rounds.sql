-- one row per monitoring checkpoint of the report year: projects, spending to date, warnings
-- sources: marts.monitoring (monitoring)
SELECT
  min(period) AS period,
  month,
  count(DISTINCT project_code) AS projects,
  round2(coalesce(sum(exact_wan(budget_wan)), 0)) AS budget_wan,
  round2(coalesce(sum(exact_wan(executed_wan)), 0)) AS executed_wan,
  CASE WHEN sum(budget_wan) > 0 THEN sum(executed_wan) / sum(budget_wan) END AS execution_rate,
  count(*) FILTER (WHERE rectification_warning) AS warnings,
  count(*) FILTER (WHERE rectification_warning AND rectified) AS rectified,
  list(DISTINCT source_file ORDER BY source_file) AS source_files
FROM marts.monitoring
WHERE year = $year
GROUP BY month
ORDER BY month
