-- Last statements of every transform transaction: the ledger rows, in the same transaction as the
-- facts (this is what makes a load count exactly once), then the batch's staging tables go.
-- A file's row always names the batch that loaded it last (a forced replay, or a quarantined
-- file that now loads, replaces the earlier row).
DELETE FROM ingest.loaded_files
USING {{files}} f
WHERE ingest.loaded_files.key = f.key AND ingest.loaded_files.etag = f.etag;

INSERT INTO ingest.loaded_files (key, etag, size, dataset, batch_id, status, loaded_at)
SELECT f.key, f.etag, MAX(f.size), {{dataset_literal}}, {{batch_literal}}, 'loaded', GETDATE()
FROM {{files}} f
GROUP BY f.key, f.etag;

DROP TABLE {{staging}};
DROP TABLE {{files}};
