-- one row per indicator per project per year: recomputed score per [PMKPI] beside the reported one
WITH levels AS (
  -- each level-1 group's total weight, and the weight of its not-applicable indicators
  SELECT
    year,
    project_code,
    level1,
    sum(weight) AS level_weight,
    sum(CASE WHEN not_applicable THEN weight ELSE 0 END) AS level_dropped_weight
  FROM intermediate.int_indicators
  GROUP BY year, project_code, level1
),
weighted AS (
  SELECT
    i.*,
    l.level_weight,
    l.level_dropped_weight,
    -- a not-applicable indicator is dropped and the rest of its level rescaled to the level's total [LOCAL]
    CASE
      WHEN i.not_applicable THEN 0.0
      WHEN policy().indicators.not_applicable.rescale AND l.level_dropped_weight > 0 AND l.level_weight > l.level_dropped_weight
        THEN i.weight * l.level_weight / (l.level_weight - l.level_dropped_weight)
      ELSE i.weight
    END AS effective_weight
  FROM intermediate.int_indicators i
  JOIN levels l ON l.year = i.year AND l.project_code = i.project_code AND l.level1 IS NOT DISTINCT FROM i.level1
),
evaluated AS (
  SELECT
    *,
    CASE WHEN direction = 'qual' THEN qualitative_tier(coalesce(actual_text, actual_raw)) END AS tier,
    CASE WHEN direction <> 'qual' THEN indicator_case(direction, target_value, actual_value) END AS formula_case,
    weight IS NULL AS no_weight,
    direction <> 'qual' AND target_value IS NULL AS missing_target,
    CASE WHEN direction <> 'qual' AND target_value IS NOT NULL AND target_value <> 0 AND actual_value IS NOT NULL
         THEN actual_value / target_value END AS completion_ratio
  FROM weighted
),
flagged AS (
  SELECT
    *,
    NOT not_applicable AND CASE WHEN direction = 'qual' THEN tier IS NULL ELSE actual_value IS NULL END AS missing_actual,
    -- the target was probably set too low: flag, and deduct only what the policy says [MOF10]
    coalesce(direction IN ('ge', 'gt') AND target_value > 0
             AND actual_value / target_value >= policy().indicators.over_achievement.ratio, FALSE) AS over_achievement,
    -- a reported qualitative score outside its tier's band is an error to report
    coalesce(direction = 'qual' AND reported_score IS NOT NULL
             AND NOT qualitative_in_band(tier, reported_score, effective_weight), FALSE) AS qualitative_out_of_band
  FROM evaluated
),
based AS (
  SELECT
    *,
    CASE
      WHEN not_applicable THEN NULL
      WHEN no_weight OR missing_target OR missing_actual THEN 0.0
      WHEN direction = 'qual' THEN qualitative_score(tier, reported_score, effective_weight)
      ELSE coalesce(indicator_case_score(formula_case, target_value, actual_value, effective_weight), 0.0)
    END AS base_score,
    CASE WHEN over_achievement AND NOT not_applicable
         THEN round2(coalesce(effective_weight, 0) * policy().indicators.over_achievement.deduction_share) ELSE 0.0 END
      AS over_achievement_deduction,
    CASE WHEN not_applicable THEN 0.0 ELSE coalesce(manual_deduction, 0.0) END AS applied_manual_deduction
  FROM flagged
)
SELECT
  year,
  project_code,
  level1,
  level2,
  indicator,
  direction,
  direction_inferred,
  target_raw,
  target_value,
  target_text,
  unit,
  weight,
  effective_weight,
  level_weight,
  level_dropped_weight,
  actual_raw,
  actual_value,
  actual_text,
  tier AS qualitative_tier,
  formula_case,
  completion_ratio,
  base_score,
  over_achievement_deduction,
  applied_manual_deduction AS manual_deduction,
  -- never more than the weight, never below 0
  CASE WHEN not_applicable THEN NULL
       ELSE round2(greatest(0.0, least(coalesce(effective_weight, 0.0), base_score - over_achievement_deduction - applied_manual_deduction)))
  END AS score,
  reported_score,
  round2(reported_score - score) AS reported_minus_score,
  over_achievement,
  qualitative_out_of_band,
  missing_actual,
  missing_target,
  no_weight,
  not_applicable,
  in_goals,
  in_selfeval,
  CASE
    WHEN not_applicable THEN 'LOCAL.indicator.not_applicable'
    WHEN no_weight THEN 'PMKPI.indicator.no_weight'
    WHEN missing_target THEN 'PMKPI.indicator.missing_target'
    WHEN missing_actual THEN 'PMKPI.indicator.missing_actual'
    ELSE indicator_rule(direction, target_value)
  END AS rule_id,
  source_file,
  source_sheet,
  source_row,
  goal_source_file,
  goal_source_sheet,
  goal_source_row
FROM based
