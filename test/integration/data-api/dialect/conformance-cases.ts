/**
 * The dialect conformance table: one documented Redshift behaviour per row, each citing the page
 * of the Amazon Redshift Database Developer Guide it checks, with the value and the type Redshift
 * reports (ColumnMetadata typeName and the Field member of GetStatementResult).
 *
 * Each `sql` returns one row of one column. Tables the cases read are created by
 * conformance.test.ts (`conf_*`).
 */
import { DATE_PART_SYNONYMS } from '../../../../local/data-api/dialect/date-parts';

const DOC = 'https://docs.aws.amazon.com/redshift/latest/dg/';

/** The Field member and value expected. */
export type Expected =
  | { longValue: number }
  | { doubleValue: number }
  | { stringValue: string }
  | { booleanValue: boolean }
  | { isNull: true };

export interface ConformanceCase {
  sql: string;
  expected: Expected;
  typeName: string;
  doc: string;
}

const c = (sql: string, expected: Expected, typeName: string, page: string): ConformanceCase => ({
  sql,
  expected,
  typeName,
  doc: DOC + page,
});

/** 2018-11-15 21:01:46.796 is a Thursday, day 319 of the year, in ISO week 46. */
const TS = "TIMESTAMP '2018-11-15 21:01:46.796'";
const PART_VALUES: Record<string, number> = {
  millennium: 3,
  century: 21,
  decade: 201,
  year: 2018,
  quarter: 4,
  month: 11,
  week: 46,
  dow: 4,
  doy: 319,
  day: 15,
  hour: 21,
  minute: 1,
  second: 46,
  millisecond: 796,
  microsecond: 796000,
};

/** EXTRACT with every documented name of every part: INTEGER (int4, longValue). */
const extractSynonyms: ConformanceCase[] = Object.entries(DATE_PART_SYNONYMS)
  .filter(([canonical]) => canonical in PART_VALUES)
  .flatMap(([canonical, names]) =>
    [...new Set(names)].map((name) =>
      c(
        `SELECT EXTRACT(${name} FROM ${TS})`,
        { longValue: PART_VALUES[canonical] },
        'int4',
        'r_Dateparts_for_datetime_functions.html',
      ),
    ),
  );

