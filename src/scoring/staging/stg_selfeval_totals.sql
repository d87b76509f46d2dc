-- one row per project per year per active import: the self-evaluation's fund block and reported total
SELECT
  year,
  trim(project_code) AS project_code,
  trim(project_name) AS project_name,
  dept_name,
  unit_name,
  initial_budget_wan,
  budget_wan,
  executed_wan,
  carryover_budget_wan,
  carryover_executed_wan,
  fiscal_budget_wan,
  other_budget_wan,
  reported_execution_score,
  reported_score,
  conclusion,
  overall_goal,
  overall_result,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.selfeval_totals
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
