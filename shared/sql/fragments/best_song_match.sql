-- The song each (title, artist_name, duration) of the temp table song_keys resolves to: all
-- three equal; of several matching songs, the smallest song_id. Included as a subquery by both
-- transforms ({{> best_song_match}}), so plays and songs resolve a match the same way. Ranks
-- only the songs that match the batch's keys, not the whole songs table.
SELECT title, artist_name, duration, song_id, artist_id
FROM (
  SELECT s.title, s.artist_name, s.duration, s.song_id, s.artist_id,
         ROW_NUMBER() OVER (PARTITION BY s.title, s.artist_name, s.duration ORDER BY s.song_id) AS rn
  FROM songs s
  JOIN song_keys k ON s.title = k.title AND s.artist_name = k.artist_name AND s.duration = k.duration
) ranked
WHERE rn = 1
