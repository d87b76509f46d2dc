-- one row per indicator per project per year: recomputed score per [PMKPI] beside the reported one
WITH i AS (
  SELECT
    *,
    CASE WHEN direction = 'qual' THEN qualitative_tier(coalesce(actual_text, actual_raw)) END AS tier
  FROM intermediate.int_indicators
),
evaluated AS (
  SELECT
    *,
    weight IS NULL AS no_weight,
    direction <> 'qual' AND target_value IS NULL AS missing_target,
    NOT not_applicable AND CASE WHEN direction = 'qual' THEN tier IS NULL ELSE actual_value IS NULL END AS missing_actual,
    CASE WHEN direction <> 'qual' AND target_value IS NOT NULL AND target_value <> 0 AND actual_value IS NOT NULL
         THEN actual_value / target_value END AS completion_ratio,
    CASE WHEN direction = 'qual' THEN qualitative_eval(tier, reported_score, effective_weight) END AS qual_eval,
    CASE WHEN direction <> 'qual' THEN indicator_eval(direction, target_value, actual_value, effective_weight) END AS quant_eval
  FROM i
),
flagged AS (
  SELECT
    *,
    -- the target was probably set too low: flag, and deduct only what the policy says [MOF10]
    coalesce(direction IN ('ge', 'gt') AND target_value > 0 AND actual_value / target_value >= policy().indicators.over_achievement.ratio, FALSE)
      AS over_achievement,
    coalesce(reported_score IS NOT NULL AND NOT qual_eval.in_band, FALSE) AS qualitative_out_of_band,
    CASE
      WHEN not_applicable THEN NULL
      WHEN no_weight OR missing_target OR missing_actual THEN 0.0
      ELSE coalesce(qual_eval.score, quant_eval.score, 0.0)
    END AS base_score
  FROM evaluated
),
scored AS (
  SELECT
    *,
    CASE WHEN over_achievement AND NOT not_applicable
         THEN round2(coalesce(effective_weight, 0) * policy().indicators.over_achievement.deduction_share) ELSE 0.0 END AS over_achievement_deduction,
    CASE WHEN not_applicable THEN 0.0 ELSE coalesce(manual_deduction, 0.0) END AS applied_manual_deduction,
    -- never more than the weight, never below 0
    CASE WHEN not_applicable THEN NULL
         ELSE round2(greatest(0.0, least(coalesce(effective_weight, 0.0), base_score - over_achievement_deduction - applied_manual_deduction)))
    END AS score
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
  actual_raw,
  actual_value,
  actual_text,
  tier AS qualitative_tier,
  completion_ratio,
  base_score,
  over_achievement_deduction,
  applied_manual_deduction AS manual_deduction,
  score,
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
    ELSE coalesce(qual_eval.rule_id, quant_eval.rule_id)
  END AS rule_id,
  CASE
    WHEN not_applicable THEN format('指标不适用，剔除；本级其余指标按 {} ÷ {} 折算', fmt_num(level_weight), fmt_num(level_weight - level_dropped_weight))
    WHEN no_weight THEN '未设分值，无法计分，得 0 分'
    WHEN missing_target THEN format('缺少年度指标值（{}），无法计分，得 0 分', coalesce(target_raw, '空'))
    WHEN missing_actual THEN format('缺少实际完成值（{}），得 0 分', coalesce(actual_raw, '空'))
    ELSE coalesce(qual_eval.formula, quant_eval.formula)
  END
  || CASE WHEN effective_weight IS DISTINCT FROM weight AND NOT not_applicable
          THEN format('（分值 {} 因同级不适用指标折算为 {}）', fmt_num(weight), fmt_num(effective_weight)) ELSE '' END
  || CASE WHEN over_achievement_deduction > 0 THEN format('；超额完成调减 {}', fmt_num(over_achievement_deduction)) ELSE '' END
  || CASE WHEN applied_manual_deduction <> 0 THEN format('；扣减分数 {}', fmt_num(applied_manual_deduction)) ELSE '' END
  || CASE WHEN over_achievement_deduction > 0 OR applied_manual_deduction <> 0
          THEN format('，得分 {}（不低于 0）', fmt_num(score)) ELSE '' END AS formula,
  source_file,
  source_sheet,
  source_row,
  goal_source_file,
  goal_source_sheet,
  goal_source_row
FROM scored
