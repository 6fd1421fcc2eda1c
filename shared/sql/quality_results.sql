-- The latest recorded check results of a batch.
SELECT check_name, violations
FROM ingest.quality_results
WHERE batch_id = :batch_id
  AND checked_at = (SELECT MAX(checked_at) FROM ingest.quality_results WHERE batch_id = :batch_id)
ORDER BY check_name
