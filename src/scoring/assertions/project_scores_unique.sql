-- one row per (year, project_code) that appears more than once in project_scores (zero rows = pass)
SELECT year, project_code, count(*) AS copies
FROM marts.project_scores
GROUP BY year, project_code
HAVING count(*) > 1
