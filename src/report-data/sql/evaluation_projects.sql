-- one row per self-evaluated project per year: recomputed and reported scores, grade and final grade, caps, the spot-check draw; at most $row_cap a year
-- sources: marts.project_scores, marts.spot_check
WITH scored AS (
  SELECT
    p.year,
    p.project_code,
    p.project_name,
    coalesce(p.dept_code, p.department) AS dept_code,
    coalesce(p.department, '（未注明主管部门）') AS department,
    coalesce(p.fund_kind, '（未注明）') AS fund_kind,
    coalesce(p.budget_type, '（未注明）') AS budget_type,
    CAST(p.budget_wan AS DOUBLE) AS budget_wan,
    p.execution_score,
    p.indicator_score,
    p.total_score,
    p.grade,
    p.final_grade,
    p.capped,
    p.cap_reasons,
    p.reported_score,
    p.score_gap,
    p.self_score_flag,
    coalesce(p.inflated, FALSE) AS inflated,
    CAST(policy().self_score.gap_threshold AS DOUBLE) AS gap_threshold,
    coalesce(s.selected, FALSE) AS spot_checked,
    s.sample_rank,
    s.sample_size,
    s.sample_weight
  FROM marts.project_scores p
  LEFT JOIN marts.spot_check s ON s.year = p.year AND s.project_code = p.project_code
  -- without a self-evaluation there is no score to show yet; coverage lists those projects
  WHERE p.has_selfeval
)
SELECT
  *,
  -- all of the year's self-evaluated projects: the page says how many it does not list
  count(*) OVER (PARTITION BY year) AS year_projects
FROM scored
-- at most $row_cap projects a year (src/report-data/row-caps.ts), those most needing attention first: capped, drawn for the
-- spot-check, self-score out of line, then the lowest recomputed score
QUALIFY row_number() OVER (PARTITION BY year ORDER BY capped DESC, spot_checked DESC, self_score_flag IS NOT NULL DESC, total_score ASC NULLS LAST, project_code) <= $row_cap
ORDER BY year, department, project_code
