-- Sparkify warehouse, written the way Redshift users write it (the classic "Sparkify on Redshift"
-- ETL): staging tables with IDENTITY and SORTKEY/DISTKEY, dimensions with DISTSTYLE ALL, COPY
-- with CREDENTIALS 'aws_iam_role=...', REGION, TIMEFORMAT 'epochmillisecs', a JSONPaths file and
-- 'auto', then INSERT ... SELECT into the star schema with TIMESTAMP 'epoch' arithmetic, lateral
-- column aliases and EXTRACT on every date part. Nothing here is adapted to the local stack:
-- the same text runs on Redshift (with a bucket and role of your own).
-- Tables live in schema dwh, beside the ingestion service's own star schema in public.

CREATE SCHEMA IF NOT EXISTS dwh;

DROP TABLE IF EXISTS dwh.staging_events;
DROP TABLE IF EXISTS dwh.staging_songs;
DROP TABLE IF EXISTS dwh.songplays;
DROP TABLE IF EXISTS dwh.users;
DROP TABLE IF EXISTS dwh.songs;
DROP TABLE IF EXISTS dwh.artists;
DROP TABLE IF EXISTS dwh.time;

CREATE TABLE dwh.staging_events (
  event_id      BIGINT IDENTITY(0,1) NOT NULL,
  artist        VARCHAR(500),
  auth          VARCHAR(20),
  firstName     VARCHAR(100),
  gender        CHAR(1),
  itemInSession INTEGER,
  lastName      VARCHAR(100),
  length        DOUBLE PRECISION,
  level         VARCHAR(10),
  location      VARCHAR(500),
  method        VARCHAR(10),
  page          VARCHAR(50),
  registration  DOUBLE PRECISION,
  sessionId     INTEGER NOT NULL SORTKEY DISTKEY,
  song          VARCHAR(500),
  status        INTEGER,
  ts            BIGINT NOT NULL,
  userAgent     VARCHAR(MAX),
  userId        VARCHAR(20)
);

CREATE TABLE dwh.staging_songs (
  num_songs        INTEGER,
  artist_id        VARCHAR(50) NOT NULL SORTKEY DISTKEY,
  artist_latitude  DOUBLE PRECISION,
  artist_longitude DOUBLE PRECISION,
  artist_location  VARCHAR(500),
  artist_name      VARCHAR(500),
  song_id          VARCHAR(50),
  title            VARCHAR(500),
  duration         DECIMAL(10,5),
  year             INTEGER
);

CREATE TABLE dwh.songplays (
  songplay_id BIGINT IDENTITY(0,1) NOT NULL,
  start_time  TIMESTAMP NOT NULL SORTKEY,
  user_id     INTEGER NOT NULL DISTKEY,
  level       VARCHAR(10),
  song_id     VARCHAR(50),
  artist_id   VARCHAR(50),
  session_id  INTEGER,
  location    VARCHAR(500),
  user_agent  VARCHAR(MAX),
  PRIMARY KEY (songplay_id)
);

CREATE TABLE dwh.users (
  user_id    INTEGER NOT NULL SORTKEY,
  first_name VARCHAR(100),
  last_name  VARCHAR(100),
  gender     CHAR(1),
  level      VARCHAR(10),
  PRIMARY KEY (user_id)
) DISTSTYLE ALL;

CREATE TABLE dwh.songs (
  song_id   VARCHAR(50) NOT NULL SORTKEY,
  title     VARCHAR(500),
  artist_id VARCHAR(50),
  year      INTEGER,
  duration  DECIMAL(10,5)
) DISTSTYLE ALL;

CREATE TABLE dwh.artists (
  artist_id VARCHAR(50) NOT NULL SORTKEY,
  name      VARCHAR(500),
  location  VARCHAR(500),
  latitude  DECIMAL,
  longitude DECIMAL
) DISTSTYLE ALL;

CREATE TABLE dwh.time (
  start_time TIMESTAMP NOT NULL SORTKEY,
  hour       SMALLINT,
  day        SMALLINT,
  week       SMALLINT,
  month      SMALLINT,
  year       SMALLINT,
  weekday    SMALLINT
) DISTSTYLE ALL COMPOUND SORTKEY (start_time);

COPY dwh.staging_events FROM 's3://sparkify-ingest/examples/sparkify/log_data'
CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/dwhRole'
FORMAT AS JSON 's3://sparkify-ingest/examples/sparkify/log_json_path.json'
TIMEFORMAT 'epochmillisecs'
REGION 'us-east-1'
STATUPDATE ON;

COPY dwh.staging_songs FROM 's3://sparkify-ingest/examples/sparkify/song_data'
CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/dwhRole'
FORMAT AS JSON 'auto'
ACCEPTINVCHARS AS '^'
REGION 'us-east-1'
COMPUPDATE OFF;

INSERT INTO dwh.songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT TIMESTAMP 'epoch' + se.ts/1000 * INTERVAL '1 second' AS start_time,
       se.userId::INTEGER, se.level, ss.song_id, ss.artist_id, se.sessionId, se.location, se.userAgent
FROM dwh.staging_events se
LEFT JOIN dwh.staging_songs ss
  ON se.song = ss.title AND se.artist = ss.artist_name AND ABS(se.length - ss.duration) < 0.001
WHERE se.page = 'NextSong';

INSERT INTO dwh.users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level
FROM (
  SELECT userId::INTEGER AS user_id, firstName AS first_name, lastName AS last_name, gender, level,
         ROW_NUMBER() OVER (PARTITION BY userId ORDER BY ts DESC) AS latest
  FROM dwh.staging_events
  WHERE NVL(userId, '') <> ''
) u
WHERE latest = 1;

INSERT INTO dwh.songs (song_id, title, artist_id, year, duration)
SELECT DISTINCT song_id, title, artist_id, year, duration
FROM dwh.staging_songs
WHERE song_id IS NOT NULL;

INSERT INTO dwh.artists (artist_id, name, location, latitude, longitude)
SELECT artist_id, MAX(artist_name), MAX(artist_location), MAX(artist_latitude), MAX(artist_longitude)
FROM dwh.staging_songs
GROUP BY artist_id;

INSERT INTO dwh.time (start_time, hour, day, week, month, year, weekday)
SELECT DISTINCT TIMESTAMP 'epoch' + ts/1000 * INTERVAL '1 second' AS start_time,
       EXTRACT(hour FROM start_time), EXTRACT(day FROM start_time), EXTRACT(week FROM start_time),
       EXTRACT(month FROM start_time), EXTRACT(year FROM start_time), EXTRACT(weekday FROM start_time)
FROM dwh.staging_events
WHERE page = 'NextSong';
