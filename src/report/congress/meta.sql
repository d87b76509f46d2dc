-- one row per report: the years it covers and the scoring policy the marts were built with
-- sources: marts.build_info
SELECT
  CAST($year AS INTEGER) AS year,
  -- evaluations, self-evaluations and their application concern the year before the report's [S2]
  CAST($eval_year AS INTEGER) AS eval_year,
  -- results of the evaluated year shape the following year's budget
  CAST($eval_year AS INTEGER) + 1 AS applied_year,
  policy_name,
  CAST([] AS VARCHAR[]) AS source_files
FROM marts.build_info
