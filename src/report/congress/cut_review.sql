-- one row per project of the evaluated year with a proposed cut: the proposal and the reviewer's decision, largest cuts first
-- sources: cut_review (src/application/cut_review.sql: marts.application, cut_decisions)
SELECT
  department,
  project_code,
  project_name,
  total_score,
  final_grade,
  deduction_rate,
  proposed_cut_wan,
  status,
  decided_cut_wan,
  list_filter([source_file, decision_source_file], lambda f: f IS NOT NULL) AS source_files
FROM cut_review
WHERE year = $eval_year AND proposed_cut_wan > 0
ORDER BY proposed_cut_wan DESC, department, project_code
