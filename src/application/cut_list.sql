-- one row per project per year with a proposed cut, funds to recover or a low-efficiency finding: the cut list sent to reviewers
-- Prior decisions (cut_review, when the list comes back more than once) are filled in so a second round starts from the first.
SELECT
  a.year,
  coalesce(a.department, '（未注明主管部门）') AS department,
  a.project_code,
  a.project_name,
  ps.unit_name,
  ps.budget_wan,
  a.total_score,
  a.grade,
  a.final_grade,
  a.cap_reasons,
  a.low_efficiency_reasons,
  a.actions_text AS actions,
  a.deduction_rate,
  a.deduction_from,
  coalesce(a.deduction_wan, 0.0) AS deduction_wan,
  coalesce(a.recover_wan, 0.0) AS recover_wan,
  r.decision,
  r.decided_input_wan,
  r.note,
  r.reviewer
FROM marts.application a
JOIN marts.project_scores ps ON ps.year = a.year AND ps.project_code = a.project_code
LEFT JOIN cut_review r ON r.year = a.year AND r.project_code = a.project_code
WHERE (CAST($year AS INTEGER) IS NULL OR a.year = CAST($year AS INTEGER))
  AND (coalesce(a.deduction_wan, 0) > 0 OR coalesce(a.recover_wan, 0) > 0 OR len(a.low_efficiency_rules) > 0)
ORDER BY a.year, department, deduction_wan DESC, a.project_code
