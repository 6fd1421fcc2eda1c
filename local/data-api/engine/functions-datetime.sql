-- Redshift date-part functions with Redshift's result types, in schema pg_redshift_sys.
-- The dialect (dialect/rewrite-functions.ts) resolves every date-part synonym to a canonical
-- name before calling these, so they only see: millennium century decade epoch year quarter
-- month week dow doy day hour minute second millisecond microsecond timezone timezone_hour
-- timezone_minute.

-- Not STRICT, on purpose: PostgreSQL inlines a one-expression SQL function into the query only
-- when it is not STRICT (or its body is provably strict, which a CASE is not); the part is then a
-- constant and the CASE folds away, so EXTRACT(HOUR FROM ts) costs what PostgreSQL's own does.
-- As STRICT functions the time dimension's six EXTRACTs per row took 8x longer. A NULL argument
-- still gives NULL: every branch is strict in ts.

-- The value of a part. Redshift's millisecond / microsecond are the fraction of the second only
-- ("EXTRACT function" example: ms of 12:08:43.101 is 101), and second is whole seconds.
CREATE OR REPLACE FUNCTION pg_redshift_sys.part_value(part text, ts timestamp) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE part
    WHEN 'millisecond' THEN mod(trunc(extract(microseconds FROM ts) / 1000), 1000)
    WHEN 'microsecond' THEN mod(extract(microseconds FROM ts), 1000000)
    WHEN 'second' THEN trunc(extract(second FROM ts))
    ELSE pg_catalog.date_part(part, ts)::numeric END $$;

CREATE OR REPLACE FUNCTION pg_redshift_sys.part_value(part text, ts timestamptz) RETURNS numeric
  LANGUAGE sql STABLE AS $$
  SELECT CASE part
    WHEN 'millisecond' THEN mod(trunc(extract(microseconds FROM ts) / 1000), 1000)
    WHEN 'microsecond' THEN mod(extract(microseconds FROM ts), 1000000)
    WHEN 'second' THEN trunc(extract(second FROM ts))
    ELSE pg_catalog.date_part(part, ts)::numeric END $$;

CREATE OR REPLACE FUNCTION pg_redshift_sys.part_value(part text, t time) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE part
    WHEN 'millisecond' THEN mod(trunc(extract(microseconds FROM t) / 1000), 1000)
    WHEN 'microsecond' THEN mod(extract(microseconds FROM t), 1000000)
    WHEN 'second' THEN trunc(extract(second FROM t))
    ELSE pg_catalog.date_part(part, t)::numeric END $$;

CREATE OR REPLACE FUNCTION pg_redshift_sys.part_value(part text, i interval) RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE part
    WHEN 'millisecond' THEN mod(trunc(extract(microseconds FROM i) / 1000), 1000)
    WHEN 'microsecond' THEN mod(extract(microseconds FROM i), 1000000)
    WHEN 'second' THEN trunc(extract(second FROM i))
    ELSE pg_catalog.date_part(part, i)::numeric END $$;

-- EXTRACT (named date_part, the column name Redshift gives it): INTEGER for TIMESTAMP, TIME, TIMETZ and intervals (and DATE, which Redshift converts
-- to TIMESTAMP); DOUBLE PRECISION for TIMESTAMPTZ ("EXTRACT function", Return type).
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, ts timestamp) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(pg_redshift_sys.part_value(part, ts))::integer $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, d date) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(pg_redshift_sys.part_value(part, d::timestamp))::integer $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, ts timestamptz) RETURNS double precision
  LANGUAGE sql STABLE AS $$ SELECT pg_redshift_sys.part_value(part, ts)::double precision $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, t time) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(pg_redshift_sys.part_value(part, t))::integer $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, t timetz) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(pg_redshift_sys.part_value(part, t::time))::integer $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, i interval) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(pg_redshift_sys.part_value(part, i))::integer $$;
