-- one row per project per year: the stable export contract (execution + indicators, grade, caps, final grade, cut)
WITH indicators AS (
  SELECT
    year,
    project_code,
    round2(sum(score)) AS indicator_score,
    count(*) AS indicator_count,
    count(*) FILTER (WHERE over_achievement) AS over_achievement_count,
    count(*) FILTER (WHERE qualitative_out_of_band) AS qualitative_out_of_band_count,
    count(*) FILTER (WHERE missing_actual OR missing_target OR no_weight) AS unscorable_count,
    count(*) FILTER (WHERE in_goals) > 0 AS has_goals
  FROM marts.indicator_scores
  GROUP BY year, project_code
),
caps AS (
  SELECT
    year,
    project_code,
    max(cap_rank) AS cap_rank,
    string_agg(reason, '；' ORDER BY cap_rank DESC, rule_id, source_row) AS cap_reasons,
    list(DISTINCT rule_id ORDER BY rule_id) AS cap_rule_ids,
    bool_or(recover_funds) AS recover_funds
  FROM marts.caps
  GROUP BY year, project_code
),
scored AS (
  SELECT
    p.*,
    coalesce(i.indicator_count, 0) AS indicator_count,
    coalesce(i.over_achievement_count, 0) AS over_achievement_count,
    coalesce(i.qualitative_out_of_band_count, 0) AS qualitative_out_of_band_count,
    coalesce(i.unscorable_count, 0) AS unscorable_count,
    coalesce(i.has_goals, FALSE) AS has_goals,
    -- without any self-evaluation there is nothing to score yet (coverage reports the gap)
    CASE WHEN p.has_selfeval THEN coalesce(i.indicator_score, 0.0) END AS indicator_score,
    CASE WHEN p.has_selfeval THEN round2(p.execution_score + coalesce(i.indicator_score, 0.0)) END AS total_score,
    grade_rank_of(total_score) AS grade_rank,
    c.cap_rank,
    c.cap_reasons,
    coalesce(c.cap_rule_ids, CAST([] AS VARCHAR[])) AS cap_rule_ids,
    coalesce(c.recover_funds, FALSE) AS recover_funds,
    -- a cap only ever lowers a grade; the score is kept beside it
    CASE WHEN grade_rank IS NOT NULL THEN greatest(grade_rank, coalesce(c.cap_rank, 1)) END AS final_grade_rank
  FROM intermediate.int_projects p
  LEFT JOIN indicators i ON i.year = p.year AND i.project_code = p.project_code
  LEFT JOIN caps c ON c.year = p.year AND c.project_code = p.project_code
),
checked AS (
  SELECT
    *,
    round2(reported_score - total_score) AS score_gap,
    CASE WHEN score_gap > policy().self_score.gap_threshold THEN '自评虚高'
         WHEN score_gap < -policy().self_score.gap_threshold THEN '自评偏低' END AS self_score_flag,
    -- goal completion (indicator score / indicator share) ahead of execution (execution score / its weight) [PMKPI]
    CASE WHEN 100 - policy().execution.weight > 0 THEN indicator_score / (100 - policy().execution.weight) END AS goal_completion,
    CASE WHEN policy().execution.weight > 0 THEN execution_score / policy().execution.weight END AS execution_completion,
    coalesce(execution_budget_wan > 0 AND goal_completion > execution_completion * (1 + policy().warnings.mismatch_relative), FALSE)
      AS mismatch_warning,
    coalesce(execution_budget_wan, 0) <= 0 AS budget_zero_warning,
    coalesce(execution_budget_wan > 0 AND 1 - execution_rate > policy().warnings.unspent_share, FALSE) AS unspent_warning,
    cut_rate_by_grade(final_grade_rank) AS cut_rate_grade,
    cut_rate_by_score(total_score) AS cut_rate_score,
    cut_rate(final_grade_rank, total_score) AS cut_rate
  FROM scored
)
SELECT
  year,
  project_code,
  project_name,
  department,
  dept_code,
  unit_code,
  unit_name,
  project_category,
  project_attribute,
  budget_type,
  fund_kind,
  function_code,
  function_name,
  must_keep,
  classified,
  budget_wan,
  executed_wan,
  carryover_wan,
  round(execution_rate, 6) AS execution_rate,
  execution_score,
  indicator_score,
  total_score,
  grade_label(grade_rank) AS grade,
  grade_label(final_grade_rank) AS final_grade,
  grade_rank,
  final_grade_rank,
  coalesce(final_grade_rank > grade_rank, FALSE) AS capped,
  cap_reasons,
  cap_rule_ids,
  reported_score,
  score_gap,
  self_score_flag,
  self_score_flag = '自评虚高' AS inflated,
  round(goal_completion, 6) AS goal_completion,
  mismatch_warning,
  budget_zero_warning,
  unspent_warning,
  CASE WHEN mismatch_warning THEN 'red' WHEN budget_zero_warning OR unspent_warning THEN 'yellow' END AS warning_level,
  nullif(array_to_string(list_filter([
    CASE WHEN NOT has_selfeval THEN '未提交绩效自评' END,
    CASE WHEN mismatch_warning THEN format('红色预警：目标完成度 {} 高于预算执行进度 {} 超过 {}', fmt_pct(goal_completion),
                                           fmt_pct(execution_completion), fmt_pct(policy().warnings.mismatch_relative)) END,
    CASE WHEN budget_zero_warning THEN '黄色预警：预算数为 0' END,
    CASE WHEN unspent_warning THEN format('黄色预警：预算未执行 {}，超过 {}', fmt_pct(1 - execution_rate), fmt_pct(policy().warnings.unspent_share)) END
  ], lambda x: x IS NOT NULL), '；'), '') AS warnings,
  -- next year's cut follows the FINAL grade [S1][S4]
  cut_rate AS deduction_rate,
  CASE WHEN cut_rate IS NOT NULL THEN round2(coalesce(budget_wan, 0) * cut_rate) END AS deduction_wan,
  CASE WHEN cut_rate > 0 THEN
    CASE WHEN must_keep AND policy().application.must_keep_to_department THEN '部门其他预算' ELSE '本项目' END
  END AS deduction_from,
  cut_rate_grade,
  cut_rate_score,
  recover_funds,
  CASE WHEN recover_funds THEN coalesce(budget_wan, 0) ELSE 0.0 END AS recover_wan,
  has_selfeval,
  has_goals,
  indicator_count,
  over_achievement_count,
  qualitative_out_of_band_count,
  unscorable_count,
  execution_budget_wan,
  execution_executed_wan,
  in_projects,
  source_file,
  source_sheet,
  source_row,
  selfeval_source_file,
  selfeval_source_sheet,
  selfeval_source_row
FROM checked
