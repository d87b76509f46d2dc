-- one row per final grade of the evaluated year's self-evaluated projects (best first): projects and funds after review and caps
-- sources: marts.project_scores (selfeval_totals, selfeval_indicators, goal_indicators, findings, monitoring)
SELECT
  final_grade,
  final_grade_rank,
  count(*) AS projects,
  round2(coalesce(sum(exact_wan(budget_wan)), 0)) AS funds_wan,
  list(DISTINCT coalesce(selfeval_source_file, source_file) ORDER BY coalesce(selfeval_source_file, source_file)) AS source_files
FROM marts.project_scores
WHERE year = $eval_year AND has_selfeval AND final_grade IS NOT NULL
GROUP BY final_grade, final_grade_rank
ORDER BY final_grade_rank
