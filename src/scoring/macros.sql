-- formulas, each written once as a DuckDB macro; every policy() path below is replaced by the validated policy's literal
-- value before these run (inlinePolicy in src/policy/policySql.ts), so a policy change rebuilds them.

-- Scores keep 2 decimals [PMKPI]; rounding goes through DECIMAL so 4.245 does not become 4.24 by binary error
-- (DECIMAL(18, 6) is int64-backed: ~20× faster than a hugeint decimal, and holds any score or 万元 amount).
CREATE OR REPLACE MACRO round2(x) AS CAST(round(CAST(x AS DECIMAL(18, 6)), 2) AS DOUBLE);

-- 万元 amounts back from DOUBLE to the exact DECIMAL they were loaded as (any amount under 4.5×10^9 万元
-- round-trips), to be summed: a DOUBLE sum depends on the order DuckDB adds the rows in, so totals for the
-- 人大 report and the coverage marts are summed exactly and come out the same on every run.
CREATE OR REPLACE MACRO exact_wan(x) AS CAST(x AS DECIMAL(20, 6));

-- Numbers in explanation texts: up to 4 decimals, no trailing zeros.
CREATE OR REPLACE MACRO fmt_num(x) AS
  CASE WHEN x IS NULL THEN '—' ELSE rtrim(rtrim(printf('%.4f', CAST(x AS DOUBLE)), '0'), '.') END;
CREATE OR REPLACE MACRO fmt_pct(x) AS
  CASE WHEN x IS NULL THEN '—' ELSE fmt_num(round2(CAST(x AS DOUBLE) * 100)) || '%' END;

-- The order among a key's rows in the raw tables: the latest import first, then the lower source row (no row
-- number last). A row's rank as one number, the largest first, so that a hash aggregate picks each key's row
-- (`arg_max(row_id, newest_first(import_id, source_row))`) instead of a window sorting every row with its
-- payload (source rows stay below 2^40: a sheet has at most 1,048,576 rows, a CSV file far fewer than 10^12).
CREATE OR REPLACE MACRO newest_first(import_id, source_row) AS
  CAST(import_id AS HUGEINT) * 1099511627776 - coalesce(source_row, 1099511627775);

-- Loaders write ge/gt/eq/le/lt/qual; symbols and Chinese spellings are accepted too.
CREATE OR REPLACE MACRO norm_direction(d) AS
  CASE
    WHEN d IS NULL OR trim(d) = '' THEN NULL
    WHEN lower(trim(d)) IN ('ge', '≥', '>=', '＞=') THEN 'ge'
    WHEN lower(trim(d)) IN ('gt', '>', '＞') THEN 'gt'
    WHEN lower(trim(d)) IN ('eq', '=', '＝') THEN 'eq'
    WHEN lower(trim(d)) IN ('le', '≤', '<=', '＜=') THEN 'le'
    WHEN lower(trim(d)) IN ('lt', '<', '＜') THEN 'lt'
    WHEN lower(trim(d)) IN ('qual', '定性') THEN 'qual'
    ELSE lower(trim(d))
  END;

-- ── budget execution [PMKPI]: rate = executed / budget; score = min(weight, rate × weight); budget 0 → 0 ──
CREATE OR REPLACE MACRO execution_rate(budget, executed) AS
  CASE WHEN budget IS NULL OR budget <= 0 THEN 0.0
       ELSE CAST(coalesce(executed, 0) AS DOUBLE) / CAST(budget AS DOUBLE) END;

CREATE OR REPLACE MACRO execution_score(budget, executed) AS
  CASE WHEN budget IS NULL OR budget <= 0 THEN 0.0
       ELSE round2(greatest(0.0, least(policy().execution.weight, execution_rate(budget, executed) * policy().execution.weight))) END;

-- ── quantitative indicator [PMKPI] ──
-- positive (≥ >): a ≥ t → w, else round(a / t × w, 2); equal (=): t = 0 → (a ≤ 0 ? w : 0), else as positive;
-- reverse (≤ <): a ≤ t → w; t < a < 2t → round((1 − (a − t) / t) × w, 2); a ≥ 2t → 0.
-- The branch conditions, written once: which case of the formula applies (NULL when a value is missing).
CREATE OR REPLACE MACRO indicator_case(direction, target, actual) AS
  CASE
    WHEN actual IS NULL OR target IS NULL THEN NULL
    WHEN direction = 'eq' AND target = 0 THEN CASE WHEN actual <= 0 THEN 'full' ELSE 'zero' END
    WHEN direction IN ('ge', 'gt', 'eq') THEN
      CASE WHEN actual >= target THEN 'full' WHEN target > 0 THEN 'ratio' ELSE 'zero' END
    WHEN direction IN ('le', 'lt') THEN
      CASE WHEN actual <= target THEN 'full' WHEN target > 0 AND actual < 2 * target THEN 'reverse_ratio' ELSE 'zero' END
  END;

