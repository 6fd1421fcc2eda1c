-- Per-batch staging table for song_data, loaded with JSON 'auto': column names are the JSON keys.
DROP TABLE IF EXISTS {{staging}};
CREATE TABLE {{staging}} (
  num_songs         INTEGER,
  artist_id         VARCHAR(32),
  artist_latitude   DOUBLE PRECISION,
  artist_longitude  DOUBLE PRECISION,
  artist_location   VARCHAR(1024),
  artist_name       VARCHAR(1024),
  song_id           VARCHAR(32),
  title             VARCHAR(1024),
  duration          DOUBLE PRECISION,
  year              INTEGER
) DISTSTYLE EVEN;
