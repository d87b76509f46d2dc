-- one row per low-efficiency criterion (低效无效资金) met in the evaluated year: projects and their funds (a project may meet several)
-- sources: marts.low_efficiency (project_scores, projects), marts.project_scores
WITH l AS (
  -- the overlap rule gives one row per similar project: count each project once per criterion
  SELECT DISTINCT rule_id, project_code, source_file
  FROM marts.low_efficiency
  WHERE year = $eval_year
)
SELECT
  CASE l.rule_id
    WHEN 'S1.low.grade' THEN '评价结果为差'
    WHEN 'S1.low.execution' THEN '年末预算执行率偏低'
    WHEN 'S1.low.score_years' THEN '连续多年评价得分偏低'
    WHEN 'S1.low.idle_carryover' THEN '结转资金长期沉淀'
    WHEN 'S1.low.overlap' THEN '疑似交叉重复'
    ELSE l.rule_id
  END AS reason,
  l.rule_id,
  count(*) AS projects,
  round2(coalesce(sum(exact_wan(p.budget_wan)), 0)) AS funds_wan,
  list(DISTINCT l.source_file ORDER BY l.source_file) AS source_files
FROM l
JOIN marts.project_scores p ON p.year = $eval_year AND p.project_code = l.project_code
GROUP BY l.rule_id
ORDER BY projects DESC, l.rule_id