CREATE OR REPLACE MACRO indicator_case_score(c, target, actual, weight) AS
  CASE c
    WHEN 'full' THEN CAST(weight AS DOUBLE)
    WHEN 'ratio' THEN round2(CAST(actual AS DOUBLE) / target * weight)
    WHEN 'reverse_ratio' THEN round2((1 - (CAST(actual AS DOUBLE) - target) / target) * weight)
    WHEN 'zero' THEN 0.0
  END;

CREATE OR REPLACE MACRO indicator_score(direction, target, actual, weight) AS
  indicator_case_score(indicator_case(direction, target, actual), target, actual, weight);

CREATE OR REPLACE MACRO indicator_rule(direction, target) AS
  CASE
    WHEN direction = 'eq' AND target = 0 THEN 'PMKPI.indicator.equal_zero'
    WHEN direction = 'eq' THEN 'PMKPI.indicator.equal'
    WHEN direction IN ('ge', 'gt') THEN 'PMKPI.indicator.positive'
    WHEN direction IN ('le', 'lt') THEN 'PMKPI.indicator.reverse'
    WHEN direction = 'qual' THEN 'PMKPI.indicator.qualitative'
  END;

-- The formula with its numbers filled in (rendered only where explanations are read).
CREATE OR REPLACE MACRO indicator_formula(direction, c, target, actual, weight, score) AS
  CASE
    WHEN c IS NULL THEN NULL
    WHEN direction = 'eq' AND target = 0 THEN
      CASE c WHEN 'full' THEN format('等于型指标（目标值 0）：实际值 {} ≤ 0，得满分 {}', fmt_num(actual), fmt_num(weight))
             ELSE format('等于型指标（目标值 0）：实际值 {} > 0，得 0 分', fmt_num(actual)) END
    WHEN direction IN ('le', 'lt') THEN
      CASE c
        WHEN 'full' THEN format('反向指标：实际值 {} ≤ 目标值 {}，得满分 {}', fmt_num(actual), fmt_num(target), fmt_num(weight))
        WHEN 'reverse_ratio' THEN format('反向指标：目标值 {} < 实际值 {} < 2 × 目标值，得分 = (1 − ({} − {}) ÷ {}) × 分值 {} = {}',
                                         fmt_num(target), fmt_num(actual), fmt_num(actual), fmt_num(target), fmt_num(target),
                                         fmt_num(weight), fmt_num(score))
        WHEN 'zero' THEN CASE WHEN target > 0 THEN format('反向指标：实际值 {} ≥ 2 × 目标值 {}，得 0 分', fmt_num(actual), fmt_num(target))
                              ELSE format('反向指标：目标值 {} 不大于 0 且实际值 {} 超出，得 0 分', fmt_num(target), fmt_num(actual)) END
      END
    ELSE
      CASE WHEN direction = 'eq' THEN '等于型指标（按正向计分）' ELSE '正向指标' END || '：' ||
      CASE c
        WHEN 'full' THEN format('实际值 {} ≥ 目标值 {}，得满分 {}', fmt_num(actual), fmt_num(target), fmt_num(weight))
        WHEN 'ratio' THEN format('得分 = 实际值 {} ÷ 目标值 {} × 分值 {} = {}', fmt_num(actual), fmt_num(target), fmt_num(weight), fmt_num(score))
        WHEN 'zero' THEN format('目标值 {} 不大于 0 且实际值 {} 未达到，得 0 分', fmt_num(target), fmt_num(actual))
      END
  END;

-- ── qualitative indicator [PMKPI][MOF10]: tiers [80%, 100%] / [60%, 80%) / [0, 60%) of the weight ──
-- A regex of the tier's prefixes; built from constants, so DuckDB folds it once.
CREATE OR REPLACE MACRO prefix_pattern(prefixes) AS
  '^(' || array_to_string(list_transform(prefixes, lambda p: regexp_escape(p)), '|') || ')';

CREATE OR REPLACE MACRO qualitative_tier(txt) AS
  CASE
    WHEN txt IS NULL THEN NULL
    WHEN regexp_matches(trim(txt), prefix_pattern(policy().indicators.qualitative.tiers.failed.match)) THEN 'failed'
    WHEN regexp_matches(trim(txt), prefix_pattern(policy().indicators.qualitative.tiers.partial.match)) THEN 'partial'
    WHEN regexp_matches(trim(txt), prefix_pattern(policy().indicators.qualitative.tiers.achieved.match)) THEN 'achieved'
  END;

