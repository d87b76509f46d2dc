-- one row per year, checkpoint, department, fund kind and budget type: how many projects show each execution and project light, how many indicators each indicator light (columns <kind>_<light>; the page unpivots them)
-- sources: marts.monitoring, marts.monitoring_indicators, marts.project_scores
WITH lights AS (
  SELECT year, month, period, project_code, '执行灯' AS kind, execution_light AS light FROM marts.monitoring
  UNION ALL
  SELECT year, month, period, project_code, '指标灯', light FROM marts.monitoring_indicators
  UNION ALL
  SELECT year, month, period, project_code, '项目灯', project_light FROM marts.monitoring
),
labelled AS (
  SELECT
    year, month, period, project_code, kind,
    -- a budget of 0 gives no execution light: counted as 未计, not dropped
    coalesce(regexp_replace(light_label(light), '灯$', ''), '未计') AS light
  FROM lights
)
SELECT
  l.year,
  l.month,
  any_value(l.period) AS period,
  coalesce(p.dept_code, p.department) AS dept_code,
  coalesce(p.department, '（未注明主管部门）') AS department,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  -- one column per kind and light (a province has 3,125 departments: one row per light would be 15 times the rows)
  count(*) FILTER (WHERE l.kind = '执行灯' AND l.light = '红') AS execution_red,
  count(*) FILTER (WHERE l.kind = '执行灯' AND l.light = '黄') AS execution_yellow,
  count(*) FILTER (WHERE l.kind = '执行灯' AND l.light = '绿') AS execution_green,
  count(*) FILTER (WHERE l.kind = '执行灯' AND l.light = '蓝') AS execution_blue,
  count(*) FILTER (WHERE l.kind = '执行灯' AND l.light = '未计') AS execution_none,
  count(*) FILTER (WHERE l.kind = '指标灯' AND l.light = '红') AS indicator_red,
  count(*) FILTER (WHERE l.kind = '指标灯' AND l.light = '黄') AS indicator_yellow,
  count(*) FILTER (WHERE l.kind = '指标灯' AND l.light = '绿') AS indicator_green,
  count(*) FILTER (WHERE l.kind = '指标灯' AND l.light = '蓝') AS indicator_blue,
  count(*) FILTER (WHERE l.kind = '指标灯' AND l.light = '未计') AS indicator_none,
  count(*) FILTER (WHERE l.kind = '项目灯' AND l.light = '红') AS project_red,
  count(*) FILTER (WHERE l.kind = '项目灯' AND l.light = '黄') AS project_yellow,
  count(*) FILTER (WHERE l.kind = '项目灯' AND l.light = '绿') AS project_green,
  count(*) FILTER (WHERE l.kind = '项目灯' AND l.light = '蓝') AS project_blue,
  count(*) FILTER (WHERE l.kind = '项目灯' AND l.light = '未计') AS project_none
FROM labelled l
LEFT JOIN marts.project_scores p ON p.year = l.year AND p.project_code = l.project_code
GROUP BY ALL
ORDER BY l.year, l.month, department, dept_code, fund_kind, budget_type
