-- one row per grade cap applied to a project in a year (a finding, or a run of failed monitoring reviews) [S1][S4]
WITH f AS (
  SELECT * FROM staging.stg_findings
),
audit AS (
  -- audit or supervision found a problem → at most the policy's grade (中)
  SELECT
    year, project_code, 'S4.cap.audit' AS rule_id,
    grade_rank(policy().caps.audit.max_grade) AS cap_rank,
    FALSE AS recover_funds,
    format('{}发现问题（{}{}）→ 不得评为{}、{}，至多评为{}', source, description,
           CASE WHEN rectified THEN '，已整改' WHEN NOT rectified THEN '，未整改' ELSE '' END,
           grade_label(1), grade_label(2), grade_label(grade_rank(policy().caps.audit.max_grade))) AS reason,
    json_object('source', source, 'description', description, 'severity', severity, 'rectified', rectified) AS inputs,
    source_file, source_sheet, source_row
  FROM f
  WHERE policy().caps.audit.enabled
    AND list_contains(policy().caps.audit.sources, source)
    AND NOT (policy().caps.audit.exempt_rectified AND coalesce(rectified, FALSE))
),
major AS (
  -- a major problem in the use of funds → 差 directly
  SELECT
    year, project_code, 'S4.cap.major' AS rule_id,
    grade_rank(policy().caps.major.max_grade) AS cap_rank,
    FALSE AS recover_funds,
    format('{}发现资金使用{}问题（{}）→ 直接列入{}', source, severity, description,
           grade_label(grade_rank(policy().caps.major.max_grade))) AS reason,
    json_object('source', source, 'description', description, 'severity', severity, 'rectified', rectified) AS inputs,
    source_file, source_sheet, source_row
  FROM f
  WHERE policy().caps.major.enabled
    AND list_contains(policy().caps.major.sources, source)
    AND severity = policy().caps.major.severity
),
veto AS (
  -- the self-evaluation was found untrue → 一票否决: 差, funds recovered
  SELECT
    year, project_code, 'S4.cap.veto' AS rule_id,
    grade_rank(policy().caps.veto.max_grade) AS cap_rank,
    policy().caps.veto.recover_funds AS recover_funds,
    format('{}结论「{}」（{}）→ 一票否决，评为{}{}', source, verification, description,
           grade_label(grade_rank(policy().caps.veto.max_grade)),
           CASE WHEN policy().caps.veto.recover_funds THEN '，收回资金' ELSE '' END) AS reason,
    json_object('source', source, 'description', description, 'verification', verification) AS inputs,
    source_file, source_sheet, source_row
  FROM f
  WHERE policy().caps.veto.enabled
    AND list_contains(policy().caps.veto.sources, source)
    AND verification = policy().caps.veto.verdict
),
monitoring AS (
  -- failed monitoring reviews, not rectified, this many times in a row → at most 中
  SELECT
    year, project_code, 'S1.cap.monitoring' AS rule_id,
    grade_rank(policy().caps.monitoring.max_grade) AS cap_rank,
    FALSE AS recover_funds,
    format('连续 {} 次绩效监控审核不合格且未整改（截至{}）→ 不得评为{}、{}，至多评为{}', consecutive_failures, period,
           grade_label(1), grade_label(2), grade_label(grade_rank(policy().caps.monitoring.max_grade))) AS reason,
    json_object('period', period, 'consecutive_failures', consecutive_failures, 'review_score', review_score,
                'required', policy().monitoring.consecutive_failures) AS inputs,
    source_file, source_sheet, source_row
  FROM marts.monitoring
  WHERE policy().caps.monitoring.enabled
    AND consecutive_failures >= policy().monitoring.consecutive_failures
  -- one cap per project and year: the checkpoint where the run first reached the count
  QUALIFY row_number() OVER (PARTITION BY year, project_code ORDER BY month) = 1
)
SELECT * FROM audit
UNION ALL SELECT * FROM major
UNION ALL SELECT * FROM veto
UNION ALL SELECT * FROM monitoring
