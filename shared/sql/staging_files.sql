-- The batch's file list (key, etag, size), COPY'd from files-<n>.jsonl so keys never enter SQL text.
DROP TABLE IF EXISTS {{files}};
CREATE TABLE {{files}} (
  key   VARCHAR(1024),
  etag  VARCHAR(64),
  size  BIGINT
) DISTSTYLE ALL;
