-- one row per indicator per project per year on one detail page ($page: a department's or a 行政区划's code): target, actual, weight, recomputed and reported score
-- sources: pages (department_pages.sql), marts.indicator_scores, marts.project_scores
SELECT
  -- the page that ships the row; with $page NULL every page, in key order
  pg.page_key,
  i.year,
  i.project_code,
  i.level1,
  i.level2,
  i.indicator,
  CASE i.direction WHEN 'ge' THEN '≥' WHEN 'gt' THEN '>' WHEN 'eq' THEN '=' WHEN 'le' THEN '≤' WHEN 'lt' THEN '<' WHEN 'qual' THEN '定性'
       ELSE i.direction END AS direction,
  coalesce(i.target_raw, i.target_text) AS target,
  i.unit,
  coalesce(i.actual_raw, i.actual_text) AS actual,
  i.weight,
  i.effective_weight,
  i.score,
  i.reported_score,
  i.completion_ratio,
  i.rule_id,
  nullif(array_to_string(list_filter([
    CASE WHEN i.not_applicable THEN '不适用' END,
    CASE WHEN i.over_achievement THEN '超额完成' END,
    CASE WHEN i.qualitative_out_of_band THEN '定性得分超出档位' END,
    CASE WHEN i.missing_target THEN '缺目标值' END,
    CASE WHEN i.missing_actual THEN '缺实际值' END,
    CASE WHEN i.no_weight THEN '未设分值' END
  ], lambda x: x IS NOT NULL), '、'), '') AS flags
FROM marts.indicator_scores i
JOIN marts.project_scores p ON p.year = i.year AND p.project_code = i.project_code
JOIN pages pg ON pg.dept_code = coalesce(p.dept_code, p.department)
-- this page only: a page ships no other department's (行政区划's) indicators
WHERE $page::VARCHAR IS NULL OR pg.page_key = $page
ORDER BY pg.page_key, i.year, i.project_code, i.level1, i.level2, i.source_row, i.indicator
