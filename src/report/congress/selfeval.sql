-- one row per report: 单位自评 — projects of the evaluated year (the year before the report's) that were self-evaluated, their funds and coverage
-- sources: marts.project_scores (projects, selfeval_totals, selfeval_indicators, goal_indicators), intermediate.int_indicators (selfeval_indicators)
WITH p AS (
  SELECT * FROM marts.project_scores WHERE year = $eval_year
)
SELECT
  CAST($eval_year AS INTEGER) AS eval_year,
  count(*) FILTER (WHERE has_selfeval) AS projects,
  round2(coalesce(sum(exact_wan(budget_wan)) FILTER (WHERE has_selfeval), 0)) AS funds_wan,
  count(*) AS all_projects,
  CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE has_selfeval) / count(*) END AS coverage,
  round(avg(total_score) FILTER (WHERE has_selfeval), 2) AS average_score,
  count(*) FILTER (WHERE has_selfeval AND reported_score IS NOT NULL) AS reported,
  count(*) FILTER (WHERE inflated) AS inflated,
  count(*) FILTER (WHERE capped) AS capped,
  (SELECT list(DISTINCT f ORDER BY f) FROM (
     SELECT source_file AS f FROM p WHERE source_file IS NOT NULL
     UNION SELECT selfeval_source_file FROM p WHERE selfeval_source_file IS NOT NULL
     UNION SELECT source_file FROM intermediate.int_indicators WHERE year = $eval_year AND in_selfeval)) AS source_files
FROM p
