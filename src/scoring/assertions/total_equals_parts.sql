-- one row per project whose total is not execution + Σ indicator scores (zero rows = pass)
SELECT p.year, p.project_code, p.execution_score, p.indicator_score, p.total_score, i.indicator_sum
FROM marts.project_scores p
LEFT JOIN (SELECT year, project_code, round2(sum(score)) AS indicator_sum FROM marts.indicator_scores GROUP BY year, project_code) i
  ON i.year = p.year AND i.project_code = p.project_code
WHERE p.total_score IS NOT NULL
  AND (abs(p.total_score - (p.execution_score + p.indicator_score)) > 0.005
       OR abs(p.indicator_score - coalesce(i.indicator_sum, 0)) > 0.005)
