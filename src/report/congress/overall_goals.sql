-- one row per report: 部门整体绩效目标 — units that set overall goals in the report year, their overall budgets and coverage
-- sources: staging.stg_dept_overall (dept_overall), intermediate.int_projects (projects: units with projects count in the base)
WITH o AS (
  -- the latest import of a unit wins
  SELECT * FROM staging.stg_dept_overall
  WHERE year = $year
  QUALIFY row_number() OVER (PARTITION BY unit_code ORDER BY import_id DESC, source_row) = 1
),
units AS (
  -- every unit known in the year: those reporting overall goals and those with budgeted projects
  SELECT unit_code FROM o
  UNION
  SELECT unit_code FROM intermediate.int_projects WHERE year = $year AND in_projects AND unit_code IS NOT NULL
)
SELECT
  (SELECT count(*) FROM units) AS units,
  count(*) FILTER (WHERE goals_set) AS units_with_goals,
  round2(coalesce(sum(exact_wan(overall_budget_wan)) FILTER (WHERE goals_set), 0)) AS funds_wan,
  CASE WHEN (SELECT count(*) FROM units) > 0 THEN count(*) FILTER (WHERE goals_set) / (SELECT count(*) FROM units) END AS coverage,
  count(*) FILTER (WHERE monitoring_done) AS units_monitored,
  list(DISTINCT source_file ORDER BY source_file) FILTER (WHERE source_file IS NOT NULL) AS source_files
FROM o
