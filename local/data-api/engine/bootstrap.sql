-- Bootstrap of the Data API emulator's database: Redshift system tables and function shims.
-- Idempotent: runs at every start of the engine (also on an existing data folder).
-- Everything lives in schema pg_redshift_sys, which the engine puts on the search_path after public.

CREATE SCHEMA IF NOT EXISTS pg_redshift_sys;

-- RedshiftQueryId: a sequence is not transactional, so ids keep increasing across rollbacks
-- and across restarts of the same data folder.
CREATE SEQUENCE IF NOT EXISTS pg_redshift_sys.query_id_seq START WITH 1000;

-- Redshift pads these char columns; the emulator stores trimmed text, truncated to Redshift's lengths.
CREATE TABLE IF NOT EXISTS pg_redshift_sys.stl_load_errors (
  userid integer,
  slice integer,
  tbl integer,
  starttime timestamp,
  session integer,
  query integer,
  filename text,
  line_number bigint,
  colname text,
  type text,
  col_length text,
  position integer,
  raw_line text,
  raw_field_value text,
  err_code integer,
  err_reason text,
  is_partial integer,
  start_offset bigint
);

CREATE TABLE IF NOT EXISTS pg_redshift_sys.sys_load_error_detail (
  user_id integer,
  query_id bigint,
  transaction_id bigint,
  session_id integer,
  database_name text,
  table_id integer,
  start_time timestamp,
  file_name text,
  line_number bigint,
  column_name text,
  column_type text,
  column_length text,
  position integer,
  error_code integer,
  error_message text
);

-- GETDATE(): statement start, UTC, no fractional seconds.
CREATE OR REPLACE FUNCTION pg_redshift_sys.getdate() RETURNS timestamp
  LANGUAGE sql STABLE AS $$ SELECT date_trunc('second', statement_timestamp() AT TIME ZONE 'UTC') $$;

-- Set after each COPY by statement dispatch (execution/statement-dispatch.ts) (session settings; -1 / 0 before any COPY).
CREATE OR REPLACE FUNCTION pg_redshift_sys.pg_last_copy_id() RETURNS integer
  LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('redshift.last_copy_id', true), ''), '-1')::integer $$;

CREATE OR REPLACE FUNCTION pg_redshift_sys.pg_last_copy_count() RETURNS bigint
  LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('redshift.last_copy_count', true), ''), '0')::bigint $$;

