-- one row per goal-quality rule: a short label (with the policy's thresholds) and its kind, in display order
SELECT * FROM (VALUES
  (1, 'S1.goal.missing', '未设绩效目标', 'missing'),
  (2, 'S0.goal.level3_count', format('三级指标不多于 {} 个', fmt_num(policy().goal_quality.level3_more_than)), 'level3'),
  (3, 'S0.goal.quantifiable_share', format('可量化占比不超过 {}', fmt_pct(policy().goal_quality.quantifiable_share_more_than)), 'quantifiable'),
  (4, 'S0.goal.level1', '一级指标不全', 'level1'),
  (5, 'S0.goal.level2', '二级指标类别不符', 'structure'),
  (6, 'MOF10.goal.level_weights', '一级指标分值不符', 'structure'),
  (7, 'LOCAL.goal.cost_direction', '成本指标用了 ≥/>', 'sanity'),
  (8, 'LOCAL.goal.percent_over_100', format('百分比目标超过 {}%', fmt_num(policy().goal_quality.percent_max)), 'sanity'),
  (9, 'LOCAL.goal.missing_unit', '定量指标缺单位', 'sanity'),
  (10, 'LOCAL.goal.fund_total', '资金总额与分项不符', 'sanity')
) AS t(position, rule_id, label, kind)
ORDER BY position
