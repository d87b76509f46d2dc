-- one row per 预算类型 (四本预算) of the report year's projects: projects and funds, largest first
-- sources: intermediate.int_projects (projects)
SELECT
  coalesce(nullif(trim(budget_type), ''), '未注明预算类型') AS budget_type,
  count(*) AS projects,
  round2(coalesce(sum(exact_wan(budget_wan)), 0)) AS funds_wan,
  list(DISTINCT source_file ORDER BY source_file) AS source_files
FROM intermediate.int_projects
WHERE year = $year AND in_projects
GROUP BY 1
ORDER BY funds_wan DESC, budget_type
