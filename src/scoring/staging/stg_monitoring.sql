-- one row per indicator per checkpoint per project per active import
SELECT
  rowid AS row_id, -- the raw row, for picking one row per key (macros.sql: newest_first)
  year,
  period,
  month,
  trim(project_code) AS project_code,
  budget_wan,
  executed_wan,
  trim(indicator) AS indicator,
  norm_direction(direction) AS direction,
  target_raw,
  target_value,
  target_text,
  nullif(trim(unit), '') AS unit,
  progress_raw,
  progress_value,
  progress_text,
  forecast_raw,
  forecast_value,
  deviation_reason,
  likelihood,
  review_score,
  rectified,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.monitoring
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
