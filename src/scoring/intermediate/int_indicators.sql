-- one row per indicator per project per year: goal_indicators merged with selfeval_indicators on (year, project_code, indicator)
-- (the latest import's row of each indicator, then the first in its sheet)
WITH g AS (
  SELECT * FROM staging.stg_goal_indicators
  WHERE row_id IN (SELECT arg_max(row_id, newest_first(import_id, source_row)) FROM staging.stg_goal_indicators GROUP BY year, project_code, indicator)
),
s AS (
  SELECT * FROM staging.stg_selfeval_indicators
  WHERE row_id IN (SELECT arg_max(row_id, newest_first(import_id, source_row)) FROM staging.stg_selfeval_indicators GROUP BY year, project_code, indicator)
),
merged AS (
  SELECT
    coalesce(g.year, s.year) AS year,
    coalesce(g.project_code, s.project_code) AS project_code,
    coalesce(g.level1, s.level1) AS level1,
    coalesce(g.level2, s.level2) AS level2,
    coalesce(g.indicator, s.indicator) AS indicator,
    -- targets and weights from the goal table when present, else from the self-evaluation form
    coalesce(g.direction, s.direction) AS given_direction,
    coalesce(g.target_value, s.target_value) AS target_value,
    coalesce(g.target_text, s.target_text) AS target_text,
    coalesce(g.target_raw, s.target_raw) AS target_raw,
    coalesce(g.unit, s.unit) AS unit,
    coalesce(g.weight, s.weight) AS weight,
    s.actual_value,
    s.actual_text,
    s.actual_raw,
    s.reported_score,
    s.manual_deduction,
    s.deviation_note,
    g.indicator IS NOT NULL AS in_goals,
    s.indicator IS NOT NULL AS in_selfeval,
    coalesce(s.source_file, g.source_file) AS source_file,
    CASE WHEN s.indicator IS NOT NULL THEN s.source_sheet ELSE g.source_sheet END AS source_sheet,
    CASE WHEN s.indicator IS NOT NULL THEN s.source_row ELSE g.source_row END AS source_row,
    g.source_file AS goal_source_file,
    g.source_sheet AS goal_source_sheet,
    g.source_row AS goal_source_row
  FROM g
  FULL OUTER JOIN s ON s.year = g.year AND s.project_code = g.project_code AND s.indicator = g.indicator
),
typed AS (
  SELECT
    *,
    -- no direction anywhere: a text target (or no number at all) reads as qualitative, a number as positive
    coalesce(given_direction, CASE WHEN target_value IS NULL THEN 'qual' ELSE 'ge' END) AS direction,
    given_direction IS NULL AS direction_inferred,
    list_contains(policy().indicators.not_applicable.markers, trim(coalesce(actual_text, actual_raw, ''))) AS not_applicable
  FROM merged
)
SELECT * EXCLUDE (given_direction) FROM typed