CREATE OR REPLACE MACRO qualitative_label(tier) AS
  CASE tier WHEN 'achieved' THEN policy().indicators.qualitative.tiers.achieved.label
            WHEN 'partial' THEN policy().indicators.qualitative.tiers.partial.label
            WHEN 'failed' THEN policy().indicators.qualitative.tiers.failed.label END;
CREATE OR REPLACE MACRO qualitative_min(tier) AS
  CASE tier WHEN 'achieved' THEN policy().indicators.qualitative.tiers.achieved.min
            WHEN 'partial' THEN policy().indicators.qualitative.tiers.partial.min
            WHEN 'failed' THEN policy().indicators.qualitative.tiers.failed.min END;
CREATE OR REPLACE MACRO qualitative_max(tier) AS
  CASE tier WHEN 'achieved' THEN policy().indicators.qualitative.tiers.achieved.max
            WHEN 'partial' THEN policy().indicators.qualitative.tiers.partial.max
            WHEN 'failed' THEN policy().indicators.qualitative.tiers.failed.max END;
CREATE OR REPLACE MACRO qualitative_max_inclusive(tier) AS
  CASE tier WHEN 'achieved' THEN policy().indicators.qualitative.tiers.achieved.max_inclusive
            WHEN 'partial' THEN policy().indicators.qualitative.tiers.partial.max_inclusive
            WHEN 'failed' THEN policy().indicators.qualitative.tiers.failed.max_inclusive END;

CREATE OR REPLACE MACRO qualitative_in_band(tier, score, weight) AS
  score >= qualitative_min(tier) * weight
  AND (score < qualitative_max(tier) * weight OR (qualitative_max_inclusive(tier) AND score <= qualitative_max(tier) * weight));

-- The reported score when it lies inside its tier's band; otherwise (missing or outside) the tier's lower bound.
CREATE OR REPLACE MACRO qualitative_score(tier, reported, weight) AS
  CASE
    WHEN tier IS NULL THEN NULL
    WHEN reported IS NOT NULL AND qualitative_in_band(tier, reported, weight) THEN CAST(reported AS DOUBLE)
    ELSE round2(qualitative_min(tier) * weight)
  END;

CREATE OR REPLACE MACRO qualitative_formula(tier, reported, weight, score) AS
  CASE WHEN tier IS NOT NULL THEN
    format('定性指标「{}」：档位 [{}, {}{} × 分值 {} = [{}, {}{}，{}', qualitative_label(tier),
           fmt_pct(qualitative_min(tier)), fmt_pct(qualitative_max(tier)), CASE WHEN qualitative_max_inclusive(tier) THEN ']' ELSE ')' END,
           fmt_num(weight), fmt_num(qualitative_min(tier) * weight), fmt_num(qualitative_max(tier) * weight),
           CASE WHEN qualitative_max_inclusive(tier) THEN ']' ELSE ')' END,
           CASE WHEN reported IS NULL THEN format('未填自评得分，取档位下限 {}', fmt_num(score))
                WHEN qualitative_in_band(tier, reported, weight) THEN format('自评 {} 在档内，采用 {}', fmt_num(reported), fmt_num(score))
                ELSE format('自评 {} 不在档内，取档位下限 {}', fmt_num(reported), fmt_num(score)) END)
  END;

-- ── grades [MOF10]: bands are lower bounds, inclusive; rank 1 = best ──
CREATE OR REPLACE MACRO grade_rank_of(score) AS
  CASE
    WHEN score IS NULL THEN NULL
    WHEN score >= policy().grades.bands.excellent THEN 1
    WHEN score >= policy().grades.bands.good THEN 2
    WHEN score >= policy().grades.bands.fair THEN 3
    ELSE 4
  END;

CREATE OR REPLACE MACRO grade_rank(grade_key) AS list_position(['excellent', 'good', 'fair', 'poor'], grade_key);

CREATE OR REPLACE MACRO grade_label(r) AS
  [policy().grades.labels.excellent, policy().grades.labels.good, policy().grades.labels.fair, policy().grades.labels.poor][r];

CREATE OR REPLACE MACRO grade_of(score) AS grade_label(grade_rank_of(score));

CREATE OR REPLACE MACRO grade_band_text(r) AS
  CASE r
    WHEN 1 THEN format('≥ {}', fmt_num(policy().grades.bands.excellent))
    WHEN 2 THEN format('[{}, {})', fmt_num(policy().grades.bands.good), fmt_num(policy().grades.bands.excellent))
    WHEN 3 THEN format('[{}, {})', fmt_num(policy().grades.bands.fair), fmt_num(policy().grades.bands.good))
    WHEN 4 THEN format('< {}', fmt_num(policy().grades.bands.fair))
  END;