-- A string literal source ('2018-11-01 21:01:46') is a TIMESTAMP, as in Redshift.
CREATE OR REPLACE FUNCTION pg_redshift_sys.date_part(part text, s text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(pg_redshift_sys.part_value(part, s::timestamp))::integer $$;

-- DATE_PART / PGDATE_PART (named pgdate_part, Redshift's column name for it): DOUBLE ("DATE_PART function", Return type).
CREATE OR REPLACE FUNCTION pg_redshift_sys.pgdate_part(part text, ts timestamp) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.part_value(part, ts)::double precision $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.pgdate_part(part text, d date) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.part_value(part, d::timestamp)::double precision $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.pgdate_part(part text, ts timestamptz) RETURNS double precision
  LANGUAGE sql STABLE AS $$ SELECT pg_redshift_sys.part_value(part, ts)::double precision $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.pgdate_part(part text, t time) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.part_value(part, t)::double precision $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.pgdate_part(part text, i interval) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.part_value(part, i)::double precision $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.pgdate_part(part text, s text) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.part_value(part, s::timestamp)::double precision $$;

-- DATEADD with a DATE or TIMESTAMP returns TIMESTAMP; TIMESTAMPTZ stays TIMESTAMPTZ.
CREATE OR REPLACE FUNCTION pg_redshift_sys.dateadd(part text, n bigint, ts timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE AS $$
  SELECT ts + n * CASE pg_redshift_sys.canonical_datepart(part)
    WHEN 'quarter' THEN interval '3 months'
    WHEN 'week' THEN interval '7 days'
    ELSE ('1 ' || pg_redshift_sys.canonical_datepart(part))::interval END $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.dateadd(part text, n bigint, d date) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.dateadd(part, n, d::timestamp) $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.dateadd(part text, n bigint, s text) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.dateadd(part, n, s::timestamp) $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.datediff(part text, a date, b date) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.datediff(part, a::timestamp, b::timestamp) $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.datediff(part text, a text, b text) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.datediff(part, a::timestamp, b::timestamp) $$;

-- TRUNC(timestamp): the date of the timestamp ("TRUNC function", datetime form).
CREATE OR REPLACE FUNCTION pg_redshift_sys.trunc(ts timestamp) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ts::date $$;

-- ADD_MONTHS: TIMESTAMP; the last day of a month maps to the last day of the result month.
CREATE OR REPLACE FUNCTION pg_redshift_sys.add_months(ts timestamp, n integer) RETURNS timestamp
  LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN ts::date = (date_trunc('month', ts) + interval '1 month - 1 day')::date
    THEN (date_trunc('month', ts + n * interval '1 month') + interval '1 month - 1 day')::date + ts::time
    ELSE ts + n * interval '1 month' END $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.add_months(d date, n integer) RETURNS timestamp
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_redshift_sys.add_months(d::timestamp, n) $$;

-- LAST_DAY(date): DATE of the last day of the month.
CREATE OR REPLACE FUNCTION pg_redshift_sys.last_day(ts timestamp) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (date_trunc('month', ts) + interval '1 month - 1 day')::date $$;

-- NEXT_DAY(date, day): the first date after `d` on the named weekday (a prefix of its name).
CREATE OR REPLACE FUNCTION pg_redshift_sys.next_day(d timestamp, day text) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT d::date + 1 + ((7 + w.dow::integer - extract(dow FROM d::date + 1)::integer) % 7)
  FROM (SELECT k - 1 AS dow FROM unnest(ARRAY['sunday','monday','tuesday','wednesday','thursday','friday','saturday']) WITH ORDINALITY AS n(name, k)
        WHERE n.name LIKE lower(trim(day)) || '%' AND length(trim(day)) >= 2) w $$;

-- MONTHS_BETWEEN(d1, d2): FLOAT8; whole months when both days are equal or both are month ends,
-- otherwise the day difference counts in 31-day months.
CREATE OR REPLACE FUNCTION pg_redshift_sys.months_between(a date, b date) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE
    WHEN extract(day FROM a) = extract(day FROM b)
      OR (a = pg_redshift_sys.last_day(a::timestamp) AND b = pg_redshift_sys.last_day(b::timestamp))
    THEN ((extract(year FROM a) - extract(year FROM b)) * 12 + extract(month FROM a) - extract(month FROM b))::double precision
    ELSE ((extract(year FROM a) - extract(year FROM b)) * 12 + extract(month FROM a) - extract(month FROM b)
          + (extract(day FROM a) - extract(day FROM b)) / 31.0)::double precision END $$;