const datetime: ConformanceCase[] = [
  c(`SELECT EXTRACT(hour FROM ${TS})`, { longValue: 21 }, 'int4', 'r_EXTRACT_function.html'),
  c(
    "SELECT EXTRACT(ms FROM TIMESTAMP '2009-09-09 12:08:43.101')",
    { longValue: 101 },
    'int4',
    'r_EXTRACT_function.html',
  ),
  c("SELECT EXTRACT(minute FROM TIMESTAMP '2009-09-09 12:08:43')", { longValue: 8 }, 'int4', 'r_EXTRACT_function.html'),
  c(
    "SELECT EXTRACT(year FROM TIMESTAMPTZ '1.12.1997 07:37:16.00 PST')",
    { doubleValue: 1997 },
    'float8',
    'r_EXTRACT_function.html',
  ),
  c("SELECT EXTRACT(hour FROM TIME '18:25:33.123456')", { longValue: 18 }, 'int4', 'r_EXTRACT_function.html'),
  c("SELECT EXTRACT(day FROM DATE '2018-11-15')", { longValue: 15 }, 'int4', 'r_EXTRACT_function.html'),
  c(
    'SELECT EXTRACT(weekday FROM start_time) FROM conf_times WHERE id = 1',
    { longValue: 4 },
    'int4',
    'r_Dateparts_for_datetime_functions.html',
  ),
  c(
    "SELECT EXTRACT(epoch FROM TIMESTAMP '2018-11-15 00:00:00')",
    { longValue: 1542240000 },
    'int4',
    'r_Dateparts_for_datetime_functions.html',
  ),
  c(
    "SELECT DATE_PART(minute, TIMESTAMP '20230104 04:05:06.789')",
    { doubleValue: 5 },
    'float8',
    'r_DATE_PART_function.html',
  ),
  c("SELECT DATE_PART(w, TIMESTAMP '2018-11-15 21:01:46')", { doubleValue: 46 }, 'float8', 'r_DATE_PART_function.html'),
  c("SELECT DATE_PART('dayofweek', DATE '2018-11-15')", { doubleValue: 4 }, 'float8', 'r_DATE_PART_function.html'),
  c("SELECT PGDATE_PART(dy, DATE '2018-11-15')", { doubleValue: 319 }, 'float8', 'r_DATE_PART_function.html'),
  c(
    "SELECT DATEADD(month, 18, DATE '2008-02-28')",
    { stringValue: '2009-08-28 00:00:00' },
    'timestamp',
    'r_DATEADD_function.html',
  ),
  c(
    "SELECT DATEADD(month, 1, DATE '2004-01-31')",
    { stringValue: '2004-02-29 00:00:00' },
    'timestamp',
    'r_DATEADD_function.html',
  ),
  c(
    "SELECT DATEADD(d, -1, TIMESTAMP '2018-11-15 21:01:46')",
    { stringValue: '2018-11-14 21:01:46' },
    'timestamp',
    'r_DATEADD_function.html',
  ),
  c(
    "SELECT DATEADD(qtr, 1, TIMESTAMP '2018-11-15 00:00:00')",
    { stringValue: '2019-02-15 00:00:00' },
    'timestamp',
    'r_DATEADD_function.html',
  ),
  c(
    "SELECT DATEADD(hrs, 5, TIMESTAMP '2018-11-15 21:00:00')",
    { stringValue: '2018-11-16 02:00:00' },
    'timestamp',
    'r_DATEADD_function.html',
  ),
  c(
    "SELECT DATEDIFF(week, DATE '2009-01-01', DATE '2009-12-31')",
    { longValue: 52 },
    'int8',
    'r_DATEDIFF_function.html',
  ),
  c(
    "SELECT DATEDIFF(qtr, DATE '1998-07-01', DATE '2002-10-01')",
    { longValue: 17 },
    'int8',
    'r_DATEDIFF_function.html',
  ),
  c(
    "SELECT DATEDIFF(day, TIMESTAMP '2018-11-15 23:59:00', TIMESTAMP '2018-11-16 00:01:00')",
    { longValue: 1 },
    'int8',
    'r_DATEDIFF_function.html',
  ),
  c(
    "SELECT DATEDIFF(year, DATE '2018-12-31', DATE '2019-01-01')",
    { longValue: 1 },
    'int8',
    'r_DATEDIFF_function.html',
  ),
  c(
    "SELECT DATEDIFF(min, TIMESTAMP '2018-11-15 21:00:59', TIMESTAMP '2018-11-15 21:01:00')",
    { longValue: 1 },
    'int8',
    'r_DATEDIFF_function.html',
  ),
  c(
    "SELECT DATE_TRUNC('week', TIMESTAMP '2018-11-15 21:01:46')",
    { stringValue: '2018-11-12 00:00:00' },
    'timestamp',
    'r_DATE_TRUNC.html',
  ),
  c(
    "SELECT DATE_TRUNC('month', TIMESTAMP '2018-11-15 21:01:46')",
    { stringValue: '2018-11-01 00:00:00' },
    'timestamp',
    'r_DATE_TRUNC.html',
  ),
  c(
    "SELECT DATE_TRUNC('hour', TIMESTAMP '2018-11-15 21:01:46')",
    { stringValue: '2018-11-15 21:00:00' },
    'timestamp',
    'r_DATE_TRUNC.html',
  ),
  c(
    "SELECT CONVERT_TIMEZONE('UTC', 'America/New_York', TIMESTAMP '2018-11-15 12:00:00')",
    { stringValue: '2018-11-15 07:00:00' },
    'timestamp',
    'CONVERT_TIMEZONE.html',
  ),
  c(
    "SELECT CONVERT_TIMEZONE('US/Pacific', TIMESTAMP '2018-11-15 12:00:00')",
    { stringValue: '2018-11-15 04:00:00' },
    'timestamp',
    'CONVERT_TIMEZONE.html',
  ),
  c(
    "SELECT TO_CHAR(TIMESTAMP '2018-11-15 21:01:46', 'YYYY-MM-DD HH24:MI:SS')",
    { stringValue: '2018-11-15 21:01:46' },
    'varchar',
    'r_TO_CHAR.html',
  ),
  c(
    "SELECT TO_CHAR(TIMESTAMP '2018-11-15 21:01:46', 'Day, DD Mon YYYY')",
    { stringValue: 'Thursday , 15 Nov 2018' },
    'varchar',
    'r_TO_CHAR.html',
  ),
  c("SELECT TO_CHAR(125.8, '999.99')", { stringValue: ' 125.80' }, 'varchar', 'r_TO_CHAR.html'),
  c("SELECT TO_DATE('02 Oct 2001', 'DD Mon YYYY')", { stringValue: '2001-10-02' }, 'date', 'r_TO_DATE_function.html'),
  c("SELECT TO_DATE('20181115', 'YYYYMMDD')", { stringValue: '2018-11-15' }, 'date', 'r_TO_DATE_function.html'),
  c(
    "SELECT TO_TIMESTAMP('2018-11-15 21:01:46', 'YYYY-MM-DD HH24:MI:SS')",
    { stringValue: '2018-11-15 21:01:46+00' },
    'timestamptz',
    'r_TO_TIMESTAMP.html',
  ),
  c(
    "SELECT TIMESTAMP 'epoch' + 1541106106796 / 1000 * INTERVAL '1 second'",
    { stringValue: '2018-11-01 21:01:46' },
    'timestamp',
    'r_Datetime_types.html',
  ),
  c("SELECT TRUNC(TIMESTAMP '2018-11-15 21:01:46')", { stringValue: '2018-11-15' }, 'date', 'r_TRUNC_date.html'),
  c(
    "SELECT ADD_MONTHS(DATE '2008-03-31', 1)",
    { stringValue: '2008-04-30 00:00:00' },
    'timestamp',
    'r_ADD_MONTHS.html',
  ),
  c("SELECT LAST_DAY(DATE '2018-11-15')", { stringValue: '2018-11-30' }, 'date', 'r_LAST_DAY.html'),
  c("SELECT NEXT_DAY(DATE '2018-11-15', 'Monday')", { stringValue: '2018-11-19' }, 'date', 'r_NEXT_DAY.html'),
  c(
    "SELECT MONTHS_BETWEEN(DATE '1969-03-18', DATE '1969-01-18')",
    { doubleValue: 2 },
    'float8',
    'r_MONTHS_BETWEEN_function.html',
  ),
];

