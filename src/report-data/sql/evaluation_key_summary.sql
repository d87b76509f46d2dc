-- one row per year: finance key evaluations against the rules (≥ the minimum count, funds ≥ last year, every budget type)
-- sources: marts.key_evaluations
SELECT
  year,
  key_evaluation_count,
  key_evaluation_required,
  key_evaluation_short,
  CAST(key_evaluation_wan AS DOUBLE) AS key_evaluation_wan,
  CAST(last_year_wan AS DOUBLE) AS last_year_wan,
  count_ok,
  funds_ok,
  budget_types_ok,
  nullif(array_to_string(budget_types_covered, '、'), '') AS budget_types_covered,
  nullif(array_to_string(budget_types_missing, '、'), '') AS budget_types_missing,
  objects_by_type,
  issues
FROM marts.key_evaluations
ORDER BY year
