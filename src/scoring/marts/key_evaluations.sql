-- one row per year: finance key evaluations (count, funds vs last year, budget types) [S1][S4] and 部门整体 coverage
WITH years AS (
  SELECT DISTINCT year FROM intermediate.int_projects
  UNION
  SELECT DISTINCT year FROM staging.stg_evaluations
  UNION
  SELECT DISTINCT year FROM staging.stg_dept_overall
),
k AS (
  SELECT
    e.*,
    p.budget_type,
    -- the evaluated amount, else the project's budget
    CAST(coalesce(e.amount_wan, p.budget_wan) AS DOUBLE) AS funds_wan
  FROM staging.stg_evaluations e
  LEFT JOIN intermediate.int_projects p ON p.year = e.year AND p.project_code = e.project_code
  WHERE e.eval_type = policy().coverage.key_evaluation_type
),
by_type AS (
  SELECT year, string_agg(format('{} {} 个 {} 万元', coalesce(object_type, '未分类'), n, fmt_num(funds)), '；' ORDER BY object_type) AS objects_by_type
  FROM (SELECT year, object_type, count(*) AS n, CAST(sum(exact_wan(funds_wan)) AS DOUBLE) AS funds FROM k GROUP BY year, object_type)
  GROUP BY year
),
agg AS (
  SELECT
    year,
    count(*) AS key_evaluation_count,
    CAST(coalesce(sum(exact_wan(funds_wan)), 0) AS DOUBLE) AS key_evaluation_wan,
    list(DISTINCT budget_type ORDER BY budget_type) FILTER (WHERE budget_type IS NOT NULL) AS budget_types_covered
  FROM k
  GROUP BY year
),
overall AS (
  SELECT year, count(*) AS units, count(*) FILTER (WHERE goals_set) AS units_with_goals,
         count(*) FILTER (WHERE monitoring_done) AS units_monitored
  FROM (SELECT * FROM staging.stg_dept_overall
        QUALIFY row_number() OVER (PARTITION BY year, unit_code ORDER BY import_id DESC, source_row) = 1)
  GROUP BY year
),
joined AS (
  SELECT
    y.year,
    coalesce(a.key_evaluation_count, 0) AS key_evaluation_count,
    CAST(policy().coverage.key_evaluation_min_count AS INTEGER) AS key_evaluation_required,
    greatest(0, CAST(policy().coverage.key_evaluation_min_count AS INTEGER) - coalesce(a.key_evaluation_count, 0)) AS key_evaluation_short,
    coalesce(a.key_evaluation_wan, 0) AS key_evaluation_wan,
    prev.key_evaluation_wan AS last_year_wan,
    coalesce(a.budget_types_covered, CAST([] AS VARCHAR[])) AS budget_types_covered,
    list_filter(policy().coverage.key_evaluation_budget_types,
                lambda t: NOT list_contains(coalesce(a.budget_types_covered, CAST([] AS VARCHAR[])), t)) AS budget_types_missing,
    b.objects_by_type,
    o.units AS overall_units,
    o.units_with_goals AS overall_units_with_goals,
    CASE WHEN o.units > 0 THEN o.units_with_goals / o.units END AS overall_goal_coverage,
    CASE WHEN o.units > 0 THEN o.units_monitored / o.units END AS overall_monitoring_coverage
  FROM years y
  LEFT JOIN agg a ON a.year = y.year
  LEFT JOIN agg prev ON prev.year = y.year - 1
  LEFT JOIN by_type b ON b.year = y.year
  LEFT JOIN overall o ON o.year = y.year
)
SELECT
  *,
  key_evaluation_short = 0 AS count_ok,
  -- no last year on record → nothing to compare against
  CASE WHEN policy().coverage.key_evaluation_funds_not_below_last_year AND last_year_wan IS NOT NULL
       THEN key_evaluation_wan >= last_year_wan END AS funds_ok,
  len(budget_types_missing) = 0 AS budget_types_ok,
  nullif(array_to_string(list_filter([
    CASE WHEN key_evaluation_short > 0 THEN format('财政重点评价 {} 个，少于 {} 个（差 {} 个）', key_evaluation_count, key_evaluation_required, key_evaluation_short) END,
    CASE WHEN policy().coverage.key_evaluation_funds_not_below_last_year AND key_evaluation_wan < last_year_wan
         THEN format('评价资金 {} 万元低于上年 {} 万元', fmt_num(key_evaluation_wan), fmt_num(last_year_wan)) END,
    CASE WHEN len(budget_types_missing) > 0 THEN format('未覆盖：{}', array_to_string(budget_types_missing, '、')) END,
    CASE WHEN overall_goal_coverage < 1 THEN format('部门整体绩效目标覆盖 {}/{} 个单位', overall_units_with_goals, overall_units) END
  ], lambda x: x IS NOT NULL), '；'), '') AS issues
FROM joined
