-- one row per indicator of a project's self-evaluation per active import
SELECT
  rowid AS row_id, -- the raw row, for picking one row per key (macros.sql: newest_first)
  year,
  trim(project_code) AS project_code,
  trim(level1) AS level1,
  trim(level2) AS level2,
  trim(indicator) AS indicator,
  norm_direction(direction) AS direction,
  target_raw,
  target_value,
  target_text,
  nullif(trim(unit), '') AS unit,
  weight,
  actual_raw,
  actual_value,
  actual_text,
  score AS reported_score,
  deduction AS manual_deduction,
  deviation_note,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.selfeval_indicators
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
