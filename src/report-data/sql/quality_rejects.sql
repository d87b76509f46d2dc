-- one row per rejected value or warning (file · sheet · row · column · value · rule · message), errors first
SELECT
  r.import_id,
  coalesce(i.file_name, regexp_extract(r.source_file, '[^/\\]+$')) AS file_name,
  i.imported_at,
  r.source_sheet AS sheet,
  r.source_row AS row_number,
  r.table_name,
  r.column_name,
  r.value,
  r.rule,
  r.severity,
  r.message
FROM rejects r
-- rejects of a replaced import are deleted with it, so every row here describes the current data
LEFT JOIN imports i USING (import_id)
ORDER BY r.severity = 'error' DESC, r.import_id DESC, r.source_sheet, r.source_row
-- a browser table stays usable up to this many rows; the page shows the full count from quality_rules
LIMIT 20000
