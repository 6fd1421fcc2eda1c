-- Records a quarantined file. A file already in the ledger with the same bytes keeps its row.
-- Parameters are cast explicitly: each one is used twice, and both uses must agree on a type.
INSERT INTO ingest.loaded_files (key, etag, size, dataset, batch_id, status, loaded_at, error, error_line, error_column, error_code)
SELECT CAST(:key AS VARCHAR(1024)), CAST(:etag AS VARCHAR(64)), CAST(:size AS BIGINT), CAST(:dataset AS VARCHAR(32)),
       CAST(:batch_id AS VARCHAR(80)), 'failed', GETDATE(), CAST(:error AS VARCHAR(1024)),
       NULLIF(CAST(:line AS BIGINT), -1), NULLIF(CAST(:column_name AS VARCHAR(127)), '-'), NULLIF(CAST(:code AS INTEGER), -1)
WHERE NOT EXISTS (
  SELECT 1 FROM ingest.loaded_files
  WHERE key = CAST(:key AS VARCHAR(1024)) AND etag = CAST(:etag AS VARCHAR(64))
)