const conditional: ConformanceCase[] = [
  c("SELECT NVL(NULL, 'fallback')", { stringValue: 'fallback' }, 'varchar', 'r_NVL_function.html'),
  c('SELECT NVL(NULL::int, 7)', { longValue: 7 }, 'int4', 'r_NVL_function.html'),
  c("SELECT NVL2(NULL, 'set', 'unset')", { stringValue: 'unset' }, 'varchar', 'r_NVL2.html'),
  c('SELECT NVL2(1, 10, 20)', { longValue: 10 }, 'int4', 'r_NVL2.html'),
  c("SELECT DECODE(2, 1, 'one', 2, 'two', 'other')", { stringValue: 'two' }, 'varchar', 'r_DECODE_expression.html'),
  c("SELECT DECODE(9, 1, 'one', 2, 'two', 'other')", { stringValue: 'other' }, 'varchar', 'r_DECODE_expression.html'),
  c("SELECT DECODE(3, 1, 'one')", { isNull: true }, 'varchar', 'r_DECODE_expression.html'),
  c(
    "SELECT DECODE(NULL, NULL, 'null matched', 'no')",
    { stringValue: 'null matched' },
    'varchar',
    'r_DECODE_expression.html',
  ),
  c("SELECT COALESCE(NULL, NULL, 'third')", { stringValue: 'third' }, 'varchar', 'r_NVL_function.html'),
  c('SELECT NULLIF(5, 5)', { isNull: true }, 'int4', 'r_NULLIF_function.html'),
  c("SELECT CASE WHEN 1 > 0 THEN 'yes' ELSE 'no' END", { stringValue: 'yes' }, 'varchar', 'r_CASE_function.html'),
  c('SELECT GREATEST(3, 9, 4)', { longValue: 9 }, 'int4', 'r_GREATEST_LEAST.html'),
  c('SELECT LEAST(3, 9, 4)', { longValue: 3 }, 'int4', 'r_GREATEST_LEAST.html'),
];

