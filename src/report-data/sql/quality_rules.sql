-- one row per rule and severity of the rejects table: how often it fired, where, and one example message
SELECT
  rule,
  severity,
  count(*) AS issues,
  count(DISTINCT source_file) AS files,
  count(DISTINCT table_name) AS tables,
  arg_min(message, (import_id, source_row)) AS example_message
FROM rejects
GROUP BY rule, severity
ORDER BY severity = 'error' DESC, issues DESC, rule
