-- one row per grade cap applied to a project in a year, with the rule's name and the reason in full
-- sources: marts.caps, marts.project_scores
SELECT
  c.year,
  c.project_code,
  p.project_name,
  coalesce(p.dept_code, p.department) AS dept_code,
  coalesce(p.department, '（未注明主管部门）') AS department,
  coalesce(p.fund_kind, '（未注明）') AS fund_kind,
  coalesce(p.budget_type, '（未注明）') AS budget_type,
  c.rule_id,
  CASE c.rule_id
    WHEN 'S4.cap.audit' THEN '审计或监督检查发现问题'
    WHEN 'S4.cap.major' THEN '资金使用重大问题'
    WHEN 'S4.cap.veto' THEN '真实性核查一票否决'
    WHEN 'S1.cap.monitoring' THEN '连续监控审核不合格未整改'
    ELSE c.rule_id
  END AS rule_name,
  grade_label(c.cap_rank) AS cap_grade,
  c.reason,
  c.recover_funds,
  p.total_score,
  p.grade,
  p.final_grade,
  -- the cap that decided the final grade lowers it; the others were not the binding one
  coalesce(c.cap_rank = p.final_grade_rank AND p.capped, FALSE) AS lowered_grade,
  c.source_file,
  c.source_sheet,
  c.source_row
FROM marts.caps c
LEFT JOIN marts.project_scores p ON p.year = c.year AND p.project_code = c.project_code
ORDER BY c.year, department, c.project_code, c.rule_id