-- Redshift date part names and abbreviations -> one canonical name, for parts given as
-- expressions (the dialect resolves literal parts itself: dialect/date-parts.ts holds the table).
CREATE OR REPLACE FUNCTION pg_redshift_sys.canonical_datepart(part text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN lower(part) IN ('millennium', 'millennia', 'mil', 'mils') THEN 'millennium'
    WHEN lower(part) IN ('century', 'centuries', 'c', 'cent', 'cents') THEN 'century'
    WHEN lower(part) IN ('decade', 'decades', 'dec', 'decs') THEN 'decade'
    WHEN lower(part) IN ('year', 'years', 'y', 'yr', 'yrs') THEN 'year'
    WHEN lower(part) IN ('quarter', 'quarters', 'qtr', 'qtrs') THEN 'quarter'
    WHEN lower(part) IN ('month', 'months', 'mon', 'mons') THEN 'month'
    WHEN lower(part) IN ('week', 'weeks', 'w') THEN 'week'
    WHEN lower(part) IN ('dayofweek', 'dow', 'dw', 'weekday') THEN 'dow'
    WHEN lower(part) IN ('dayofyear', 'doy', 'dy', 'yearday') THEN 'doy'
    WHEN lower(part) IN ('day', 'days', 'd') THEN 'day'
    WHEN lower(part) IN ('hour', 'hours', 'h', 'hr', 'hrs') THEN 'hour'
    WHEN lower(part) IN ('minute', 'minutes', 'm', 'min', 'mins') THEN 'minute'
    WHEN lower(part) IN ('second', 'seconds', 's', 'sec', 'secs') THEN 'second'
    WHEN lower(part) IN ('millisecond', 'milliseconds', 'ms', 'msec', 'msecs', 'msecond', 'mseconds', 'millisec', 'millisecs', 'millisecon') THEN 'millisecond'
    WHEN lower(part) IN ('microsecond', 'microseconds', 'microsec', 'microsecs', 'usecond', 'useconds', 'us', 'usec', 'usecs') THEN 'microsecond'
    ELSE lower(part) END $$;

CREATE OR REPLACE FUNCTION pg_redshift_sys.dateadd(part text, n bigint, ts timestamp) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$
  SELECT ts + n * CASE pg_redshift_sys.canonical_datepart(part)
    WHEN 'quarter' THEN interval '3 months'
    WHEN 'week' THEN interval '7 days'
    ELSE ('1 ' || pg_redshift_sys.canonical_datepart(part))::interval END $$;

-- DATEDIFF counts the part boundaries crossed between a and b, as Redshift does.
CREATE OR REPLACE FUNCTION pg_redshift_sys.datediff(part text, a timestamp, b timestamp) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE pg_redshift_sys.canonical_datepart(part)
    WHEN 'year' THEN extract(year FROM b) - extract(year FROM a)
    WHEN 'quarter' THEN (extract(year FROM b) * 4 + extract(quarter FROM b)) - (extract(year FROM a) * 4 + extract(quarter FROM a))
    WHEN 'month' THEN (extract(year FROM b) * 12 + extract(month FROM b)) - (extract(year FROM a) * 12 + extract(month FROM a))
    WHEN 'week' THEN (date_trunc('week', b)::date - date_trunc('week', a)::date) / 7
    WHEN 'day' THEN b::date - a::date
    WHEN 'hour' THEN (extract(epoch FROM date_trunc('hour', b)) - extract(epoch FROM date_trunc('hour', a))) / 3600
    WHEN 'minute' THEN (extract(epoch FROM date_trunc('minute', b)) - extract(epoch FROM date_trunc('minute', a))) / 60
    WHEN 'second' THEN extract(epoch FROM date_trunc('second', b)) - extract(epoch FROM date_trunc('second', a))
    WHEN 'millisecond' THEN floor(extract(epoch FROM (b - a)) * 1000)
    WHEN 'microsecond' THEN floor(extract(epoch FROM (b - a)) * 1000000)
    WHEN 'decade' THEN floor(extract(year FROM b) / 10) - floor(extract(year FROM a) / 10)
    WHEN 'century' THEN floor((extract(year FROM b) - 1) / 100) - floor((extract(year FROM a) - 1) / 100)
    WHEN 'millennium' THEN floor((extract(year FROM b) - 1) / 1000) - floor((extract(year FROM a) - 1) / 1000)
    ELSE NULL END::bigint $$;

-- CONVERT_TIMEZONE([source,] target, timestamp): timestamps without zone, source defaults to UTC.
CREATE OR REPLACE FUNCTION pg_redshift_sys.convert_timezone(source text, target text, ts timestamp) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$ SELECT (ts AT TIME ZONE source) AT TIME ZONE target $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.convert_timezone(target text, ts timestamp) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$ SELECT (ts AT TIME ZONE 'UTC') AT TIME ZONE target $$;

-- Redshift's JSON_EXTRACT_PATH_TEXT takes a varchar holding JSON; NULL for invalid JSON is not emulated.
CREATE OR REPLACE FUNCTION pg_redshift_sys.json_extract_path_text(doc text, VARIADIC path text[]) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.json_extract_path_text(doc::json, VARIADIC path) $$;

-- LEN(): Redshift's synonym of LENGTH for strings.
CREATE OR REPLACE FUNCTION pg_redshift_sys.len(s text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT length(s) $$;

-- Redshift's physical design of each table (DISTSTYLE, DISTKEY, SORTKEY, ENCODE), recorded by the
-- dialect after every CREATE TABLE (dialect/table-design.ts); keyed by oid, so a dropped table's
-- row stops matching. Everyone may write it: CREATE TABLE runs as the statement's database user.
CREATE TABLE IF NOT EXISTS pg_redshift_sys.table_design (
  reloid oid PRIMARY KEY,
  diststyle text NOT NULL,
  distkey text,
  sortkeys text[] NOT NULL DEFAULT '{}',
  sortkey_type text,
  encodings jsonb NOT NULL DEFAULT '{}'
);
GRANT USAGE ON SCHEMA pg_redshift_sys TO PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON pg_redshift_sys.table_design TO PUBLIC;

-- SVV_TABLE_INFO: distribution style as Redshift prints it (KEY(col), ALL, EVEN, AUTO(ALL): AUTO
-- starts small tables as ALL), first sort key, number of sort keys. Sizes and statistics are not kept.
CREATE OR REPLACE VIEW pg_redshift_sys.svv_table_info AS
SELECT 'dev'::text AS database, n.nspname::text AS schema, c.oid::integer AS table_id,
       c.relname::text AS "table",
       CASE WHEN d.encodings <> '{}'::jsonb THEN 'Y' ELSE 'N' END AS encoded,
       CASE coalesce(d.diststyle, 'AUTO')
         WHEN 'KEY' THEN 'KEY(' || d.distkey || ')'
         WHEN 'AUTO' THEN 'AUTO(ALL)'
         ELSE d.diststyle END AS diststyle,
       CASE WHEN d.sortkey_type = 'AUTO' THEN 'AUTO(SORTKEY)'
            WHEN d.sortkey_type = 'INTERLEAVED' THEN 'INTERLEAVED'
            ELSE d.sortkeys[1] END AS sortkey1,
       coalesce(cardinality(d.sortkeys), 0) AS sortkey_num
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_redshift_sys.table_design d ON d.reloid = c.oid
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_redshift_sys')
  AND n.nspname NOT LIKE 'pg\_%';

-- PG_TABLE_DEF: one row per column of the tables in schemas on the search path, with its
-- encoding, distkey flag and sort key position (negative for interleaved keys).
CREATE OR REPLACE VIEW pg_redshift_sys.pg_table_def AS
SELECT n.nspname::text AS schemaname, c.relname::text AS tablename, a.attname::text AS "column",
       format_type(a.atttypid, a.atttypmod) AS type,
       coalesce(d.encodings ->> a.attname::text, 'none') AS encoding,
       coalesce(d.distkey = a.attname::text, false) AS distkey,
       coalesce(array_position(d.sortkeys, a.attname::text) * CASE WHEN d.sortkey_type = 'INTERLEAVED' THEN -1 ELSE 1 END, 0) AS sortkey,
       a.attnotnull AS notnull
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_redshift_sys.table_design d ON d.reloid = c.oid
WHERE c.relkind = 'r' AND n.nspname = ANY (current_schemas(false)) AND n.nspname <> 'pg_redshift_sys';
