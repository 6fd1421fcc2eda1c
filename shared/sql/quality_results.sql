-- The check results the transform recorded for a batch (its latest run).
SELECT check_name, violations
FROM ingest.quality_results
WHERE batch_id = CAST(:batch_id AS VARCHAR(80))
  AND checked_at = (SELECT MAX(checked_at) FROM ingest.quality_results WHERE batch_id = CAST(:batch_id AS VARCHAR(80)))
ORDER BY check_name
