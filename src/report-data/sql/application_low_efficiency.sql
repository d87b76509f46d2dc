-- one row per low-efficiency reason per project per year (a project can have several), with the rule's name; at most $row_cap a year
-- sources: marts.low_efficiency, marts.project_scores
WITH findings AS (
  SELECT
    l.year,
    coalesce(p.dept_code, p.department) AS dept_code,
    coalesce(l.department, '（未注明主管部门）') AS department,
    coalesce(p.fund_kind, '（未注明）') AS fund_kind,
    coalesce(p.budget_type, '（未注明）') AS budget_type,
    l.project_code,
    l.project_name,
    CAST(p.budget_wan AS DOUBLE) AS budget_wan,
    p.total_score,
    p.final_grade,
    l.rule_id,
    CASE l.rule_id
      WHEN 'S1.low.grade' THEN '评价等级差'
      WHEN 'S1.low.execution' THEN '年末执行率低'
      WHEN 'S1.low.score_years' THEN '连续多年得分偏低'
      WHEN 'S1.low.idle_carryover' THEN '结转资金长期沉淀'
      WHEN 'S1.low.overlap' THEN '疑似交叉重复'
      ELSE l.rule_id
    END AS rule_name,
    l.reason,
    l.related_project_code,
    l.recover_wan
  FROM marts.low_efficiency l
  LEFT JOIN marts.project_scores p ON p.year = l.year AND p.project_code = l.project_code
)
SELECT
  *,
  -- all of the year's findings: the page says how many it does not list
  count(*) OVER (PARTITION BY year) AS year_findings
FROM findings
-- at most $row_cap findings a year (src/report-data/row-caps.ts): the most funds to recover, then the largest budget
QUALIFY row_number() OVER (PARTITION BY year ORDER BY recover_wan DESC NULLS LAST, budget_wan DESC NULLS LAST, project_code, rule_id) <= $row_cap
ORDER BY year, department, project_code, rule_id
