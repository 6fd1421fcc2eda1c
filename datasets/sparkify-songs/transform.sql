-- Star-schema upserts for one song_data batch, inside the batch's transaction (the locks on `targets` of dataset.yml are taken).

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

-- The temp tables stay for the quality checks of dataset.yml (they run next, in the same
-- transaction); they vanish with the session.
