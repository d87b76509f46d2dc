-- one row per project per year per active import (duplicates across imports are resolved in intermediate)
SELECT
  year,
  trim(project_code) AS project_code,
  trim(project_name) AS project_name,
  region_code,
  region_name,
  dept_code,
  dept_name,
  unit_code,
  unit_name,
  project_category,
  project_attribute,
  budget_type,
  fund_kind,
  function_code,
  function_name,
  initial_budget_wan,
  budget_wan,
  executed_wan,
  carryover_wan,
  exante_conclusion,
  total_investment_wan,
  must_keep,
  classified,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.projects
-- rows of a replaced (inactive) import no longer count
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
