-- one row per self-evaluated project per year: the reproducible truthfulness spot-check draw [S4]
WITH candidates AS (
  SELECT
    year,
    project_code,
    project_name,
    department,
    budget_wan,
    total_score,
    reported_score,
    score_gap,
    coalesce(inflated, FALSE) AS inflated,
    source_file,
    source_sheet,
    source_row
  FROM marts.project_scores
  WHERE has_selfeval
),
weighted AS (
  SELECT
    *,
    seeded_uniform(year, project_code) AS draw,
    (CASE WHEN policy().spot_check.weighting = 'amount'
          THEN greatest(coalesce(budget_wan, 0), policy().spot_check.min_weight_wan) ELSE 1.0 END)
      * (CASE WHEN inflated THEN policy().spot_check.inflated_boost ELSE 1.0 END) AS sample_weight
  FROM candidates
),
ranked AS (
  SELECT
    *,
    -- weighted sampling without replacement (Efraimidis–Spirakis): the largest ln(u) / w are drawn
    ln(draw) / sample_weight AS sample_key,
    row_number() OVER (PARTITION BY year ORDER BY ln(draw) / sample_weight DESC, project_code) AS sample_rank,
    least(count(*) OVER (PARTITION BY year),
          greatest(CAST(policy().spot_check.min_per_year AS BIGINT),
                   CAST(ceil(count(*) OVER (PARTITION BY year) * policy().spot_check.share) AS BIGINT))) AS sample_size
  FROM weighted
)
SELECT
  *,
  sample_rank <= sample_size AS selected
FROM ranked
