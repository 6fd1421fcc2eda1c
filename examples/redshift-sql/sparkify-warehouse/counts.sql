-- The counts the example checks (expected-counts.json), one row per table.
SELECT 'staging_events' AS table_name, COUNT(*) AS row_count FROM dwh.staging_events
UNION ALL SELECT 'staging_songs', COUNT(*) FROM dwh.staging_songs
UNION ALL SELECT 'songplays', COUNT(*) FROM dwh.songplays
UNION ALL SELECT 'songplays_matched', COUNT(song_id) FROM dwh.songplays
UNION ALL SELECT 'users', COUNT(*) FROM dwh.users
UNION ALL SELECT 'songs', COUNT(*) FROM dwh.songs
UNION ALL SELECT 'artists', COUNT(*) FROM dwh.artists
UNION ALL SELECT 'time', COUNT(*) FROM dwh.time
ORDER BY 1;
