-- one row per file load that changed the database (the imports table), oldest first
SELECT import_id, file_path, file_name, file_hash, file_bytes, imported_at, rows_loaded, rows_rejected, warnings, replaced_import_id, active
FROM imports
ORDER BY imported_at, import_id
