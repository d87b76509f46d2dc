-- one row per indicator per checkpoint per project: progress against the time-proportional target and its light [PMKPI]
WITH m AS (
  -- the latest import's row of each indicator at each checkpoint, then the first in its sheet
  SELECT * FROM staging.stg_monitoring
  WHERE row_id IN (
    SELECT arg_max(row_id, newest_first(import_id, source_row)) FROM staging.stg_monitoring
    WHERE indicator IS NOT NULL GROUP BY year, project_code, month, indicator
  )
),
joined AS (
  SELECT
    m.year,
    m.period,
    m.month,
    m.project_code,
    m.indicator,
    -- the monitoring form repeats the annual target; the goal table fills what it leaves out
    coalesce(m.direction, g.direction) AS direction,
    coalesce(m.target_value, g.target_value) AS target_value,
    coalesce(m.target_raw, g.target_raw) AS target_raw,
    coalesce(m.unit, g.unit) AS unit,
    m.progress_raw,
    m.progress_value,
    m.progress_text,
    m.forecast_value,
    m.deviation_reason,
    m.likelihood,
    m.source_file,
    m.source_sheet,
    m.source_row
  FROM m
  LEFT JOIN intermediate.int_indicators g
    ON g.year = m.year AND g.project_code = m.project_code AND g.indicator = m.indicator
)
SELECT
  *,
  time_progress(month) AS time_progress,
  CASE WHEN direction IN ('ge', 'gt', 'eq') THEN target_value / 12 * month END AS expected_to_date,
  CASE WHEN direction IN ('ge', 'gt', 'eq') THEN indicator_progress(target_value, progress_value, month) END AS progress_index,
  indicator_light(direction, target_value, progress_value, coalesce(progress_text, progress_raw), month) AS light,
  -- completion of the annual target so far, on the scoring formula with weight 100 (qualitative ones left out)
  CASE WHEN direction <> 'qual' AND progress_value IS NOT NULL AND target_value IS NOT NULL
       THEN indicator_score(direction, target_value, progress_value, 100) END AS completion_pct,
  -- an amount that accrues over the year (人次, 公里, 套), not a rate, a cap or an exact value
  direction IN ('ge', 'gt') AND NOT coalesce(list_contains(policy().monitoring.rectification.rate_units, unit), FALSE) AS accrues,
  -- the share of the annual goal done so far, for the goal completion rate set against the execution rate [S4]:
  -- an indicator that does not accrue is on schedule when it meets its target (policy goal_completion)
  CASE WHEN policy().monitoring.rectification.goal_completion = 'annual' OR accrues THEN completion_pct
       ELSE round2(completion_pct * time_progress) END AS to_date_pct
FROM joined
