-- Records the dataset's quality checks for the batch, inside the transform's transaction, for
-- the QualityChecks task to judge. Each check counts the violating rows its SELECT returns.
INSERT INTO ingest.quality_results (batch_id, check_name, violations, checked_at)
SELECT {{batch_literal}}, check_name, violations, GETDATE()
FROM (
[[checks]]
) checks;
