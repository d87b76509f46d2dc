-- one row per project per year: how the result is applied to next year's budget [S1][S3][S4]
WITH le AS (
  SELECT
    year,
    project_code,
    list(rule_id ORDER BY rule_id) AS low_efficiency_rules,
    string_agg(reason, '；' ORDER BY rule_id, reason) AS low_efficiency_reasons,
    bool_or(rule_id = 'S1.low.overlap') AS overlap,
    bool_or(rule_id = 'S1.low.idle_carryover') AS idle,
    bool_or(rule_id NOT IN ('S1.low.overlap', 'S1.low.idle_carryover')) AS low_efficiency,
    CAST(sum(exact_wan(recover_wan)) AS DOUBLE) AS idle_recover_wan
  FROM marts.low_efficiency
  GROUP BY year, project_code
),
joined AS (
  SELECT
    ps.*,
    coalesce(le.low_efficiency_rules, CAST([] AS VARCHAR[])) AS low_efficiency_rules,
    le.low_efficiency_reasons,
    coalesce(le.overlap, FALSE) AS overlap,
    coalesce(le.idle, FALSE) AS idle,
    coalesce(le.low_efficiency, FALSE) AS low_efficiency,
    coalesce(le.idle_recover_wan, 0) AS idle_recover_wan
  FROM marts.project_scores ps
  LEFT JOIN le ON le.year = ps.year AND le.project_code = ps.project_code
),
acted AS (
  SELECT
    *,
    -- most severe first: 收回 > 削减或取消 > 调整 > 督促改进 > 优先保障
    list_filter([
      CASE WHEN recover_funds OR idle THEN policy().application.actions.recover END,
      CASE WHEN low_efficiency OR final_grade_rank = 4 THEN policy().application.actions.cut END,
      CASE WHEN overlap THEN policy().application.actions.adjust END,
      CASE WHEN final_grade_rank = 3 THEN policy().application.actions.improve END,
      CASE WHEN final_grade_rank <= 2 THEN policy().application.actions.prioritise END
    ], lambda x: x IS NOT NULL) AS actions
  FROM joined
)
SELECT
  year,
  project_code,
  project_name,
  department,
  total_score,
  grade,
  final_grade,
  cap_reasons,
  actions[1] AS action,
  actions,
  low_efficiency_rules,
  low_efficiency_reasons,
  deduction_rate,
  deduction_wan,
  deduction_from,
  CASE WHEN deduction_from = '本项目' THEN deduction_wan ELSE 0.0 END AS project_cut_wan,
  CASE WHEN deduction_from = '部门其他预算' THEN deduction_wan ELSE 0.0 END AS department_cut_wan,
  round2(recover_wan + idle_recover_wan) AS recover_wan,
  -- a 差 one-off project gets no similar new funding
  final_grade_rank = 4 AND project_category = policy().application.one_off_category AS no_similar_new_funding,
  -- the actions as one text, as the cut list, the site and the explain trail show them
  array_to_string(actions, '、')
    || CASE WHEN no_similar_new_funding THEN '；一次性项目评为差，不再安排同类新增资金' ELSE '' END AS actions_text,
  must_keep,
  source_file,
  source_sheet,
  source_row
FROM acted
