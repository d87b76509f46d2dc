-- one row per project per year: quality of the goal table [S0] and its sanity checks [LOCAL]
WITH i AS (
  SELECT
    *,
    CASE
      WHEN level1 IN (policy().levels.output.label, replace(policy().levels.output.label, '指标', '')) THEN 'output'
      WHEN level1 IN (policy().levels.benefit.label, replace(policy().levels.benefit.label, '指标', '')) THEN 'benefit'
      WHEN level1 IN (policy().levels.satisfaction.label, replace(policy().levels.satisfaction.label, '指标', '')) THEN 'satisfaction'
    END AS level_key,
    replace(coalesce(level2, ''), '指标', '') AS level2_stem
  FROM intermediate.int_indicators
),
stats AS (
  SELECT
    year,
    project_code,
    count(*) AS level3_count,
    count(*) FILTER (WHERE direction <> 'qual') AS quantitative_count,
    -- a self-evaluation form that carries targets counts as a goal table too
    count(*) FILTER (WHERE in_goals OR target_value IS NOT NULL OR target_text IS NOT NULL) AS goal_rows,
    bool_or(level_key = 'output') AS has_output,
    bool_or(level_key = 'benefit') AS has_benefit,
    bool_or(level_key = 'satisfaction') AS has_satisfaction,
    coalesce(sum(weight) FILTER (WHERE level_key = 'output'), 0) AS output_weight,
    coalesce(sum(weight) FILTER (WHERE level_key = 'benefit'), 0) AS benefit_weight,
    coalesce(sum(weight) FILTER (WHERE level_key = 'satisfaction'), 0) AS satisfaction_weight,
    coalesce(sum(weight), 0) AS indicator_weight,
    count(*) FILTER (WHERE level2 IS NOT NULL AND NOT (
      (level_key = 'output' AND list_contains(policy().levels.output.level2, level2_stem))
      OR (level_key = 'benefit' AND list_contains(policy().levels.benefit.level2, level2_stem))
      OR (level_key = 'satisfaction' AND list_contains(policy().levels.satisfaction.level2, level2_stem)))) AS invalid_level2_count,
    -- 成本 indicators do not use ≥ / >
    count(*) FILTER (WHERE starts_with(level2_stem, policy().goal_quality.cost_level2)
                       AND list_contains(policy().goal_quality.cost_forbidden_directions, direction)) AS cost_direction_count,
    list(indicator ORDER BY source_row) FILTER (WHERE starts_with(level2_stem, policy().goal_quality.cost_level2)
                       AND list_contains(policy().goal_quality.cost_forbidden_directions, direction)) AS cost_direction_indicators,
    -- a percentage target above 100 is suspect
    count(*) FILTER (WHERE list_contains(policy().goal_quality.percent_units, unit) AND target_value > policy().goal_quality.percent_max)
      AS percent_over_count,
    list(indicator ORDER BY source_row) FILTER (WHERE list_contains(policy().goal_quality.percent_units, unit)
                       AND target_value > policy().goal_quality.percent_max) AS percent_over_indicators,
    -- quantitative indicators need a unit
    count(*) FILTER (WHERE direction <> 'qual' AND unit IS NULL) AS missing_unit_count,
    list(indicator ORDER BY source_row) FILTER (WHERE direction <> 'qual' AND unit IS NULL) AS missing_unit_indicators
  FROM i
  GROUP BY year, project_code
),
fund AS (
  -- the self-evaluation form's fund block (the latest import's): 年度资金总额 and its parts, exact
  SELECT year, project_code, budget_wan, fiscal_budget_wan, carryover_budget_wan, other_budget_wan,
         coalesce(fiscal_budget_wan, 0) + coalesce(carryover_budget_wan, 0) + coalesce(other_budget_wan, 0) AS fund_parts_wan
  FROM staging.stg_selfeval_totals
  QUALIFY row_number() OVER (PARTITION BY year, project_code ORDER BY import_id DESC, source_row) = 1
),
joined AS (
  SELECT
    p.year,
    p.project_code,
    p.project_name,
    p.department,
    coalesce(s.level3_count, 0) AS level3_count,
    coalesce(s.quantitative_count, 0) AS quantitative_count,
    CASE WHEN s.level3_count > 0 THEN s.quantitative_count / s.level3_count END AS quantifiable_share,
    coalesce(s.goal_rows, 0) > 0 AS has_goals,
    coalesce(s.has_output, FALSE) AS has_output,
    coalesce(s.has_benefit, FALSE) AS has_benefit,
    coalesce(s.has_satisfaction, FALSE) AS has_satisfaction,
    coalesce(s.has_output AND s.has_benefit AND s.has_satisfaction, FALSE) AS level1_complete,
    s.output_weight,
    s.benefit_weight,
    s.satisfaction_weight,
    s.indicator_weight,
    coalesce(s.invalid_level2_count, 0) AS invalid_level2_count,
    coalesce(s.cost_direction_count, 0) AS cost_direction_count,
    coalesce(s.percent_over_count, 0) AS percent_over_count,
    coalesce(s.missing_unit_count, 0) AS missing_unit_count,
    s.cost_direction_indicators,
    s.percent_over_indicators,
    s.missing_unit_indicators,
    CAST(f.budget_wan AS DOUBLE) AS fund_total_wan,
    CAST(f.fiscal_budget_wan AS DOUBLE) AS fund_fiscal_wan,
    CAST(f.carryover_budget_wan AS DOUBLE) AS fund_carryover_wan,
    CAST(f.other_budget_wan AS DOUBLE) AS fund_other_wan,
    CAST(f.fund_parts_wan AS DOUBLE) AS fund_parts_wan,
    -- the total differs from its parts, where the form gives 当年财政拨款 or 其他资金
    coalesce((f.fiscal_budget_wan IS NOT NULL OR f.other_budget_wan IS NOT NULL)
             AND abs(f.budget_wan - f.fund_parts_wan) > policy().goal_quality.fund_tolerance_wan, FALSE) AS fund_total_off,
    p.source_file,
    p.source_sheet,
    p.source_row
  FROM intermediate.int_projects p
  LEFT JOIN stats s ON s.year = p.year AND s.project_code = p.project_code
  LEFT JOIN fund f ON f.year = p.year AND f.project_code = p.project_code
),
flagged AS (
  SELECT
    *,
    NOT has_goals AS no_goals,
    level3_count <= policy().goal_quality.level3_more_than AS too_few_level3,
    coalesce(quantifiable_share <= policy().goal_quality.quantifiable_share_more_than, TRUE) AS quantifiable_share_low,
    level1_complete
      AND (abs(output_weight - policy().levels.output.weight) > policy().goal_quality.weight_tolerance
           OR abs(benefit_weight - policy().levels.benefit.weight) > policy().goal_quality.weight_tolerance
           OR abs(satisfaction_weight - policy().levels.satisfaction.weight) > policy().goal_quality.weight_tolerance)
      AS level_weights_off
  FROM joined
)
SELECT
  *,
  list_filter([
    CASE WHEN no_goals THEN {'rule_id': 'S1.goal.missing', 'message': '未设定绩效目标，不得安排预算'} END,
    CASE WHEN too_few_level3 THEN {'rule_id': 'S0.goal.level3_count',
      'message': format('三级指标 {} 个，应多于 {} 个', level3_count, fmt_num(policy().goal_quality.level3_more_than))} END,
    CASE WHEN has_goals AND quantifiable_share_low THEN {'rule_id': 'S0.goal.quantifiable_share',
      'message': format('可量化指标占比 {}（{}/{}），应超过 {}', fmt_pct(quantifiable_share), quantitative_count, level3_count,
                        fmt_pct(policy().goal_quality.quantifiable_share_more_than))} END,
    CASE WHEN has_goals AND NOT level1_complete THEN {'rule_id': 'S0.goal.level1',
      'message': format('一级指标不全，缺少：{}', array_to_string(list_filter([
        CASE WHEN NOT has_output THEN policy().levels.output.label END,
        CASE WHEN NOT has_benefit THEN policy().levels.benefit.label END,
        CASE WHEN NOT has_satisfaction THEN policy().levels.satisfaction.label END], lambda x: x IS NOT NULL), '、'))} END,
    CASE WHEN invalid_level2_count > 0 THEN {'rule_id': 'S0.goal.level2',
      'message': format('{} 个二级指标不在其一级指标的规定类别中', invalid_level2_count)} END,
    CASE WHEN level_weights_off THEN {'rule_id': 'MOF10.goal.level_weights',
      'message': format('一级指标分值 {}/{}/{} 与规定 {}/{}/{} 不符', fmt_num(output_weight), fmt_num(benefit_weight), fmt_num(satisfaction_weight),
                        fmt_num(policy().levels.output.weight), fmt_num(policy().levels.benefit.weight), fmt_num(policy().levels.satisfaction.weight))} END,
    CASE WHEN cost_direction_count > 0 THEN {'rule_id': 'LOCAL.goal.cost_direction',
      'message': format('成本指标使用了 ≥/>：{}', array_to_string(cost_direction_indicators, '、'))} END,
    CASE WHEN percent_over_count > 0 THEN {'rule_id': 'LOCAL.goal.percent_over_100',
      'message': format('百分比指标值超过 {}%：{}', fmt_num(policy().goal_quality.percent_max), array_to_string(percent_over_indicators, '、'))} END,
    CASE WHEN missing_unit_count > 0 THEN {'rule_id': 'LOCAL.goal.missing_unit',
      'message': format('定量指标缺少度量单位：{}', array_to_string(missing_unit_indicators, '、'))} END,
    CASE WHEN fund_total_off THEN {'rule_id': 'LOCAL.goal.fund_total',
      'message': format('资金总额 {} 万元 ≠ 当年财政拨款 {} + 上年结转 {} + 其他资金 {} = {} 万元（相差超过 {} 万元）', fmt_num(fund_total_wan),
                        fmt_num(coalesce(fund_fiscal_wan, 0)), fmt_num(coalesce(fund_carryover_wan, 0)), fmt_num(coalesce(fund_other_wan, 0)),
                        fmt_num(fund_parts_wan), fmt_num(policy().goal_quality.fund_tolerance_wan))} END
  ], lambda x: x IS NOT NULL) AS flags
FROM flagged
