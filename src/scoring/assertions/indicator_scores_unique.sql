-- one row per (year, project_code, indicator) that appears more than once in indicator_scores (zero rows = pass)
SELECT year, project_code, indicator, count(*) AS copies
FROM marts.indicator_scores
GROUP BY year, project_code, indicator
HAVING count(*) > 1
