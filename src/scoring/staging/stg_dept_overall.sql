-- one row per unit per year per active import (部门整体)
SELECT
  year,
  trim(unit_code) AS unit_code,
  unit_name,
  overall_budget_wan,
  goals_set,
  self_score,
  monitoring_done,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.dept_overall
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
