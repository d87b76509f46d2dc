-- one row per sheet of an import: what each file loaded, sheet by sheet
SELECT
  s.import_id,
  i.file_name,
  i.imported_at,
  i.active,
  s.sheet,
  s.table_name,
  -- the record kinds' Chinese names as the loaders print them (loaders/layout/fields.ts); a form sheet loads into several, joined by '+'
  array_to_string(list_transform(string_split(s.table_name, '+'), t -> CASE t
    WHEN 'projects' THEN '项目预算执行' WHEN 'goal_indicators' THEN '绩效目标' WHEN 'monitoring' THEN '绩效监控'
    WHEN 'selfeval_indicators' THEN '绩效自评（指标）' WHEN 'selfeval_totals' THEN '绩效自评（项目）' WHEN 'evaluations' THEN '评价结果'
    WHEN 'findings' THEN '问题清单' WHEN 'dept_overall' THEN '部门整体' WHEN 'cut_decisions' THEN '扣减审核意见'
    ELSE t END), '、') AS table_label,
  s.layout,
  s.header_row,
  s.unit,
  s.rows_loaded,
  s.rows_rejected,
  s.warnings
FROM import_sheets s
LEFT JOIN imports i USING (import_id)
ORDER BY s.import_id, s.sheet
