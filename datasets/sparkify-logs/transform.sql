-- Star-schema upserts for one log_data batch. Runs inside one transaction (BatchExecuteStatement),
-- after the locks on the tables `targets` in dataset.yml names. Every step is an upsert on natural keys, so
-- replaying a batch (or racing the ledger check) cannot create duplicates.

-- One row per (session, item) in this batch, deterministic if a file repeats an event.
CREATE TEMP TABLE batch_plays AS
SELECT MD5(CAST(session_id AS VARCHAR) || ':' || CAST(item_in_session AS VARCHAR)) AS songplay_id,
       TIMESTAMP 'epoch' + ts * INTERVAL '0.001 second' AS start_time,
       user_id, level, session_id, item_in_session, location, user_agent,
       song AS song_title, artist AS artist_name, length AS song_length
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY session_id, item_in_session
                               ORDER BY ts DESC, user_id, level, location, user_agent, song, artist, length) AS rn
  FROM {{staging}}
  WHERE page = 'NextSong' AND session_id IS NOT NULL AND item_in_session IS NOT NULL AND ts IS NOT NULL
) e
WHERE rn = 1;

-- The song keys of these plays, for the best song match (shared/sql/fragments/best_song_match.sql).
CREATE TEMP TABLE song_keys AS
SELECT DISTINCT song_title AS title, artist_name, song_length AS duration FROM batch_plays;

-- songplays: replace rows of the same natural key, resolving the song now (best song match).
DELETE FROM songplays USING batch_plays b WHERE songplays.songplay_id = b.songplay_id;

INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id,
                       item_in_session, location, user_agent, song_title, artist_name, song_length)
SELECT b.songplay_id, b.start_time, b.user_id, b.level, m.song_id, m.artist_id, b.session_id,
       b.item_in_session, b.location, b.user_agent, b.song_title, b.artist_name, b.song_length
FROM batch_plays b
LEFT JOIN (
{{> best_song_match}}
) m ON m.title = b.song_title AND m.artist_name = b.artist_name AND m.duration = b.song_length;

-- time: one row per distinct start_time of songplays.
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT t.start_time,
       CAST(EXTRACT(HOUR FROM t.start_time) AS SMALLINT),
       CAST(EXTRACT(DAY FROM t.start_time) AS SMALLINT),
       CAST(EXTRACT(WEEK FROM t.start_time) AS SMALLINT),
       CAST(EXTRACT(MONTH FROM t.start_time) AS SMALLINT),
       CAST(EXTRACT(YEAR FROM t.start_time) AS SMALLINT),
       CAST(EXTRACT(DOW FROM t.start_time) AS SMALLINT)
FROM (SELECT DISTINCT start_time FROM batch_plays) t
WHERE NOT EXISTS (SELECT 1 FROM time x WHERE x.start_time = t.start_time);

-- users: the latest event by (ts, session, item) over all pages; an older event never wins.
CREATE TEMP TABLE batch_users AS
SELECT user_id, first_name, last_name, gender, level, ts, session_id, item_in_session
FROM (
  SELECT user_id, first_name, last_name, gender, level, ts, session_id, item_in_session,
         ROW_NUMBER() OVER (PARTITION BY user_id
                            ORDER BY ts DESC, session_id DESC, item_in_session DESC, level, first_name, last_name) AS rn
  FROM {{staging}}
  WHERE user_id IS NOT NULL AND ts IS NOT NULL
) u
WHERE rn = 1;

UPDATE users
SET first_name = b.first_name, last_name = b.last_name, gender = b.gender, level = b.level,
    last_ts = b.ts, last_session_id = b.session_id, last_item_in_session = b.item_in_session
FROM batch_users b
WHERE users.user_id = b.user_id
  AND (b.ts > users.last_ts
       OR (b.ts = users.last_ts AND b.session_id > users.last_session_id)
       OR (b.ts = users.last_ts AND b.session_id = users.last_session_id AND b.item_in_session >= users.last_item_in_session));

INSERT INTO users (user_id, first_name, last_name, gender, level, last_ts, last_session_id, last_item_in_session)
SELECT b.user_id, b.first_name, b.last_name, b.gender, b.level, b.ts, b.session_id, b.item_in_session
FROM batch_users b
WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.user_id = b.user_id);

-- The temp tables stay for the quality checks of dataset.yml (they run next, in the same
-- transaction); they vanish with the session.
