-- one row per indicator score above its weight or below 0 (zero rows = pass)
SELECT year, project_code, indicator, score, effective_weight
FROM marts.indicator_scores
WHERE score < 0 OR score > coalesce(effective_weight, 0) + 1e-9