const strings: ConformanceCase[] = [
  c("SELECT LEN('Sparkify')", { longValue: 8 }, 'int4', 'r_LEN.html'),
  c("SELECT LENGTH('Sparkify')", { longValue: 8 }, 'int4', 'r_LEN.html'),
  c("SELECT CHARINDEX('dog', 'fuzzy dog')", { longValue: 7 }, 'int4', 'r_CHARINDEX.html'),
  c("SELECT CHARINDEX('cat', 'fuzzy dog')", { longValue: 0 }, 'int4', 'r_CHARINDEX.html'),
  c("SELECT POSITION('dog' IN 'fuzzy dog')", { longValue: 7 }, 'int4', 'r_POSITION.html'),
  c("SELECT STRTOL('ff', 16)", { longValue: 255 }, 'int8', 'r_STRTOL.html'),
  c("SELECT STRTOL('101', 2)", { longValue: 5 }, 'int8', 'r_STRTOL.html'),
  c("SELECT STRTOL('-7z', 36)", { longValue: -287 }, 'int8', 'r_STRTOL.html'),
  c("SELECT SPLIT_PART('2018-11-15', '-', 2)", { stringValue: '11' }, 'varchar', 'SPLIT_PART.html'),
  c("SELECT SPLIT_PART('a,b', ',', 5)", { stringValue: '' }, 'varchar', 'SPLIT_PART.html'),
  c("SELECT 'Spark' || 'ify'", { stringValue: 'Sparkify' }, 'varchar', 'r_concat_op.html'),
  c("SELECT 'Spark' || NULL", { isNull: true }, 'varchar', 'r_concat_op.html'),
  c("SELECT CONCAT('Spark', 'ify')", { stringValue: 'Sparkify' }, 'varchar', 'r_CONCAT.html'),
  c("SELECT CONCAT('Spark', NULL)", { isNull: true }, 'varchar', 'r_CONCAT.html'),
  c("SELECT UPPER('sparkify')", { stringValue: 'SPARKIFY' }, 'varchar', 'r_UPPER.html'),
  c("SELECT LOWER('SPARKIFY')", { stringValue: 'sparkify' }, 'varchar', 'r_LOWER.html'),
  c("SELECT INITCAP('hello world')", { stringValue: 'Hello World' }, 'varchar', 'r_INITCAP.html'),
  c("SELECT TRIM('  padded  ')", { stringValue: 'padded' }, 'varchar', 'r_TRIM.html'),
  c("SELECT BTRIM('xxabcxx', 'x')", { stringValue: 'abc' }, 'varchar', 'r_BTRIM.html'),
  c("SELECT LTRIM('  left')", { stringValue: 'left' }, 'varchar', 'r_LTRIM.html'),
  c("SELECT RTRIM('right  ')", { stringValue: 'right' }, 'varchar', 'r_RTRIM.html'),
  c("SELECT SUBSTRING('Sparkify', 6, 3)", { stringValue: 'ify' }, 'varchar', 'r_SUBSTRING.html'),
  c("SELECT LEFT('Sparkify', 5)", { stringValue: 'Spark' }, 'varchar', 'r_LEFT.html'),
  c("SELECT RIGHT('Sparkify', 3)", { stringValue: 'ify' }, 'varchar', 'r_LEFT.html'),
  c("SELECT REPLACE('a-b-c', '-', '+')", { stringValue: 'a+b+c' }, 'varchar', 'r_REPLACE.html'),
  c("SELECT LPAD('7', 3, '0')", { stringValue: '007' }, 'varchar', 'r_LPAD.html'),
  c("SELECT RPAD('7', 3, '0')", { stringValue: '700' }, 'varchar', 'r_LPAD.html'),
  c("SELECT REVERSE('abc')", { stringValue: 'cba' }, 'varchar', 'r_REVERSE.html'),
  c("SELECT REPEAT('ab', 3)", { stringValue: 'ababab' }, 'varchar', 'r_REPEAT.html'),
  c("SELECT MD5('Sparkify')", { stringValue: '6718cfa643fcf67241f5660560338227' }, 'varchar', 'r_MD5.html'),
  c("SELECT 'Sparkify' ILIKE 'spark%'", { booleanValue: true }, 'bool', 'r_patternmatching_condition_like.html'),
  c("SELECT 'Sparkify' LIKE 'spark%'", { booleanValue: false }, 'bool', 'r_patternmatching_condition_like.html'),
  c(
    "SELECT 'Sparkify' SIMILAR TO 'S%y'",
    { booleanValue: true },
    'bool',
    'pattern-matching-conditions-similar-to.html',
  ),
  c("SELECT REGEXP_SUBSTR('user-42 played', '[0-9]+')", { stringValue: '42' }, 'varchar', 'REGEXP_SUBSTR.html'),
  c("SELECT REGEXP_COUNT('a1b22c333', '[0-9]+')", { longValue: 3 }, 'int4', 'REGEXP_COUNT.html'),
  c("SELECT REGEXP_INSTR('user-42 played', '[0-9]+')", { longValue: 6 }, 'int4', 'REGEXP_INSTR.html'),
  c("SELECT REGEXP_REPLACE('a1b22c333', '[0-9]+', '#')", { stringValue: 'a#b#c#' }, 'varchar', 'REGEXP_REPLACE.html'),
  c("SELECT 'abc' ~ 'b'", { booleanValue: true }, 'bool', 'pattern-matching-conditions-posix.html'),
];

