-- one row per department per year: goal, self-evaluation, monitoring and department-evaluation coverage [S1][S2][S4]
WITH p AS (
  SELECT *, coalesce(department, dept_code, '（未知部门）') AS dept_key FROM intermediate.int_projects
),
goals AS (
  SELECT DISTINCT year, project_code FROM intermediate.int_indicators
  WHERE in_goals OR target_value IS NOT NULL OR target_text IS NOT NULL
),
monitored AS (
  SELECT
    year,
    project_code,
    -- every checkpoint month of the policy is present
    list_has_all(list(DISTINCT month), list_transform(policy().monitoring.checkpoint_months, lambda m: CAST(m AS INTEGER))) AS all_checkpoints
  FROM staging.stg_monitoring
  GROUP BY year, project_code
),
dept_evaluated AS (
  SELECT DISTINCT year, project_code
  FROM staging.stg_evaluations
  WHERE eval_type = policy().coverage.department_evaluation_type
    AND project_code IS NOT NULL
    AND (object_type IS NULL OR list_contains(policy().coverage.project_object_types, object_type))
),
overall_years AS (
  -- a year without any 部门整体 records has unknown, not zero, coverage
  SELECT DISTINCT year FROM staging.stg_dept_overall
),
overall AS (
  -- 部门整体: units reach a department through their projects
  SELECT u.year, u.dept_key, count(*) AS units, count(*) FILTER (WHERE o.goals_set) AS units_with_goals,
         count(*) FILTER (WHERE o.monitoring_done) AS units_monitored, count(o.unit_code) AS units_reported
  FROM (SELECT DISTINCT year, dept_key, unit_code FROM p WHERE unit_code IS NOT NULL) u
  LEFT JOIN (SELECT * FROM staging.stg_dept_overall
             QUALIFY row_number() OVER (PARTITION BY year, unit_code ORDER BY import_id DESC, source_row) = 1) o
    ON o.year = u.year AND o.unit_code = u.unit_code
  WHERE u.year IN (SELECT year FROM overall_years)
  GROUP BY u.year, u.dept_key
),
agg AS (
  SELECT
    p.year,
    p.dept_key AS department,
    min(p.dept_code) AS dept_code,
    count(*) AS project_count,
    CAST(coalesce(sum(exact_wan(p.budget_wan)), 0) AS DOUBLE) AS budget_wan,
    count(g.project_code) AS goal_projects,
    count(*) FILTER (WHERE p.has_selfeval) AS selfeval_projects,
    count(m.project_code) AS monitored_projects,
    count(*) FILTER (WHERE m.all_checkpoints) AS fully_monitored_projects,
    count(d.project_code) AS dept_evaluated_projects,
    CAST(coalesce(sum(exact_wan(p.budget_wan)) FILTER (WHERE d.project_code IS NOT NULL), 0) AS DOUBLE) AS dept_evaluated_wan
  FROM p
  LEFT JOIN goals g ON g.year = p.year AND g.project_code = p.project_code
  LEFT JOIN monitored m ON m.year = p.year AND m.project_code = p.project_code
  LEFT JOIN dept_evaluated d ON d.year = p.year AND d.project_code = p.project_code
  GROUP BY p.year, p.dept_key
),
shares AS (
  SELECT
    a.*,
    goal_projects / project_count AS goal_coverage,
    selfeval_projects / project_count AS selfeval_coverage,
    monitored_projects / project_count AS monitoring_coverage,
    CASE WHEN budget_wan > 0 THEN dept_evaluated_wan / budget_wan END AS dept_evaluation_share,
    round2(budget_wan * policy().coverage.department_evaluation_share) AS dept_evaluation_required_wan,
    coalesce(dept_evaluation_share >= policy().coverage.department_evaluation_share, budget_wan <= 0) AS dept_evaluation_ok,
    o.units,
    o.units_reported,
    o.units_with_goals,
    CASE WHEN o.units > 0 THEN o.units_with_goals / o.units END AS overall_goal_coverage,
    CASE WHEN o.units > 0 THEN o.units_monitored / o.units END AS overall_monitoring_coverage
  FROM agg a
  LEFT JOIN overall o ON o.year = a.year AND o.dept_key = a.department
)
SELECT
  *,
  nullif(array_to_string(list_filter([
    CASE WHEN goal_coverage < 1 THEN format('绩效目标覆盖 {}/{} 个项目', goal_projects, project_count) END,
    CASE WHEN selfeval_coverage < 1 THEN format('绩效自评覆盖 {}/{} 个项目', selfeval_projects, project_count) END,
    CASE WHEN monitoring_coverage < 1 THEN format('绩效监控覆盖 {}/{} 个项目', monitored_projects, project_count) END,
    CASE WHEN NOT dept_evaluation_ok THEN format('部门评价覆盖 {} / {} 万元（{}），低于 {}', fmt_num(dept_evaluated_wan), fmt_num(budget_wan),
                                                  fmt_pct(dept_evaluation_share), fmt_pct(policy().coverage.department_evaluation_share)) END,
    CASE WHEN overall_goal_coverage < 1 THEN format('部门整体绩效目标覆盖 {}/{} 个单位', units_with_goals, units) END
  ], lambda x: x IS NOT NULL), '；'), '') AS issues
FROM shares
