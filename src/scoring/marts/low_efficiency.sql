-- one row per project per year per reason: candidates for low-efficiency or ineffective funds (低效无效资金) [S1][S4]
WITH ps AS (
  SELECT * FROM marts.project_scores
),
poor_grade AS (
  SELECT year, project_code, 'S1.low.grade' AS rule_id,
         format('最终等级为{}', final_grade) AS reason,
         json_object('final_grade', final_grade, 'total_score', total_score) AS inputs,
         CAST(NULL AS VARCHAR) AS related_project_code, 0.0 AS recover_wan
  FROM ps
  WHERE list_contains(list_transform(policy().low_efficiency.grades, lambda g: grade_rank(g)), final_grade_rank)
),
low_execution AS (
  -- budget 0 has nothing to execute
  SELECT year, project_code, 'S1.low.execution' AS rule_id,
         format('年末预算执行率 {} < {}', fmt_pct(execution_rate), fmt_pct(policy().low_efficiency.execution_below)) AS reason,
         json_object('budget_wan', budget_wan, 'executed_wan', executed_wan, 'execution_rate', execution_rate) AS inputs,
         CAST(NULL AS VARCHAR), 0.0
  FROM ps
  WHERE execution_budget_wan > 0 AND execution_rate < policy().low_efficiency.execution_below
),
low_score_years AS (
  -- below the line this year and every year of the run before it
  SELECT a.year, a.project_code, 'S1.low.score_years' AS rule_id,
         format('连续 {} 年得分低于 {}（{}）', count(*), fmt_num(policy().low_efficiency.score_below),
                string_agg(format('{} 年 {}', b.year, fmt_num(b.total_score)), '、' ORDER BY b.year)) AS reason,
         json_object('years', list(b.year ORDER BY b.year), 'scores', list(b.total_score ORDER BY b.year)) AS inputs,
         CAST(NULL AS VARCHAR), 0.0
  FROM ps a
  JOIN ps b ON b.project_code = a.project_code
           AND b.year BETWEEN a.year - (policy().low_efficiency.consecutive_years - 1) AND a.year
           AND b.total_score < policy().low_efficiency.score_below
  WHERE a.total_score < policy().low_efficiency.score_below
  GROUP BY a.year, a.project_code
  HAVING count(*) >= policy().low_efficiency.consecutive_years
),
idle AS (
  -- carry-over present and unspent this many years running → recover [central rule]
  SELECT a.year, a.project_code, 'S1.low.idle_carryover' AS rule_id,
         format('结转资金连续 {} 年未使用（{}）', count(*),
                string_agg(format('{} 年结转 {} 万元、已用 {} 万元', b.year, fmt_num(b.carryover_wan), fmt_num(b.carryover_executed_wan)), '；' ORDER BY b.year)) AS reason,
         json_object('years', list(b.year ORDER BY b.year), 'carryover_wan', list(b.carryover_wan ORDER BY b.year)) AS inputs,
         CAST(NULL AS VARCHAR), max(a.carryover_unspent_wan)
  FROM intermediate.int_projects a
  JOIN intermediate.int_projects b ON b.project_code = a.project_code
                                  AND b.year BETWEEN a.year - (policy().low_efficiency.idle_years - 1) AND a.year
                                  AND b.idle_carryover
  WHERE a.idle_carryover
  GROUP BY a.year, a.project_code
  HAVING count(*) >= policy().low_efficiency.idle_years
),
overlap AS (
  -- same budget (region), same functional class, near-identical name, different units: likely 交叉重复
  SELECT a.year, a.project_code, 'S1.low.overlap' AS rule_id,
         format('与{}「{}」（{}）功能分类相同、名称相似度 {} ≥ {}，疑似交叉重复', b.project_code, b.project_name,
                coalesce(b.unit_name, b.department, '其他单位'),
                fmt_num(round(jaro_winkler_similarity(a.project_name, b.project_name), 4)), fmt_num(policy().low_efficiency.overlap_similarity)) AS reason,
         json_object('other_project', b.project_code, 'function_code', a.function_code,
                     'similarity', round(jaro_winkler_similarity(a.project_name, b.project_name), 4)) AS inputs,
         b.project_code, 0.0
  FROM intermediate.int_projects a
  JOIN intermediate.int_projects b
    ON b.year = a.year
   AND b.project_code <> a.project_code
   -- one budget's projects: a province's roll-up compares each county's projects among themselves
   AND a.region_code IS NOT DISTINCT FROM b.region_code
   AND left(a.function_code, CAST(policy().low_efficiency.overlap_function_digits AS INTEGER))
       = left(b.function_code, CAST(policy().low_efficiency.overlap_function_digits AS INTEGER))
   AND coalesce(a.unit_code, a.unit_name) IS DISTINCT FROM coalesce(b.unit_code, b.unit_name)
  WHERE jaro_winkler_similarity(a.project_name, b.project_name) >= policy().low_efficiency.overlap_similarity
),
reasons AS (
  SELECT * FROM poor_grade
  UNION ALL SELECT * FROM low_execution
  UNION ALL SELECT * FROM low_score_years
  UNION ALL SELECT * FROM idle
  UNION ALL SELECT * FROM overlap
)
SELECT
  r.year,
  r.project_code,
  ps.project_name,
  ps.department,
  r.rule_id,
  r.reason,
  r.inputs,
  r.related_project_code,
  r.recover_wan,
  ps.source_file,
  ps.source_sheet,
  ps.source_row
FROM reasons r
JOIN ps ON ps.year = r.year AND ps.project_code = r.project_code
