-- The example's target table, created before its first load.
CREATE TABLE IF NOT EXISTS public.listens (
  listen_id    BIGINT,
  user_id      INTEGER,
  song         VARCHAR(256),
  seconds      DOUBLE PRECISION,
  listened_at  TIMESTAMP
);