const json: ConformanceCase[] = [
  c(
    `SELECT JSON_EXTRACT_PATH_TEXT('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}', 'f4', 'f6')`,
    { stringValue: 'star' },
    'varchar',
    'JSON_EXTRACT_PATH_TEXT.html',
  ),
  c(`SELECT JSON_EXTRACT_PATH_TEXT('{"a":1}', 'missing')`, { isNull: true }, 'varchar', 'JSON_EXTRACT_PATH_TEXT.html'),
  c(
    "SELECT JSON_EXTRACT_ARRAY_ELEMENT_TEXT('[111,112,113]', 2)",
    { stringValue: '113' },
    'varchar',
    'JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html',
  ),
  c('SELECT JSON_ARRAY_LENGTH(\'[11,12,13,{"f1":21}]\')', { longValue: 4 }, 'int4', 'JSON_ARRAY_LENGTH.html'),
  c(`SELECT IS_VALID_JSON('{"a":2}')`, { booleanValue: true }, 'bool', 'IS_VALID_JSON.html'),
  c("SELECT IS_VALID_JSON('{a:2}')", { booleanValue: false }, 'bool', 'IS_VALID_JSON.html'),
  c(`SELECT JSON_PARSE('{"a":[1,2]}')`, { stringValue: '{"a":[1,2]}' }, 'super', 'JSON_PARSE.html'),
  c("SELECT doc['song']['title'] FROM conf_super", { stringValue: '"Intro"' }, 'super', 'query-super.html'),
  c("SELECT doc['plays'][1] FROM conf_super", { stringValue: '20' }, 'super', 'query-super.html'),
];

