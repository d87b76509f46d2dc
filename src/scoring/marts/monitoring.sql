-- one row per project per checkpoint: execution and goal lights, rectification warning, consecutive failed reviews
WITH m AS (
  -- the latest import of a checkpoint wins
  SELECT * FROM staging.stg_monitoring
  WHERE (year, project_code, month, import_id) IN (
    SELECT (year, project_code, month, max(import_id)) FROM staging.stg_monitoring GROUP BY year, project_code, month
  )
),
checkpoints AS (
  SELECT
    year,
    project_code,
    month,
    arg_min(period, source_row) AS period,
    CAST(max(budget_wan) AS DOUBLE) AS budget_wan,
    CAST(max(executed_wan) AS DOUBLE) AS executed_wan,
    min(review_score) AS review_score,
    bool_or(rectified) AS rectified,
    arg_min(source_file, source_row) AS source_file,
    arg_min(source_sheet, source_row) AS source_sheet,
    min(source_row) AS source_row
  FROM m
  GROUP BY year, project_code, month
),
indicators AS (
  SELECT
    year,
    project_code,
    month,
    count(*) AS indicator_count,
    max(light_rank(light)) AS worst_indicator_rank,
    count(*) FILTER (WHERE light = 'red') AS red_indicators,
    avg(to_date_pct) AS goal_completion_pct
  FROM marts.monitoring_indicators
  GROUP BY year, project_code, month
),
lit AS (
  SELECT
    c.year,
    c.period,
    c.month,
    c.project_code,
    p.project_name,
    p.department,
    -- the checkpoint's budget, else the year's
    coalesce(c.budget_wan, p.budget_wan) AS budget_wan,
    c.executed_wan,
    time_progress(c.month) AS time_progress,
    execution_rate(coalesce(c.budget_wan, p.budget_wan), c.executed_wan) AS execution_rate,
    execution_progress(coalesce(c.budget_wan, p.budget_wan), c.executed_wan, c.month) AS execution_index,
    execution_light(execution_index) AS execution_light,
    coalesce(i.indicator_count, 0) AS indicator_count,
    coalesce(i.red_indicators, 0) AS red_indicators,
    light_of_rank(i.worst_indicator_rank) AS indicator_light,
    -- project light = worst of execution and indicators
    light_of_rank(greatest(light_rank(execution_light), i.worst_indicator_rank)) AS project_light,
    round2(i.goal_completion_pct) AS goal_completion_pct,
    c.review_score,
    coalesce(c.rectified, FALSE) AS rectified,
    c.source_file,
    c.source_sheet,
    c.source_row
  FROM checkpoints c
  LEFT JOIN indicators i ON i.year = c.year AND i.project_code = c.project_code AND i.month = c.month
  LEFT JOIN intermediate.int_projects p ON p.year = c.year AND p.project_code = c.project_code
),
warned AS (
  SELECT
    *,
    round2(abs(execution_rate * 100 - goal_completion_pct)) AS execution_goal_gap_points,
    coalesce(review_score < policy().monitoring.rectification.review_below, FALSE) AS review_failed,
    coalesce(execution_goal_gap_points > policy().monitoring.rectification.gap_points, FALSE) AS gap_too_wide,
    -- rectification notice: review below the line, or execution and goal completion too far apart [S4]
    review_failed OR gap_too_wide AS rectification_warning,
    (CASE WHEN policy().monitoring.failure_basis = 'review' THEN review_failed ELSE review_failed OR gap_too_wide END)
      AND NOT rectified AS failed_unrectified,
    -- late in the year, little spent and a large balance left → interview the unit, cut this year's budget, recover [LOCAL]
    coalesce(policy().monitoring.late_spending.enabled
             AND month >= policy().monitoring.late_spending.from_month
             AND execution_rate < policy().monitoring.late_spending.spent_below
             AND budget_wan - coalesce(executed_wan, 0) >= policy().monitoring.late_spending.balance_wan, FALSE) AS late_spending
  FROM lit
),
runs AS (
  SELECT
    *,
    -- checkpoints since the last one that did not fail: failures in a row end here
    sum(CASE WHEN failed_unrectified THEN 0 ELSE 1 END)
      OVER (PARTITION BY year, project_code ORDER BY month ROWS UNBOUNDED PRECEDING) AS run_group
  FROM warned
)
SELECT
  * EXCLUDE (run_group),
  -- the only non-failed row of a group is its first, so this counts the failures in a row ending here
  sum(CASE WHEN failed_unrectified THEN 1 ELSE 0 END)
    OVER (PARTITION BY year, project_code, run_group ORDER BY month ROWS UNBOUNDED PRECEDING) AS consecutive_failures,
  list_filter([
    CASE WHEN review_failed THEN format('监控审核得分 {} < {}', fmt_num(review_score), fmt_num(policy().monitoring.rectification.review_below)) END,
    CASE WHEN gap_too_wide THEN format('预算执行率 {} 与目标完成率 {}% 相差 {} 个百分点 > {}', fmt_pct(execution_rate), fmt_num(goal_completion_pct),
                                       fmt_num(execution_goal_gap_points), fmt_num(policy().monitoring.rectification.gap_points)) END
  ], lambda x: x IS NOT NULL) AS warning_reasons
FROM runs
