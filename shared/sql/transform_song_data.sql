-- Star-schema upserts for one song_data batch, inside the batch's transaction (see transform_begin.sql).

CREATE TEMP TABLE batch_songs AS
SELECT song_id, title, artist_id, year, duration, artist_name, artist_location, artist_latitude, artist_longitude
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY title, artist_id, duration, year) AS rn
  FROM {{staging}}
  WHERE song_id IS NOT NULL
) s
WHERE rn = 1;

-- songs: the batch's version of a song replaces the stored one.
DELETE FROM songs USING batch_songs b WHERE songs.song_id = b.song_id;

INSERT INTO songs (song_id, title, artist_id, year, duration, artist_name, artist_location, artist_latitude, artist_longitude)
SELECT song_id, title, artist_id, year, duration, artist_name, artist_location, artist_latitude, artist_longitude
FROM batch_songs;

-- artists: rebuilt for the artists this batch touches, from their song with the smallest song_id.
DELETE FROM artists USING (SELECT DISTINCT artist_id FROM batch_songs) b WHERE artists.artist_id = b.artist_id;

INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM (
  SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.artist_id ORDER BY s.song_id) AS rn
  FROM songs s
  JOIN (SELECT DISTINCT artist_id FROM batch_songs) b ON s.artist_id = b.artist_id
) a
WHERE rn = 1;

-- The song keys of this batch, for the best song match (shared/sql/fragments/best_song_match.sql).
CREATE TEMP TABLE song_keys AS
SELECT DISTINCT title, artist_name, duration FROM batch_songs;

-- songplays that these songs now match (title, artist as written in the song record, duration):
-- re-resolve to the best song match.
UPDATE songplays
SET song_id = m.song_id, artist_id = m.artist_id
FROM (
{{> best_song_match}}
) m
WHERE songplays.song_title = m.title AND songplays.artist_name = m.artist_name AND songplays.song_length = m.duration
  AND (songplays.song_id IS NULL OR songplays.song_id <> m.song_id OR songplays.artist_id IS NULL OR songplays.artist_id <> m.artist_id);

-- Data quality of what this batch wrote, scoped to its keys (see transform_log_data.sql).
INSERT INTO ingest.quality_results (batch_id, check_name, violations, checked_at)
SELECT {{batch_literal}}, check_name, violations, GETDATE()
FROM (
  SELECT 'songs_duplicate_id' AS check_name, COUNT(*) AS violations
  FROM (
    SELECT s.song_id FROM songs s JOIN batch_songs b ON s.song_id = b.song_id
    GROUP BY s.song_id HAVING COUNT(*) > 1
  ) d
  UNION ALL
  SELECT 'artists_duplicate_id', COUNT(*)
  FROM (
    SELECT a.artist_id FROM artists a JOIN (SELECT DISTINCT artist_id FROM batch_songs) b ON a.artist_id = b.artist_id
    GROUP BY a.artist_id HAVING COUNT(*) > 1
  ) d
  UNION ALL
  SELECT 'songplays_missing_time_row', COUNT(*)
  FROM songplays s
  JOIN song_keys k
    ON s.song_title = k.title AND s.artist_name = k.artist_name AND s.song_length = k.duration
  WHERE NOT EXISTS (SELECT 1 FROM time t WHERE t.start_time = s.start_time)
) checks;

DROP TABLE song_keys;
DROP TABLE batch_songs;
