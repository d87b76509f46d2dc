-- one row per project whose final grade differs from its grade without a cap reason, or was raised (zero rows = pass)
SELECT year, project_code, grade, final_grade, cap_reasons
FROM marts.project_scores
WHERE (final_grade_rank > grade_rank AND (cap_reasons IS NULL OR len(cap_rule_ids) = 0))
   OR final_grade_rank < grade_rank
