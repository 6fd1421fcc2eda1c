-- Staging table of one listens batch, in the Parquet files' column order.
DROP TABLE IF EXISTS {{staging}};
CREATE TABLE {{staging}} (
  listen_id    BIGINT,
  user_id      INTEGER,
  song         VARCHAR(256),
  seconds      DOUBLE PRECISION,
  listened_at  TIMESTAMP
) DISTSTYLE EVEN;