const aggregates: ConformanceCase[] = [
  c(
    "SELECT LISTAGG(level, ',') WITHIN GROUP (ORDER BY level) FROM conf_users",
    { stringValue: 'free,free,paid' },
    'varchar',
    'r_LISTAGG.html',
  ),
  c(
    "SELECT LISTAGG(DISTINCT level, ',') WITHIN GROUP (ORDER BY level) FROM conf_users",
    { stringValue: 'free,paid' },
    'varchar',
    'r_LISTAGG.html',
  ),
  c('SELECT MEDIAN(score) FROM conf_users', { doubleValue: 2.5 }, 'float8', 'r_MEDIAN.html'),
  c('SELECT APPROXIMATE COUNT(DISTINCT level) FROM conf_users', { longValue: 2 }, 'int8', 'r_COUNT.html'),
  c('SELECT COUNT(*) FROM conf_users', { longValue: 3 }, 'int8', 'r_COUNT.html'),
  c('SELECT SUM(user_id) FROM conf_users', { longValue: 6 }, 'int8', 'r_SUM.html'),
  c('SELECT MAX(level) FROM conf_users', { stringValue: 'paid' }, 'varchar', 'r_MAX.html'),
  c('SELECT AVG(user_id) FROM conf_users', { longValue: 2 }, 'int8', 'r_AVG.html'),
  c('SELECT AVG(score) FROM conf_users', { doubleValue: 2.5 }, 'float8', 'r_AVG.html'),
  c(
    'SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY score) FROM conf_users',
    { doubleValue: 2.5 },
    'float8',
    'r_PERCENTILE_CONT.html',
  ),
  c('SELECT TOP 1 user_id FROM conf_users ORDER BY user_id DESC', { longValue: 3 }, 'int4', 'r_SELECT_list.html'),
  c(
    'SELECT user_id * 10 AS x, x + 1 AS y FROM conf_users WHERE user_id = 2',
    { longValue: 20 },
    'int4',
    'r_SELECT_list.html',
  ),
  c(
    'SELECT y FROM (SELECT user_id * 10 AS x, x + 1 AS y FROM conf_users WHERE user_id = 2) q',
    { longValue: 21 },
    'int4',
    'r_SELECT_list.html',
  ),
];

const types: ConformanceCase[] = [
  c('SELECT amount FROM conf_numbers WHERE id = 1', { stringValue: '2' }, 'numeric', 'r_Numeric_types201.html'),
  c('SELECT CAST(1.7 AS DECIMAL)', { stringValue: '2' }, 'numeric', 'r_Numeric_types201.html'),
  c('SELECT CAST(2.345 AS DECIMAL(5,2))', { stringValue: '2.35' }, 'numeric', 'r_Numeric_types201.html'),
  c('SELECT price FROM conf_numbers WHERE id = 1', { stringValue: '1.50' }, 'numeric', 'r_Numeric_types201.html'),
  c('SELECT 7 / 2', { longValue: 3 }, 'int4', 'r_Numeric_types201.html'),
  c('SELECT 7::float8 / 2', { doubleValue: 3.5 }, 'float8', 'r_Numeric_types201.html'),
  c('SELECT 2147483648::bigint', { longValue: 2147483648 }, 'int8', 'r_Numeric_types201.html'),
  c('SELECT 32767::smallint', { longValue: 32767 }, 'int2', 'r_Numeric_types201.html'),
  c('SELECT 1.5::real', { doubleValue: 1.5 }, 'float4', 'r_Numeric_types201.html'),
  c('SELECT note FROM conf_chars WHERE id = 1', { stringValue: 'ab   ' }, 'bpchar', 'r_Character_types.html'),
  c('SELECT LEN(note) FROM conf_chars WHERE id = 1', { longValue: 2 }, 'int4', 'r_Character_types.html'),
  c('SELECT title FROM conf_chars WHERE id = 1', { stringValue: 'Intro' }, 'varchar', 'r_Character_types.html'),
  c('SELECT TRUE', { booleanValue: true }, 'bool', 'r_Boolean_type.html'),
  c("SELECT 'f'::boolean", { booleanValue: false }, 'bool', 'r_Boolean_type.html'),
  c("SELECT DATE '2018-11-15'", { stringValue: '2018-11-15' }, 'date', 'r_Datetime_types.html'),
  c(
    "SELECT TIMESTAMP '2018-11-15 21:01:46.796'",
    { stringValue: '2018-11-15 21:01:46.796' },
    'timestamp',
    'r_Datetime_types.html',
  ),
  c(
    "SELECT TIMESTAMPTZ '2018-11-15 21:01:46+02'",
    { stringValue: '2018-11-15 19:01:46+00' },
    'timestamptz',
    'r_Datetime_types.html',
  ),
  c("SELECT TIME '21:01:46'", { stringValue: '21:01:46' }, 'time', 'r_Datetime_types.html'),
  c('SELECT id FROM conf_identity ORDER BY id LIMIT 1', { longValue: 0 }, 'int8', 'r_CREATE_TABLE_NEW.html'),
  c('SELECT MAX(id) FROM conf_identity', { longValue: 2 }, 'int8', 'r_CREATE_TABLE_NEW.html'),
  c('SELECT GETDATE() IS NOT NULL', { booleanValue: true }, 'bool', 'r_GETDATE.html'),
  c("SELECT TO_CHAR(GETDATE(), 'US') = '000000'", { booleanValue: true }, 'bool', 'r_GETDATE.html'),
  c("SELECT SYSDATE <= GETDATE() + INTERVAL '1 second'", { booleanValue: true }, 'bool', 'r_SYSDATE.html'),
];

