-- Star schema, ledger and bookkeeping. Idempotent: run once per Lambda container before the first load.
-- Dimensions are small and joined to the fact: DISTSTYLE ALL. The fact is spread by session
-- (even, and a session's plays stay on one slice) and sorted by time, the usual filter.
CREATE SCHEMA IF NOT EXISTS ingest;
CREATE SCHEMA IF NOT EXISTS staging;

CREATE TABLE IF NOT EXISTS ingest.loaded_files (
  key         VARCHAR(1024) NOT NULL,
  etag        VARCHAR(64)   NOT NULL,
  size        BIGINT,
  dataset     VARCHAR(32)   NOT NULL,
  batch_id    VARCHAR(80)   NOT NULL,
  status      VARCHAR(16)   NOT NULL,
  loaded_at   TIMESTAMP     NOT NULL DEFAULT GETDATE(),
  error         VARCHAR(1024),
  error_line    BIGINT,
  error_column  VARCHAR(127),
  error_code    INTEGER,
  PRIMARY KEY (key, etag)
) DISTSTYLE ALL SORTKEY (key);

CREATE TABLE IF NOT EXISTS ingest.quality_results (
  batch_id    VARCHAR(80)  NOT NULL,
  check_name  VARCHAR(64)  NOT NULL,
  violations  BIGINT       NOT NULL,
  checked_at  TIMESTAMP    NOT NULL DEFAULT GETDATE()
) DISTSTYLE ALL SORTKEY (checked_at);

CREATE TABLE IF NOT EXISTS public.songplays (
  songplay_id      VARCHAR(32)  NOT NULL,
  start_time       TIMESTAMP    NOT NULL,
  user_id          INTEGER,
  level            VARCHAR(16),
  song_id          VARCHAR(32),
  artist_id        VARCHAR(32),
  session_id       INTEGER      NOT NULL,
  item_in_session  INTEGER      NOT NULL,
  location         VARCHAR(512),
  user_agent       VARCHAR(1024),
  -- bookkeeping: what the event named, so plays are re-resolved when matching songs arrive later
  song_title       VARCHAR(1024),
  artist_name      VARCHAR(1024),
  song_length      DOUBLE PRECISION,
  PRIMARY KEY (songplay_id)
) DISTKEY (session_id) SORTKEY (start_time);

CREATE TABLE IF NOT EXISTS public.users (
  user_id     INTEGER NOT NULL,
  first_name  VARCHAR(256),
  last_name   VARCHAR(256),
  gender      VARCHAR(8),
  level       VARCHAR(16),
  -- bookkeeping: the (ts, session, item) of the event these attributes come from
  last_ts               BIGINT  NOT NULL,
  last_session_id       INTEGER NOT NULL,
  last_item_in_session  INTEGER NOT NULL,
  PRIMARY KEY (user_id)
) DISTSTYLE ALL SORTKEY (user_id);

CREATE TABLE IF NOT EXISTS public.songs (
  song_id    VARCHAR(32) NOT NULL,
  title      VARCHAR(1024),
  artist_id  VARCHAR(32),
  year       INTEGER,
  duration   DOUBLE PRECISION,
  -- bookkeeping: the artist as written in this song's own record (matching and artists rebuild)
  artist_name       VARCHAR(1024),
  artist_location   VARCHAR(1024),
  artist_latitude   DOUBLE PRECISION,
  artist_longitude  DOUBLE PRECISION,
  PRIMARY KEY (song_id)
) DISTSTYLE ALL SORTKEY (song_id);

CREATE TABLE IF NOT EXISTS public.artists (
  artist_id  VARCHAR(32) NOT NULL,
  name       VARCHAR(1024),
  location   VARCHAR(1024),
  latitude   DOUBLE PRECISION,
  longitude  DOUBLE PRECISION,
  PRIMARY KEY (artist_id)
) DISTSTYLE ALL SORTKEY (artist_id);

CREATE TABLE IF NOT EXISTS public.time (
  start_time  TIMESTAMP NOT NULL,
  hour        SMALLINT,
  day         SMALLINT,
  week        SMALLINT,
  month       SMALLINT,
  year        SMALLINT,
  weekday     SMALLINT,
  PRIMARY KEY (start_time)
) DISTKEY (start_time) SORTKEY (start_time);
