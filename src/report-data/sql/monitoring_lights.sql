-- one row per year, checkpoint, department, fund kind, budget type, light kind and light: how many projects (or indicators) show it
-- sources: marts.monitoring, marts.monitoring_indicators, marts.project_scores
WITH lights AS (
  SELECT year, month, period, project_code, '执行灯' AS kind, 1 AS kind_order, execution_light AS light FROM marts.monitoring
  UNION ALL
  SELECT year, month, period, project_code, '指标灯', 2, light FROM marts.monitoring_indicators
  UNION ALL
  SELECT year, month, period, project_code, '项目灯', 3, project_light FROM marts.monitoring
)
SELECT
  l.year,
  l.month,
  any_value(l.period) AS period,
  coalesce(p.dept_code, p.department) AS dept_code,
  coalesce(p.department, '（未注明主管部门）') AS department,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  l.kind,
  l.kind_order,
  -- a budget of 0 gives no execution light: counted as 未计, not dropped
  coalesce(regexp_replace(light_label(l.light), '灯$', ''), '未计') AS light,
  count(*) AS n
FROM lights l
LEFT JOIN marts.project_scores p ON p.year = l.year AND p.project_code = l.project_code
GROUP BY ALL
ORDER BY l.year, l.month, department, l.kind_order, light