-- ── result application [S1][S4]: next-year cut by FINAL grade, at least min_rate when the score is below the line ──
CREATE OR REPLACE MACRO cut_rate_by_grade(final_rank) AS
  [policy().application.cut_rates.excellent, policy().application.cut_rates.good,
   policy().application.cut_rates.fair, policy().application.cut_rates.poor][final_rank];

CREATE OR REPLACE MACRO cut_rate_by_score(score) AS
  CASE WHEN policy().application.score_below.enabled AND score < policy().application.score_below.score
       THEN policy().application.score_below.min_rate ELSE 0.0 END;

CREATE OR REPLACE MACRO cut_rate(final_rank, score) AS greatest(cut_rate_by_grade(final_rank), cut_rate_by_score(score));

-- ── monitoring [PMKPI][MOF136] ──
CREATE OR REPLACE MACRO time_progress(m) AS CAST(m AS DOUBLE) / 12;

-- v = (spent / budget) / (m / 12) × 100
CREATE OR REPLACE MACRO execution_progress(budget, executed, m) AS
  CASE WHEN budget IS NULL OR budget <= 0 OR m IS NULL OR m <= 0 THEN NULL
       ELSE round2(execution_rate(budget, executed) / time_progress(m) * 100) END;

CREATE OR REPLACE MACRO execution_light(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN v < policy().monitoring.execution_light.red THEN 'red'
       WHEN v < policy().monitoring.execution_light.yellow THEN 'yellow'
       ELSE 'green' END;

-- v = progress / (target / 12 × m) × 100, for positive and equal indicators
CREATE OR REPLACE MACRO indicator_progress(target, progress, m) AS
  CASE WHEN target IS NULL OR target <= 0 OR progress IS NULL OR m IS NULL OR m <= 0 THEN NULL
       ELSE round2(CAST(progress AS DOUBLE) / (CAST(target AS DOUBLE) / 12 * m) * 100) END;

-- Reverse indicators: within target green, else red; qualitative: 达成 green, 部分达成 yellow, 未达成 red.
CREATE OR REPLACE MACRO progress_light(v) AS
  CASE WHEN v IS NULL THEN NULL
       WHEN v < policy().monitoring.indicator_light.red THEN 'red'
       WHEN v < policy().monitoring.indicator_light.yellow THEN 'yellow'
       WHEN v < policy().monitoring.indicator_light.blue THEN 'green'
       ELSE 'blue' END;

CREATE OR REPLACE MACRO indicator_light(direction, target, progress, progress_text, m) AS
  CASE
    WHEN direction = 'qual' THEN
      CASE qualitative_tier(progress_text) WHEN 'achieved' THEN 'green' WHEN 'partial' THEN 'yellow' WHEN 'failed' THEN 'red' END
    WHEN progress IS NULL THEN NULL
    WHEN direction IN ('le', 'lt') THEN CASE WHEN progress <= target THEN 'green' ELSE 'red' END
    WHEN direction = 'eq' AND target = 0 THEN CASE WHEN progress <= 0 THEN 'green' ELSE 'red' END
    ELSE list_transform([indicator_progress(target, progress, m)], lambda v: progress_light(v))[1]
  END;

-- Worst first: red, yellow, blue (over-achievement, worth a look), green.
CREATE OR REPLACE MACRO light_rank(l) AS CASE l WHEN 'red' THEN 4 WHEN 'yellow' THEN 3 WHEN 'blue' THEN 2 WHEN 'green' THEN 1 END;
CREATE OR REPLACE MACRO light_of_rank(r) AS CASE r WHEN 4 THEN 'red' WHEN 3 THEN 'yellow' WHEN 2 THEN 'blue' WHEN 1 THEN 'green' END;
CREATE OR REPLACE MACRO light_label(l) AS CASE l WHEN 'red' THEN '红灯' WHEN 'yellow' THEN '黄灯' WHEN 'blue' THEN '蓝灯' WHEN 'green' THEN '绿灯' END;

-- ── reproducible spot-check draw: uniform in (0, 1) from md5(seed:year:project) ──
CREATE OR REPLACE MACRO seeded_uniform(year, project_code) AS
  (CAST(('0x' || substr(md5(printf('%d:%d:%s', CAST(policy().spot_check.seed AS BIGINT), CAST(year AS BIGINT), project_code)), 1, 12)) AS BIGINT) + 0.5)
  / 281474976710656.0;
