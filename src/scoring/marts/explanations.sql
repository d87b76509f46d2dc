-- one row per rule application to a project in a year: rule id, inputs, formula with the numbers, result, source row
WITH ind AS (
  SELECT
    *,
    10000 + 10 * row_number() OVER (PARTITION BY year, project_code ORDER BY source_file, source_sheet, source_row, indicator) AS base_seq
  FROM marts.indicator_scores
),
ps AS (
  SELECT * FROM marts.project_scores
),
indicator_rows AS (
  SELECT year, project_code, base_seq AS seq, indicator AS subject, rule_id,
         json_object('level1', level1, 'level2', level2, 'direction', direction, 'target', target_value, 'target_text', target_text,
                     'actual', actual_value, 'actual_text', actual_text, 'weight', weight, 'effective_weight', effective_weight,
                     'reported_score', reported_score, 'manual_deduction', manual_deduction) AS inputs,
         CASE
           WHEN not_applicable THEN format('指标不适用，剔除；本级其余指标按 {} ÷ {} 折算', fmt_num(level_weight), fmt_num(level_weight - level_dropped_weight))
           WHEN no_weight THEN '未设分值，无法计分，得 0 分'
           WHEN missing_target THEN format('缺少年度指标值（{}），无法计分，得 0 分', coalesce(target_raw, '空'))
           WHEN missing_actual THEN format('缺少实际完成值（{}），得 0 分', coalesce(actual_raw, '空'))
           WHEN direction = 'qual' THEN qualitative_formula(qualitative_tier, reported_score, effective_weight, base_score)
           ELSE indicator_formula(direction, formula_case, target_value, actual_value, effective_weight, base_score)
         END
         || CASE WHEN effective_weight IS DISTINCT FROM weight AND NOT not_applicable
                 THEN format('（分值 {} 因同级不适用指标折算为 {}）', fmt_num(weight), fmt_num(effective_weight)) ELSE '' END
         || CASE WHEN over_achievement_deduction > 0 THEN format('；超额完成调减 {}', fmt_num(over_achievement_deduction)) ELSE '' END
         || CASE WHEN manual_deduction <> 0 THEN format('；扣减分数 {}', fmt_num(manual_deduction)) ELSE '' END
         || CASE WHEN over_achievement_deduction > 0 OR manual_deduction <> 0
                 THEN format('，得分 {}（不超过分值、不低于 0）', fmt_num(score)) ELSE '' END AS formula,
         CASE WHEN not_applicable THEN '不适用' ELSE fmt_num(score) END AS result,
         source_file, source_sheet, source_row
  FROM ind
  UNION ALL
  SELECT year, project_code, base_seq + 1, indicator, 'MOF10.indicator.over_achievement',
         json_object('target', target_value, 'actual', actual_value, 'ratio', completion_ratio,
                     'threshold', policy().indicators.over_achievement.ratio),
         format('超额完成：实际值 {} ÷ 目标值 {} = {} ≥ {}，目标可能设定偏低，标记；调减 {} 分', fmt_num(actual_value), fmt_num(target_value),
                fmt_num(round(completion_ratio, 4)), fmt_num(policy().indicators.over_achievement.ratio), fmt_num(over_achievement_deduction)),
         '超额完成', source_file, source_sheet, source_row
  FROM ind WHERE over_achievement
  UNION ALL
  SELECT year, project_code, base_seq + 2, indicator, 'PMKPI.indicator.qualitative_band',
         json_object('tier', qualitative_tier, 'reported_score', reported_score, 'weight', effective_weight),
         format('定性指标自评得分 {} 不在「{}」档位 [{}, {}{} 内（报错），按档位下限计 {}', fmt_num(reported_score),
                qualitative_label(qualitative_tier), fmt_num(qualitative_min(qualitative_tier) * effective_weight),
                fmt_num(qualitative_max(qualitative_tier) * effective_weight),
                CASE WHEN qualitative_max_inclusive(qualitative_tier) THEN ']' ELSE ')' END, fmt_num(score)),
         '自评得分超出档位', source_file, source_sheet, source_row
  FROM ind WHERE qualitative_out_of_band
),
project_rows AS (
  SELECT year, project_code, 20000 AS seq, 'execution' AS subject, 'PMKPI.execution' AS rule_id,
         json_object('budget_wan', execution_budget_wan, 'executed_wan', execution_executed_wan, 'carryover_wan', carryover_wan,
                     'include_carryover', policy().execution.include_carryover, 'weight', policy().execution.weight) AS inputs,
         CASE WHEN coalesce(execution_budget_wan, 0) <= 0 THEN '预算数为 0（或缺失），预算执行得分为 0'
              ELSE format('预算执行率 = 全年执行数 {} ÷ 全年预算数 {} = {}{}；得分 = min({}, {} × {}) = {}',
                          fmt_num(execution_executed_wan), fmt_num(execution_budget_wan), fmt_pct(execution_rate),
                          CASE WHEN policy().execution.include_carryover THEN '（含上年结转）' ELSE '（不含上年结转）' END,
                          fmt_num(policy().execution.weight), fmt_pct(execution_rate), fmt_num(policy().execution.weight), fmt_num(execution_score))
         END AS formula,
         fmt_num(execution_score) AS result,
         source_file, source_sheet, source_row
  FROM ps
  UNION ALL
  SELECT year, project_code, 30000, 'total', 'MOF10.total',
         json_object('execution_score', execution_score, 'indicator_score', indicator_score, 'indicators', indicator_count),
         CASE WHEN has_selfeval THEN format('总分 = 预算执行得分 {} + 绩效指标得分合计 {}（{} 个指标）= {}', fmt_num(execution_score),
                                           fmt_num(indicator_score), indicator_count, fmt_num(total_score))
              ELSE '未提交绩效自评，暂不计总分' END,
         fmt_num(total_score), coalesce(selfeval_source_file, source_file), coalesce(selfeval_source_sheet, source_sheet),
         coalesce(selfeval_source_row, source_row)
  FROM ps
  UNION ALL
  SELECT year, project_code, 40000, 'grade', 'MOF10.grade',
         json_object('total_score', total_score, 'bands', policy().grades.bands),
         format('总分 {} 属 {} 档 → {}', fmt_num(total_score), grade_band_text(grade_rank), grade),
         grade, source_file, source_sheet, source_row
  FROM ps WHERE grade IS NOT NULL
  UNION ALL
  SELECT c.year, c.project_code, 50000 + CAST(row_number() OVER (PARTITION BY c.year, c.project_code ORDER BY c.cap_rank DESC, c.rule_id, c.source_row) AS INTEGER),
         'cap', c.rule_id, c.inputs, c.reason, format('至多{}', grade_label(c.cap_rank)), c.source_file, c.source_sheet, c.source_row
  FROM marts.caps c
  UNION ALL
  SELECT year, project_code, 60000, 'final_grade', 'S4.final_grade',
         json_object('grade', grade, 'caps', cap_rule_ids, 'total_score', total_score),
         CASE WHEN capped THEN format('等级 {} 经封顶（{}）→ 最终等级 {}；得分 {} 保留不变', grade, array_to_string(cap_rule_ids, '、'), final_grade, fmt_num(total_score))
              WHEN len(cap_rule_ids) > 0 THEN format('封顶（{}）不低于原等级，最终等级 = {}', array_to_string(cap_rule_ids, '、'), final_grade)
              ELSE format('无封顶规则适用，最终等级 = {}', final_grade) END,
         final_grade, source_file, source_sheet, source_row
  FROM ps WHERE final_grade IS NOT NULL
  UNION ALL
  SELECT year, project_code, 70000, 'self_score', 'PMKPI.self_score.gap',
         json_object('reported_score', reported_score, 'total_score', total_score, 'threshold', policy().self_score.gap_threshold),
         format('自评总分 {} − 重算总分 {} = {}，{}', fmt_num(reported_score), fmt_num(total_score), fmt_num(score_gap),
                CASE WHEN self_score_flag IS NOT NULL THEN format('差额超过 {} 分 → {}', fmt_num(policy().self_score.gap_threshold), self_score_flag)
                     ELSE format('差额在 ±{} 分以内', fmt_num(policy().self_score.gap_threshold)) END),
         coalesce(self_score_flag, '一致'), coalesce(selfeval_source_file, source_file), coalesce(selfeval_source_sheet, source_sheet),
         coalesce(selfeval_source_row, source_row)
  FROM ps WHERE reported_score IS NOT NULL AND total_score IS NOT NULL
  UNION ALL
  SELECT year, project_code, 71000, 'warning', 'PMKPI.warning.mismatch',
         json_object('indicator_score', indicator_score, 'execution_score', execution_score, 'relative', policy().warnings.mismatch_relative),
         format('目标完成度 = 指标得分 {} ÷ {} = {}；执行进度 = 执行得分 {} ÷ {} = {}；前者超出后者 {} 以上', fmt_num(indicator_score),
                fmt_num(100 - policy().execution.weight), fmt_pct(goal_completion), fmt_num(execution_score), fmt_num(policy().execution.weight),
                fmt_pct(execution_score / policy().execution.weight), fmt_pct(policy().warnings.mismatch_relative)),
         '红色预警', source_file, source_sheet, source_row
  FROM ps WHERE mismatch_warning
  UNION ALL
  SELECT year, project_code, 72000, 'warning', 'PMKPI.warning.budget_zero',
         json_object('budget_wan', budget_wan), '全年预算数为 0', '黄色预警', source_file, source_sheet, source_row
  FROM ps WHERE budget_zero_warning
  UNION ALL
  SELECT year, project_code, 73000, 'warning', 'PMKPI.warning.unspent',
         json_object('budget_wan', budget_wan, 'executed_wan', executed_wan, 'unspent_share', policy().warnings.unspent_share),
         format('未执行比例 = 1 − {} = {} > {}', fmt_pct(execution_rate), fmt_pct(1 - execution_rate), fmt_pct(policy().warnings.unspent_share)),
         '黄色预警', source_file, source_sheet, source_row
  FROM ps WHERE unspent_warning
  UNION ALL
  SELECT year, project_code, 80000, 'cut', 'S1.cut.rate',
         json_object('final_grade', final_grade, 'total_score', total_score, 'rate_by_grade', cut_rate_grade, 'rate_by_score', cut_rate_score,
                     'budget_wan', budget_wan),
         format('最终等级 {} → 扣减比例 {}{}；下年度预算扣减 = 本年预算 {} × {} = {} 万元', final_grade, fmt_pct(cut_rate_grade),
                CASE WHEN cut_rate_score > cut_rate_grade
                     THEN format('；得分 {} < {}，按比例扣减不低于 {}', fmt_num(total_score), fmt_num(policy().application.score_below.score), fmt_pct(cut_rate_score))
                     ELSE '' END,
                fmt_num(budget_wan), fmt_pct(deduction_rate), fmt_num(deduction_wan)),
         fmt_pct(deduction_rate), source_file, source_sheet, source_row
  FROM ps WHERE deduction_rate IS NOT NULL
  UNION ALL
  SELECT year, project_code, 81000, 'cut', 'S1.cut.must_keep',
         json_object('must_keep', must_keep, 'deduction_wan', deduction_wan),
         format('确属必须保障的重点项目：扣减额 {} 万元改从部门其他预算中扣减', fmt_num(deduction_wan)),
         deduction_from, source_file, source_sheet, source_row
  FROM ps WHERE deduction_from = '部门其他预算'
  UNION ALL
  SELECT year, project_code, 82000, 'cut', 'S4.veto.recover',
         json_object('budget_wan', budget_wan),
         format('一票否决：收回项目资金 {} 万元', fmt_num(recover_wan)),
         fmt_num(recover_wan), source_file, source_sheet, source_row
  FROM ps WHERE recover_funds
),
other_rows AS (
  SELECT year, project_code, 90000 + CAST(row_number() OVER (PARTITION BY year, project_code ORDER BY rule_id, related_project_code) AS INTEGER),
         'low_efficiency', rule_id, inputs, reason, '低效无效资金候选', source_file, source_sheet, source_row
  FROM marts.low_efficiency
  UNION ALL
  SELECT year, project_code, 95000, 'action', 'S1.apply.action',
         json_object('final_grade', final_grade, 'low_efficiency', low_efficiency_rules),
         '结果应用：' || actions_text,
         action, source_file, source_sheet, source_row
  FROM marts.application WHERE action IS NOT NULL
  UNION ALL
  SELECT year, project_code, 110000 + 100 * month, 'monitoring', 'PMKPI.monitor.execution_light',
         json_object('period', period, 'month', month, 'budget_wan', budget_wan, 'executed_wan', executed_wan),
         CASE WHEN execution_index IS NULL THEN format('{}：预算数为 0 或缺失，不计执行灯', period)
              ELSE format('{}：执行率 {} ÷ 序时进度 {}/12 = {} → v = {}，{}', period, fmt_pct(execution_rate), month, fmt_pct(time_progress),
                          fmt_num(execution_index), light_label(execution_light)) END,
         coalesce(light_label(execution_light), '—'), source_file, source_sheet, source_row
  FROM marts.monitoring
  UNION ALL
  SELECT year, project_code, 110000 + 100 * month + CAST(row_number() OVER (PARTITION BY year, project_code, month ORDER BY source_row, indicator) AS INTEGER),
         'monitoring', 'PMKPI.monitor.indicator_light',
         json_object('period', period, 'indicator', indicator, 'direction', direction, 'target', target_value, 'progress', progress_value),
         format('{}「{}」：{}', period, indicator,
                CASE WHEN progress_index IS NOT NULL
                       THEN format('累计完成 {} ÷ (年度目标 {} ÷ 12 × {}) × 100 = {} → {}', fmt_num(progress_value), fmt_num(target_value), month,
                                   fmt_num(progress_index), light_label(light))
                     WHEN direction IN ('le', 'lt') THEN format('反向指标，累计 {} {} 目标 {} → {}', fmt_num(progress_value),
                                   CASE WHEN light = 'green' THEN '≤' ELSE '>' END, fmt_num(target_value), coalesce(light_label(light), '—'))
                     WHEN direction = 'qual' THEN format('定性进展「{}」→ {}', coalesce(progress_text, progress_raw, '—'), coalesce(light_label(light), '—'))
                     ELSE format('无法计算进度 → {}', coalesce(light_label(light), '—')) END),
         coalesce(light_label(light), '—'), source_file, source_sheet, source_row
  FROM marts.monitoring_indicators
  UNION ALL
  SELECT year, project_code, 110000 + 100 * month + 99, 'monitoring', 'S4.monitor.rectification',
         json_object('period', period, 'review_score', review_score, 'execution_rate', execution_rate, 'goal_completion_pct', goal_completion_pct,
                     'goal_completion_basis', policy().monitoring.rectification.goal_completion,
                     'rectified', rectified, 'consecutive_failures', consecutive_failures),
         format('{}：{} → 通知整改{}{}', period, array_to_string(warning_reasons, '；'),
                CASE WHEN rectified THEN '（已整改）' WHEN consecutive_failures > 0 THEN format('（未整改，连续 {} 次不合格）', consecutive_failures) ELSE '' END,
                -- how the goal completion rate was counted (policy monitoring.rectification.goal_completion)
                CASE WHEN NOT gap_too_wide THEN ''
                     WHEN policy().monitoring.rectification.goal_completion = 'annual' THEN '。目标完成率为各定量指标累计完成 ÷ 年度目标的平均'
                     ELSE format('。目标完成率为各定量指标已完成部分的平均：累计类指标按累计完成 ÷ 年度目标，比率、反向等指标按达标程度 × 序时进度 {}/12', month) END),
         '整改预警', source_file, source_sheet, source_row
  FROM marts.monitoring WHERE rectification_warning
  UNION ALL
  SELECT year, project_code, 110000 + 100 * month + 98, 'monitoring', 'LOCAL.monitor.late_spending',
         json_object('period', period, 'budget_wan', budget_wan, 'executed_wan', executed_wan, 'execution_rate', execution_rate),
         format('{}：执行率 {} < {}，未支出余额 {} 万元 ≥ {} 万元 → 约谈单位、调减当年预算、收回资金', period, fmt_pct(execution_rate),
                fmt_pct(policy().monitoring.late_spending.spent_below), fmt_num(budget_wan - coalesce(executed_wan, 0)),
                fmt_num(policy().monitoring.late_spending.balance_wan)),
         '约谈并收回', source_file, source_sheet, source_row
  FROM marts.monitoring WHERE late_spending
  UNION ALL
  SELECT year, project_code, 120000 + n, 'goal_quality', flag.rule_id,
         json_object('level3_count', level3_count, 'quantifiable_share', quantifiable_share, 'level1_complete', level1_complete),
         flag.message, '目标质量问题', source_file, source_sheet, source_row
  FROM (SELECT *, unnest(flags) AS flag, CAST(generate_subscripts(flags, 1) AS INTEGER) AS n FROM marts.goal_quality)
  UNION ALL
  SELECT year, project_code, 130000 + n, 'exante', flag.rule_id,
         json_object('project_attribute', project_attribute, 'exante_conclusion', exante_conclusion, 'total_investment_wan', total_investment_wan,
                     'third_party_assessed', third_party_assessed),
         flag.message, '事前评估问题', source_file, source_sheet, source_row
  FROM (SELECT *, unnest(flags) AS flag, CAST(generate_subscripts(flags, 1) AS INTEGER) AS n FROM marts.exante)
  UNION ALL
  SELECT year, project_code, 140000, 'spot_check', 'S4.spot_check.sample',
         json_object('seed', policy().spot_check.seed, 'share', policy().spot_check.share, 'weight', sample_weight, 'rank', sample_rank,
                     'sample_size', sample_size, 'inflated', inflated),
         format('按种子 {} 加权抽样（权重 {}{}），排名 {} / 抽取 {} 个 → 列入真实性核查', CAST(policy().spot_check.seed AS BIGINT), fmt_num(sample_weight),
                CASE WHEN inflated THEN '，自评虚高加权' ELSE '' END, sample_rank, sample_size),
         '抽中', source_file, source_sheet, source_row
  FROM marts.spot_check WHERE selected
)
SELECT year, project_code, CAST(seq AS INTEGER) AS seq, subject, rule_id, CAST(inputs AS JSON) AS inputs, formula, result,
       source_file, source_sheet, source_row
FROM (
  SELECT * FROM indicator_rows
  UNION ALL SELECT * FROM project_rows
  UNION ALL SELECT * FROM other_rows
)
