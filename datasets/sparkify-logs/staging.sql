-- Per-batch staging table for log_data. Columns follow jsonpaths.json by position.
-- Wide VARCHARs: lengths are bytes and the logs carry double-encoded UTF-8.
DROP TABLE IF EXISTS {{staging}};
CREATE TABLE {{staging}} (
  artist           VARCHAR(1024),
  auth             VARCHAR(32),
  first_name       VARCHAR(256),
  gender           VARCHAR(8),
  item_in_session  INTEGER,
  last_name        VARCHAR(256),
  length           DOUBLE PRECISION,
  level            VARCHAR(16),
  location         VARCHAR(512),
  method           VARCHAR(16),
  page             VARCHAR(64),
  registration     DOUBLE PRECISION,
  session_id       INTEGER,
  song             VARCHAR(1024),
  status           SMALLINT,
  ts               BIGINT,
  user_agent       VARCHAR(1024),
  user_id          INTEGER
) DISTSTYLE EVEN;
