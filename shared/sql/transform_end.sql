-- Last statements of every transform transaction: the ledger rows, in the same transaction as the
-- facts (this is what makes a load count exactly once), then the batch's staging tables go.
DELETE FROM ingest.loaded_files
USING {{files}} f
WHERE ingest.loaded_files.key = f.key AND ingest.loaded_files.etag = f.etag AND ingest.loaded_files.status <> 'loaded';

INSERT INTO ingest.loaded_files (key, etag, size, dataset, batch_id, status, loaded_at)
SELECT f.key, f.etag, MAX(f.size), {{dataset_literal}}, {{batch_literal}}, 'loaded', GETDATE()
FROM {{files}} f
WHERE NOT EXISTS (SELECT 1 FROM ingest.loaded_files l WHERE l.key = f.key AND l.etag = f.etag)
GROUP BY f.key, f.etag;

DROP TABLE {{staging}};
DROP TABLE {{files}};
