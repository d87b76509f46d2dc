-- one row per project per year with a proposed cut or a reviewer's decision: the proposal beside the decision read back from the returned cut list
-- Not a mart: decisions arrive after scoring, so this is read live (as the temp view cut_review) wherever it is shown.
WITH d AS (
  SELECT
    year,
    trim(project_code) AS project_code,
    trim(decision) AS decision,
    CAST(decided_cut_wan AS DOUBLE) AS decided_input_wan,
    note,
    reviewer,
    source_file,
    source_sheet,
    source_row
  FROM main.cut_decisions
  -- the latest active import of a decision wins
  WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
  QUALIFY row_number() OVER (PARTITION BY year, trim(project_code) ORDER BY import_id DESC, source_row) = 1
)
SELECT
  a.year,
  a.project_code,
  a.project_name,
  a.department,
  a.total_score,
  a.final_grade,
  a.deduction_rate,
  a.deduction_from,
  coalesce(a.deduction_wan, 0.0) AS proposed_cut_wan,
  d.decision,
  d.decided_input_wan,
  -- 同意 keeps the proposal, 调整 takes the reviewer's amount, 不同意 drops the cut; no decision yet → NULL
  CASE d.decision
    WHEN '同意' THEN coalesce(a.deduction_wan, 0.0)
    WHEN '调整' THEN d.decided_input_wan
    WHEN '不同意' THEN 0.0
  END AS decided_cut_wan,
  CASE
    WHEN d.decision IS NULL THEN '待审核'
    WHEN d.decision = '同意' THEN '同意'
    WHEN d.decision = '不同意' THEN '不同意'
    WHEN d.decision = '调整' AND d.decided_input_wan IS NULL THEN '调整（缺审定扣减金额）'
    WHEN d.decision = '调整' THEN '调整'
    ELSE '无法识别的审核决定：' || d.decision
  END AS status,
  d.note,
  d.reviewer,
  a.source_file,
  d.source_file AS decision_source_file,
  d.source_sheet AS decision_source_sheet,
  d.source_row AS decision_source_row
FROM marts.application a
LEFT JOIN d ON d.year = a.year AND d.project_code = a.project_code
WHERE coalesce(a.deduction_wan, 0) > 0 OR d.project_code IS NOT NULL
