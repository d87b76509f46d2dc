-- one row per project whose execution score is outside [0, weight] (zero rows = pass)
SELECT year, project_code, execution_score
FROM marts.project_scores
WHERE execution_score < 0 OR execution_score > policy().execution.weight + 1e-9
