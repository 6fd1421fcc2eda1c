-- Every file the ledger has seen (any status), for the backfill's diff against the bucket.
SELECT key, etag FROM ingest.loaded_files
