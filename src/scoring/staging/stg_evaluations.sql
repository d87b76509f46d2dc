-- one row per evaluated object (部门评价 / 财政重点评价) per active import
SELECT
  year,
  trim(eval_type) AS eval_type,
  trim(object_type) AS object_type,
  nullif(trim(project_code), '') AS project_code,
  nullif(trim(unit_code), '') AS unit_code,
  object_name,
  nullif(trim(evaluator), '') AS evaluator,
  amount_wan,
  score,
  grade,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.evaluations
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
