-- Ledger rows for a batch's key range (keys arrive as parameters, never in the text); the caller
-- keeps the ones of its own files. Sorted key ranges keep this to the batch's neighbourhood.
SELECT key, etag, status
FROM ingest.loaded_files
WHERE dataset = :dataset AND key >= :first_key AND key <= :last_key
