-- Data quality checks after each transform, recorded for the batch: every row counts violations (0 = pass).
INSERT INTO ingest.quality_results (batch_id, check_name, violations, checked_at)
SELECT :batch_id, check_name, violations, GETDATE()
FROM (
SELECT 'songplays_duplicate_natural_key' AS check_name, COUNT(*) AS violations
FROM (SELECT session_id, item_in_session FROM songplays GROUP BY session_id, item_in_session HAVING COUNT(*) > 1) d
UNION ALL
SELECT 'songplays_null_start_time', COUNT(*) FROM songplays WHERE start_time IS NULL
UNION ALL
SELECT 'songplays_null_user_id', COUNT(*) FROM songplays WHERE user_id IS NULL
UNION ALL
SELECT 'songplays_missing_time_row', COUNT(*)
FROM songplays sp WHERE NOT EXISTS (SELECT 1 FROM time t WHERE t.start_time = sp.start_time)
UNION ALL
SELECT 'users_duplicate_id', COUNT(*) FROM (SELECT user_id FROM users GROUP BY user_id HAVING COUNT(*) > 1) d
UNION ALL
SELECT 'songs_duplicate_id', COUNT(*) FROM (SELECT song_id FROM songs GROUP BY song_id HAVING COUNT(*) > 1) d
UNION ALL
SELECT 'artists_duplicate_id', COUNT(*) FROM (SELECT artist_id FROM artists GROUP BY artist_id HAVING COUNT(*) > 1) d
UNION ALL
SELECT 'time_duplicate_start_time', COUNT(*) FROM (SELECT start_time FROM time GROUP BY start_time HAVING COUNT(*) > 1) d
) checks
