-- one row per level-3 indicator per project per year per active import
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
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.goal_indicators
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
