-- Plays these songs now match whose start_time has no time row.
SELECT s.songplay_id
FROM songplays s
JOIN song_keys k
  ON s.song_title = k.title AND s.artist_name = k.artist_name AND s.song_length = k.duration
WHERE NOT EXISTS (SELECT 1 FROM time t WHERE t.start_time = s.start_time)
