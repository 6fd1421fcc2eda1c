-- Redshift string, conditional and JSON functions missing from PostgreSQL (or differing from
-- it), in schema pg_redshift_sys. Calls of CONCAT and REGEXP_REPLACE are qualified by the
-- dialect (dialect/rewrite-functions.ts), because PostgreSQL's own functions would shadow these.

-- CONCAT returns NULL when either argument is NULL ("CONCAT function"); PostgreSQL's skips NULLs.
CREATE OR REPLACE FUNCTION pg_redshift_sys.concat(a text, b text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT a || b $$;

-- REGEXP_REPLACE replaces every match ("REGEXP_REPLACE function"); PostgreSQL's only the first.
CREATE OR REPLACE FUNCTION pg_redshift_sys.regexp_replace(s text, pattern text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.regexp_replace(s, pattern, '', 'g') $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.regexp_replace(s text, pattern text, replacement text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.regexp_replace(s, pattern, replacement, 'g') $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.regexp_replace(s text, pattern text, replacement text, pos integer) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.regexp_replace(s, pattern, replacement, pos, 0) $$;

-- NVL2(expr, not_null_value, null_value).
CREATE OR REPLACE FUNCTION pg_redshift_sys.nvl2(x anyelement, a anycompatible, b anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN x IS NULL THEN b ELSE a END $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.nvl2(x text, a anycompatible, b anycompatible) RETURNS anycompatible
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN x IS NULL THEN b ELSE a END $$;

-- CHARINDEX(substring, string): 1-based position, 0 when absent.
CREATE OR REPLACE FUNCTION pg_redshift_sys.charindex(sub text, s text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT strpos(s, sub) $$;

-- STRTOL(string, base): the string read as an integer in base 2..36.
CREATE OR REPLACE FUNCTION pg_redshift_sys.strtol(s text, base integer) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  result bigint := 0;
  digit integer;
  c text;
  negative boolean := false;
  body text := lower(trim(s));
BEGIN
  IF base < 2 OR base > 36 THEN RAISE EXCEPTION 'STRTOL: base % is out of range 2..36', base; END IF;
  IF left(body, 1) = '-' THEN negative := true; body := substr(body, 2);
  ELSIF left(body, 1) = '+' THEN body := substr(body, 2); END IF;
  IF base = 16 AND left(body, 2) = '0x' THEN body := substr(body, 3); END IF;
  FOREACH c IN ARRAY regexp_split_to_array(body, '') LOOP
    digit := strpos('0123456789abcdefghijklmnopqrstuvwxyz', c) - 1;
    IF digit < 0 OR digit >= base THEN RAISE EXCEPTION 'STRTOL: invalid digit "%" for base %', c, base; END IF;
    result := result * base + digit;
  END LOOP;
  RETURN CASE WHEN negative THEN -result ELSE result END;
END $$;

-- JSON_EXTRACT_ARRAY_ELEMENT_TEXT(json_string, pos [, null_if_invalid]): 0-based element.
CREATE OR REPLACE FUNCTION pg_redshift_sys.json_extract_array_element_text(doc text, pos integer) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT (doc::json) ->> pos $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.json_extract_array_element_text(doc text, pos integer, null_if_invalid boolean) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN (doc::json) ->> pos;
EXCEPTION WHEN invalid_text_representation THEN
  IF null_if_invalid THEN RETURN NULL; END IF;
  RAISE;
END $$;

-- JSON_ARRAY_LENGTH(json_array).
CREATE OR REPLACE FUNCTION pg_redshift_sys.json_array_length(doc text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT json_array_length(doc::json) $$;

-- IS_VALID_JSON(string): true when the string parses as JSON.
CREATE OR REPLACE FUNCTION pg_redshift_sys.is_valid_json(doc text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  PERFORM doc::json;
  RETURN doc IS NOT NULL;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END $$;

-- SUPER is stored as jsonb: JSON_PARSE builds it, JSON_SERIALIZE prints it.
CREATE OR REPLACE FUNCTION pg_redshift_sys.json_parse(doc text) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$ SELECT doc::jsonb $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.json_serialize(doc jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT doc::text $$;

-- AVG returns BIGINT for any integer argument and DOUBLE PRECISION for a floating point one
-- ("AVG function", Data types); PostgreSQL returns NUMERIC for integers. The dialect qualifies
-- AVG calls, so every argument type needs an overload here (REAL goes to the DOUBLE one).
CREATE OR REPLACE FUNCTION pg_redshift_sys.avg_int_final(state bigint[]) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN state[1] = 0 THEN NULL ELSE state[2] / state[1] END $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.avg_int_step(state bigint[], v bigint) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN v IS NULL THEN state ELSE ARRAY[state[1] + 1, state[2] + v] END $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.avg_int_step(state bigint[], v integer) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.avg_int_step(state, v::bigint) $$;
CREATE OR REPLACE FUNCTION pg_redshift_sys.avg_int_step(state bigint[], v smallint) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE AS $$ SELECT pg_redshift_sys.avg_int_step(state, v::bigint) $$;
CREATE OR REPLACE AGGREGATE pg_redshift_sys.avg(smallint) (
  SFUNC = pg_redshift_sys.avg_int_step, STYPE = bigint[], FINALFUNC = pg_redshift_sys.avg_int_final, INITCOND = '{0,0}');
CREATE OR REPLACE AGGREGATE pg_redshift_sys.avg(integer) (
  SFUNC = pg_redshift_sys.avg_int_step, STYPE = bigint[], FINALFUNC = pg_redshift_sys.avg_int_final, INITCOND = '{0,0}');
CREATE OR REPLACE AGGREGATE pg_redshift_sys.avg(bigint) (
  SFUNC = pg_redshift_sys.avg_int_step, STYPE = bigint[], FINALFUNC = pg_redshift_sys.avg_int_final, INITCOND = '{0,0}');
CREATE OR REPLACE AGGREGATE pg_redshift_sys.avg(double precision) (
  SFUNC = float8_accum, STYPE = float8[], FINALFUNC = float8_avg, INITCOND = '{0,0,0}');
CREATE OR REPLACE AGGREGATE pg_redshift_sys.avg(numeric) (
  SFUNC = numeric_avg_accum, STYPE = internal, FINALFUNC = numeric_avg);
