-- one row per project per monitoring checkpoint: execution against time progress, the three lights, the rectification warning and failures in a row; at most $row_cap a checkpoint
-- sources: marts.monitoring, marts.project_scores
WITH checkpoints AS (
  SELECT
    m.year,
    m.month,
    m.period,
    m.project_code,
    coalesce(m.project_name, p.project_name) AS project_name,
    -- the same code departmentPaths() gives the department pages
    coalesce(p.dept_code, p.department, m.department) AS dept_code,
    coalesce(p.department, m.department, '（未注明主管部门）') AS department,
    coalesce(p.fund_kind, '（未注明）') AS fund_kind,
    coalesce(p.budget_type, '（未注明）') AS budget_type,
    CAST(m.budget_wan AS DOUBLE) AS budget_wan,
    CAST(m.executed_wan AS DOUBLE) AS executed_wan,
    m.execution_rate,
    m.time_progress,
    m.execution_index,
    regexp_replace(light_label(m.execution_light), '灯$', '') AS execution_light,
    regexp_replace(light_label(m.indicator_light), '灯$', '') AS indicator_light,
    regexp_replace(light_label(m.project_light), '灯$', '') AS project_light,
    m.indicator_count,
    m.red_indicators,
    -- the share of the annual goals done so far (policy goal_completion), as a ratio like the execution rate
    m.goal_completion_pct / 100 AS goal_completion,
    m.execution_goal_gap_points,
    m.review_score,
    m.rectified,
    m.review_failed,
    m.gap_too_wide,
    m.rectification_warning,
    nullif(array_to_string(m.warning_reasons, '；'), '') AS warning_reasons,
    m.consecutive_failures,
    CAST(policy().monitoring.consecutive_failures AS INTEGER) AS failures_for_cap,
    CAST(policy().monitoring.rectification.review_below AS DOUBLE) AS review_below,
    CAST(policy().monitoring.rectification.gap_points AS DOUBLE) AS gap_points,
    CAST(policy().monitoring.rectification.goal_completion AS VARCHAR) AS goal_basis
  FROM marts.monitoring m
  LEFT JOIN marts.project_scores p ON p.year = m.year AND p.project_code = m.project_code
)
SELECT
  *,
  -- all projects at the checkpoint: the page says how many it does not list
  count(*) OVER (PARTITION BY year, month) AS checkpoint_projects
FROM checkpoints
-- at most $row_cap projects a checkpoint (src/report-data/row-caps.ts), those most needing attention first: a rectification notice,
-- failures in a row reaching the cap, a red then yellow project light, then the largest budget
QUALIFY row_number() OVER (PARTITION BY year, month ORDER BY rectification_warning DESC, consecutive_failures >= failures_for_cap DESC, project_light = '红' DESC, project_light = '黄' DESC, budget_wan DESC NULLS LAST, project_code) <= $row_cap
ORDER BY year, month, department, project_code
