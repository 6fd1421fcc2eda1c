/** Redshift -> PostgreSQL text of the dialect rewrites (the integration suites run the results). */

import { InvalidDatePartError } from '../../../../../local/data-api/dialect/date-parts';
import { translateRedshiftSql } from '../../../../../local/data-api/dialect/dialect';
import { UnsupportedLocallyError } from '../../../../../local/data-api/dialect/unsupported';

const one = (sql: string) => {
  const out = translateRedshiftSql(sql);
  expect(out).toHaveLength(1);
  return out[0].sql.replace(/\s+/g, ' ').trim();
};

describe('dialect rewrites', () => {
  test('EXTRACT / DATE_PART / DATEADD / DATEDIFF resolve synonyms to one canonical part', () => {
    expect(
      one('select extract(weekday from ts), date_part(dy, ts), dateadd(hrs, 1, ts), datediff(qtr, a, b) from t'),
    ).toBe(
      "select pg_redshift_sys.date_part('dow', ts), pg_redshift_sys.pgdate_part('doy', ts), dateadd('hour', 1, ts), datediff('quarter', a, b) from t",
    );
    expect(one("select date_trunc('mon', ts), extract('ms' from ts)")).toBe(
      "select date_trunc('month', ts), pg_redshift_sys.date_part('millisecond', ts)",
    );
    expect(() => translateRedshiftSql('select extract(fortnight from ts)')).toThrow(InvalidDatePartError);
    expect(() => translateRedshiftSql('select dateadd(dow, 1, ts)')).toThrow(
      'DATEADD: date part "dow" is not a Redshift date part',
    );
  });

  test('lateral column aliases are replaced by their expression in later items only, nested calls rewritten too', () => {
    expect(
      one(
        "select timestamp 'epoch' + ts/1000 * interval '1 second' as start_time, extract(hour from start_time) as hour from e",
      ),
    ).toBe(
      "select timestamp 'epoch' + ts/1000 * interval '1 second' as start_time, pg_redshift_sys.date_part('hour', (timestamp 'epoch' + ts/1000 * interval '1 second')) as hour from e",
    );
    expect(one('select a + 1 as b, b * 2 as c, c - b as d, t.b from t where b > 0')).toBe(
      'select a + 1 as b, (a + 1) * 2 as c, ((a + 1) * 2) - (a + 1) as d, t.b from t where b > 0',
    );
  });

  test('a subquery in a later item keeps its own scope: an alias named like a table is not substituted there', () => {
    const sql =
      'select (select count(*) from songplays) as songplays, (select count(*) from songplays where song_id is not null) as matched';
    expect(one(sql)).toBe(sql);
  });

  test('TOP n becomes LIMIT n at the end of its own query level', () => {
    expect(one('select top 5 a from t order by a desc')).toBe('select a from t order by a desc LIMIT 5');
    expect(one('select x from (select distinct top 2 a as x from t order by a) q')).toBe(
      'select x from (select distinct a as x from t order by a LIMIT 2) q',
    );
  });

  test('types: DECIMAL default (18,0) in DDL and casts, VARCHAR/TEXT defaults in DDL only, MAX, SUPER', () => {
    expect(
      one('create table t (a decimal, b numeric(5,2), c varchar, d text, e varchar(max), f super, g nchar(2))'),
    ).toBe(
      'create table t (a numeric(18,0), b numeric(5,2), c varchar(256), d varchar(256), e varchar(65535), f jsonb, g char(2))',
    );
    expect(one('select cast(x as decimal), x::numeric, x::varchar, cast(y as text) from t')).toBe(
      'select cast(x as numeric(18,0)), x::numeric(18,0), x::varchar, cast(y as text) from t',
    );
    expect(one('select text, decimal from t')).toBe('select text, decimal from t');
  });

  test('DECODE, NVL2, LISTAGG, MEDIAN, APPROXIMATE COUNT, CONCAT, REGEXP_REPLACE', () => {
    expect(one("select decode(a, 1, 'one', null, 'none', 'other') from t")).toBe(
      "select CASE WHEN (a) IS NOT DISTINCT FROM (1) THEN 'one' WHEN (a) IS NOT DISTINCT FROM (null) THEN 'none' ELSE 'other' END from t",
    );
    expect(one("select listagg(name, ', ') within group (order by name) from t")).toBe(
      "select string_agg((name)::varchar, ', ' order by name) from t",
    );
    expect(one('select median(x), approximate count(distinct y) from t')).toBe(
      'select percentile_cont(0.5) WITHIN GROUP (ORDER BY x), count(distinct y) from t',
    );
    expect(one("select concat(a, b), regexp_replace(a, 'x', 'y'), nvl2(a, 1, 2) from t")).toBe(
      "select pg_redshift_sys.concat(a, b), pg_redshift_sys.regexp_replace(a, 'x', 'y'), nvl2(a, 1, 2) from t",
    );
  });

  test('ALTER TABLE APPEND becomes INSERT + DELETE; UNLOAD is handed over untranslated', () => {
    expect(translateRedshiftSql('alter table sales append from stage').map((s) => s.sql)).toEqual([
      'INSERT INTO sales SELECT * FROM stage',
      'DELETE FROM stage',
    ]);
    const unload = translateRedshiftSql("unload ('select 1') to 's3://b/p' iam_role default");
    expect(unload.map((s) => [s.kind, s.sql])).toEqual([
      ['unload', "unload ('select 1') to 's3://b/p' iam_role default"],
    ]);
  });

  test('unsupported constructs throw UnsupportedLocallyError naming them; look-alike identifiers pass', () => {
    expect(() => translateRedshiftSql('create table g (shape geometry)')).toThrow(UnsupportedLocallyError);
    expect(() => translateRedshiftSql('select x::geography from t')).toThrow('GEOGRAPHY type is not supported locally');
    expect(() => translateRedshiftSql('select * from t qualify row_number() over () = 1')).toThrow('QUALIFY');
    expect(one('select t.geometry, "pivot" from t')).toBe('select t.geometry, "pivot" from t');
    expect(one('select count(*) as hll, a as geometry from t')).toBe('select count(*) as hll, a as geometry from t');
    expect(() => translateRedshiftSql('select cast(x as geometry) from t')).toThrow(
      'GEOMETRY type is not supported locally',
    );
  });
});
