-- Records a quarantined file. A file already in the ledger with the same bytes keeps its row.
INSERT INTO ingest.loaded_files (key, etag, size, dataset, batch_id, status, loaded_at, error, error_line, error_column, error_code)
SELECT :key, :etag, CAST(:size AS BIGINT), :dataset, :batch_id, 'failed', GETDATE(), :error,
       NULLIF(CAST(:line AS BIGINT), -1), NULLIF(:column_name, '-'), NULLIF(CAST(:code AS INTEGER), -1)
WHERE NOT EXISTS (SELECT 1 FROM ingest.loaded_files WHERE key = :key AND etag = :etag)
