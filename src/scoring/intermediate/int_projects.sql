-- one row per project per year: dimensions and funds from projects (fallback selfeval_totals), execution per [PMKPI]
WITH p AS (
  -- the latest active import wins when a project is loaded twice
  SELECT * FROM staging.stg_projects
  QUALIFY row_number() OVER (PARTITION BY year, project_code ORDER BY import_id DESC, source_row) = 1
),
t AS (
  SELECT * FROM staging.stg_selfeval_totals
  QUALIFY row_number() OVER (PARTITION BY year, project_code ORDER BY import_id DESC, source_row) = 1
),
si AS (
  SELECT DISTINCT year, project_code FROM staging.stg_selfeval_indicators
),
-- a project known only from its self-evaluation still gets a row
keys AS (
  SELECT year, project_code FROM p
  UNION
  SELECT year, project_code FROM t
  UNION
  SELECT year, project_code FROM si
),
joined AS (
  SELECT
    k.year,
    k.project_code,
    coalesce(p.project_name, t.project_name) AS project_name,
    p.region_code,
    p.region_name,
    p.dept_code,
    coalesce(p.dept_name, t.dept_name) AS department,
    p.unit_code,
    coalesce(p.unit_name, t.unit_name) AS unit_name,
    p.project_category,
    p.project_attribute,
    p.budget_type,
    p.fund_kind,
    p.function_code,
    p.function_name,
    CAST(coalesce(p.initial_budget_wan, t.initial_budget_wan) AS DOUBLE) AS initial_budget_wan,
    CAST(coalesce(p.budget_wan, t.budget_wan) AS DOUBLE) AS budget_wan,
    CAST(coalesce(p.executed_wan, t.executed_wan) AS DOUBLE) AS executed_wan,
    CAST(coalesce(p.carryover_wan, t.carryover_budget_wan) AS DOUBLE) AS carryover_wan,
    CAST(t.carryover_executed_wan AS DOUBLE) AS carryover_executed_wan,
    p.exante_conclusion,
    CAST(p.total_investment_wan AS DOUBLE) AS total_investment_wan,
    coalesce(p.must_keep, FALSE) AS must_keep,
    coalesce(p.classified, FALSE) AS classified,
    t.reported_score,
    t.reported_execution_score,
    t.conclusion AS reported_conclusion,
    p.project_code IS NOT NULL AS in_projects,
    t.project_code IS NOT NULL AS in_selfeval_totals,
    si.project_code IS NOT NULL AS has_selfeval_indicators,
    coalesce(p.source_file, t.source_file) AS source_file,
    CASE WHEN p.project_code IS NOT NULL THEN p.source_sheet ELSE t.source_sheet END AS source_sheet,
    CASE WHEN p.project_code IS NOT NULL THEN p.source_row ELSE t.source_row END AS source_row,
    t.source_file AS selfeval_source_file,
    t.source_sheet AS selfeval_source_sheet,
    t.source_row AS selfeval_source_row
  FROM keys k
  LEFT JOIN p ON p.year = k.year AND p.project_code = k.project_code
  LEFT JOIN t ON t.year = k.year AND t.project_code = k.project_code
  LEFT JOIN si ON si.year = k.year AND si.project_code = k.project_code
)
SELECT
  *,
  in_selfeval_totals OR has_selfeval_indicators AS has_selfeval,
  -- whether 上年结转 stays in the denominator is policy [PMKPI]: the 年度资金总额 row includes it
  CASE WHEN policy().execution.include_carryover THEN budget_wan
       ELSE budget_wan - coalesce(carryover_wan, 0) END AS execution_budget_wan,
  CASE WHEN policy().execution.include_carryover THEN executed_wan
       ELSE executed_wan - coalesce(carryover_executed_wan, 0) END AS execution_executed_wan,
  execution_rate(execution_budget_wan, execution_executed_wan) AS execution_rate,
  execution_score(execution_budget_wan, execution_executed_wan) AS execution_score,
  -- carry-over present and (almost) nothing of it spent; unknown spending makes no claim
  carryover_wan > 0 AND carryover_executed_wan IS NOT NULL
    AND carryover_executed_wan <= carryover_wan * policy().low_efficiency.idle_max_spent_share AS idle_carryover,
  CASE WHEN carryover_wan > 0 AND carryover_executed_wan IS NOT NULL
       THEN carryover_wan - carryover_executed_wan END AS carryover_unspent_wan
FROM joined
