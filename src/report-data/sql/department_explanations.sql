-- one row per rule applied to a project on one detail page ($page: a department's or a 行政区划's code) in a year: the explain trail, sectioned like explainProject
-- sources: pages (department_pages.sql), marts.explanations, marts.project_scores
SELECT
  -- the page that ships the row; with $page NULL every page, in key order
  pg.page_key,
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
  -- a CSV has no sheets: its "sheet" is the file's name without the extension, which says nothing the file name does not
  -- (and is a fifth of a province's trail)
  CASE WHEN e.source_sheet <> regexp_replace(regexp_extract(e.source_file, '[^/\\]+$'), '\.[^.]*$', '') THEN e.source_sheet END AS source_sheet,
  e.source_row
FROM marts.explanations e
JOIN marts.project_scores p ON p.year = e.year AND p.project_code = e.project_code
JOIN pages pg ON pg.dept_code = coalesce(p.dept_code, p.department)
-- this page only: a page ships no other department's (行政区划's) trail
WHERE $page::VARCHAR IS NULL OR pg.page_key = $page
ORDER BY pg.page_key, e.year, e.project_code, e.seq
