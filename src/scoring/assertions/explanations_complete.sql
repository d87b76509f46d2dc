-- one row per explanation without a rule id, or per graded project without a grade explanation (zero rows = pass)
SELECT year, project_code, subject, rule_id
FROM marts.explanations
WHERE rule_id IS NULL
UNION ALL
SELECT year, project_code, 'grade', NULL
FROM marts.project_scores p
WHERE grade IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM marts.explanations e
                  WHERE e.year = p.year AND e.project_code = p.project_code AND e.rule_id = 'MOF10.grade')
