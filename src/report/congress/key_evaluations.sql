-- one row per report: 财政重点评价 of the evaluated year — count and funds against the required minimum and last year, budget types covered [S1][S4]
-- sources: marts.key_evaluations (evaluations, projects), staging.stg_evaluations (evaluations)
WITH k AS (
  SELECT * FROM marts.key_evaluations WHERE year = $eval_year
)
SELECT
  coalesce((SELECT key_evaluation_count FROM k), 0) AS count,
  round(coalesce((SELECT key_evaluation_wan FROM k), 0), 2) AS funds_wan,
  CAST(policy().coverage.key_evaluation_min_count AS INTEGER) AS required,
  (SELECT last_year_wan FROM k) AS last_year_wan,
  coalesce((SELECT array_to_string(budget_types_covered, '、') FROM k), '') AS budget_types,
  coalesce((SELECT issues FROM k), '') AS issues,
  (SELECT list(DISTINCT source_file ORDER BY source_file) FROM staging.stg_evaluations
    WHERE year = $eval_year AND eval_type = policy().coverage.key_evaluation_type) AS source_files
