-- one row per rule applied to a project of one department ($dept) in a year: the explain trail, sectioned like explainProject
-- sources: marts.explanations, marts.project_scores
SELECT
  -- the department whose page ships the row; with $dept NULL every department, in code order
  coalesce(p.dept_code, p.department) AS page_dept,
  e.year,
  e.project_code,
  e.seq,
  -- sections and their order follow src/explain/explainProject.ts; any other subject is an indicator
  CASE
    WHEN e.subject = 'execution' THEN 2
    WHEN e.subject IN ('total', 'grade') THEN 3
    WHEN e.subject IN ('cap', 'final_grade') THEN 4
    WHEN e.subject IN ('self_score', 'warning') THEN 5
    WHEN e.subject IN ('cut', 'low_efficiency', 'action') THEN 6
    WHEN e.subject = 'monitoring' THEN 7
    WHEN e.subject IN ('goal_quality', 'exante') THEN 8
    WHEN e.subject = 'spot_check' THEN 9
    ELSE 1
  END AS section_order,
  CASE section_order
    WHEN 1 THEN '绩效指标' WHEN 2 THEN '预算执行' WHEN 3 THEN '总分与等级' WHEN 4 THEN '等级封顶'
    WHEN 5 THEN '自评核对与预警' WHEN 6 THEN '结果应用' WHEN 7 THEN '绩效监控' WHEN 8 THEN '目标质量与事前评估'
    ELSE '真实性抽查'
  END AS section,
  CASE WHEN section_order = 1 THEN e.subject END AS indicator,
  e.rule_id,
  e.formula,
  e.result,
  -- the file name is enough to find the export; the folder it was read from is the importer's machine
  regexp_extract(e.source_file, '[^/\\]+$') AS source_file,
  e.source_sheet,
  e.source_row
FROM marts.explanations e
JOIN marts.project_scores p ON p.year = e.year AND p.project_code = e.project_code
-- this department only: a department page ships no other department's trail
WHERE $dept::VARCHAR IS NULL OR coalesce(p.dept_code, p.department) = $dept
ORDER BY page_dept, e.year, e.project_code, e.seq
