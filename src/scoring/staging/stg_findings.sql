-- one row per finding (审计 / 监督检查 / 绩效监控 / 真实性核查) per active import
SELECT
  year,
  trim(project_code) AS project_code,
  trim(source) AS source,
  description,
  trim(severity) AS severity,
  rectified,
  trim(verification) AS verification,
  import_id,
  source_file,
  source_sheet,
  source_row
FROM main.findings
WHERE import_id NOT IN (SELECT import_id FROM main.imports WHERE NOT active)
