-- one row per indicator of a self-evaluated project of a year: the 绩效指标 rows of its 项目支出绩效自评表, in goal-table order
-- Targets and weights from the goal table when present, else from the self-evaluation (intermediate.int_indicators merges them).
SELECT
  i.project_code,
  i.level1,
  i.level2,
  i.indicator,
  i.direction,
  i.target_value,
  i.target_text,
  i.target_raw,
  i.unit,
  i.weight,
  i.actual_raw,
  i.actual_value,
  i.actual_text,
  i.reported_score AS score,
  i.deviation_note
FROM intermediate.int_indicators i
JOIN intermediate.int_projects p ON p.year = i.year AND p.project_code = i.project_code
WHERE i.year = $year
  AND p.has_selfeval
  AND NOT ($public AND p.classified)
ORDER BY
  i.project_code,
  CASE WHEN i.level1 LIKE '产出%' THEN 1 WHEN i.level1 LIKE '效益%' THEN 2 WHEN i.level1 LIKE '满意度%' THEN 3 ELSE 4 END,
  coalesce(i.goal_source_row, i.source_row),
  i.indicator
