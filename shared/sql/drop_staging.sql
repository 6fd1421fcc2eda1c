-- Drops a staging table that an execution left behind.
DROP TABLE IF EXISTS {{staging}}