const design: ConformanceCase[] = [
  c(
    `SELECT diststyle FROM svv_table_info WHERE "table" = 'conf_times'`,
    { stringValue: 'ALL' },
    'varchar',
    'r_SVV_TABLE_INFO.html',
  ),
  c(
    `SELECT sortkey1 FROM svv_table_info WHERE "table" = 'conf_times'`,
    { stringValue: 'start_time' },
    'varchar',
    'r_SVV_TABLE_INFO.html',
  ),
  c(
    `SELECT diststyle FROM svv_table_info WHERE "table" = 'conf_users'`,
    { stringValue: 'KEY(user_id)' },
    'varchar',
    'r_SVV_TABLE_INFO.html',
  ),
  c(
    `SELECT diststyle FROM svv_table_info WHERE "table" = 'conf_identity'`,
    { stringValue: 'EVEN' },
    'varchar',
    'r_SVV_TABLE_INFO.html',
  ),
  c(
    `SELECT diststyle FROM svv_table_info WHERE "table" = 'conf_numbers'`,
    { stringValue: 'AUTO(ALL)' },
    'varchar',
    'c_choosing_dist_sort.html',
  ),
  c(
    `SELECT distkey FROM pg_table_def WHERE tablename = 'conf_users' AND "column" = 'user_id'`,
    { booleanValue: true },
    'bool',
    'r_PG_TABLE_DEF.html',
  ),
  c(
    `SELECT sortkey FROM pg_table_def WHERE tablename = 'conf_users' AND "column" = 'user_id'`,
    { longValue: 1 },
    'int4',
    'r_PG_TABLE_DEF.html',
  ),
  c(
    `SELECT type FROM pg_table_def WHERE tablename = 'conf_numbers' AND "column" = 'amount'`,
    { stringValue: 'numeric(18,0)' },
    'varchar',
    'r_PG_TABLE_DEF.html',
  ),
  c(
    `SELECT type FROM pg_table_def WHERE tablename = 'conf_chars' AND "column" = 'title'`,
    { stringValue: 'character varying(256)' },
    'varchar',
    'r_PG_TABLE_DEF.html',
  ),
];

/** Every case of the suite. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  ...extractSynonyms,
  ...datetime,
  ...conditional,
  ...strings,
  ...json,
  ...aggregates,
  ...types,
  ...design,
];
