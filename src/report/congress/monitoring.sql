-- one row per report: 绩效监控 — checkpoints held in the report year, projects covered, rectification warnings and their rectification
-- sources: marts.monitoring (monitoring), intermediate.int_projects (projects)
WITH m AS (
  SELECT * FROM marts.monitoring WHERE year = $year
),
p AS (
  SELECT project_code FROM intermediate.int_projects WHERE year = $year AND in_projects
),
rounds AS (
  SELECT month, min(period) AS period FROM m GROUP BY month
)
SELECT
  (SELECT count(*) FROM rounds) AS rounds,
  (SELECT string_agg(period, '、' ORDER BY month) FROM rounds) AS periods,
  (SELECT count(DISTINCT project_code) FROM m WHERE project_code IN (SELECT project_code FROM p)) AS projects,
  (SELECT count(*) FROM p) AS all_projects,
  CASE WHEN (SELECT count(*) FROM p) > 0
       THEN (SELECT count(DISTINCT project_code) FROM m WHERE project_code IN (SELECT project_code FROM p)) / (SELECT count(*) FROM p) END
    AS coverage,
  count(*) AS checkpoints,
  -- a rectification notice goes out for each failed checkpoint of a project [S4]
  count(*) FILTER (WHERE rectification_warning) AS warnings,
  count(DISTINCT project_code) FILTER (WHERE rectification_warning) AS warned_projects,
  count(*) FILTER (WHERE rectification_warning AND rectified) AS rectified,
  count(*) FILTER (WHERE rectification_warning AND NOT rectified) AS unrectified,
  list(DISTINCT source_file ORDER BY source_file) FILTER (WHERE source_file IS NOT NULL) AS source_files
FROM m
