/**
 * Delimited text and CSV through runCopy, one documented behaviour per case. Pages cited:
 * "COPY: Data format parameters" https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html
 * "Data conversion parameters" https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html
 * "Load error reference" https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html
 */
import { useCopyTestDb } from './memory-context';

const AUTH = "IAM_ROLE 'arn:aws:iam::123456789012:role/copy'";
const db = useCopyTestDb();

const { copy, rows } = db;
const errorsOf = (r: Awaited<ReturnType<typeof copy>>) =>
  r.errors.map((e) => [e.lineNumber, e.columnName, e.errorCode, e.errorMessage]);

describe('delimited text (data format parameters)', () => {
  test('no format option means pipe-delimited text; \\N is NULL; an empty field is NULL for INT and empty for VARCHAR', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (id int, name varchar(10))');
    db.ctx.put('s3://b/t/1.txt', '1|ana\n2|\\N\n|\n');
    expect((await copy(`COPY t FROM 's3://b/t/' ${AUTH}`)).rowsLoaded).toBe(3);
    expect(await rows('SELECT id, name FROM t ORDER BY id NULLS LAST')).toEqual([
      { id: 1, name: 'ana' },
      { id: 2, name: null },
      { id: null, name: '' },
    ]);
  });

  test("DELIMITER ';' with IGNOREHEADER 1 skips the header of every file", async () => {
    await db.ctx.pg.exec('CREATE TABLE t (id int, name varchar(10))');
    db.ctx.put('s3://b/t/1.txt', 'id;name\n1;ana\n');
    db.ctx.put('s3://b/t/2.txt', 'id;name\n2;bo\n');
    expect((await copy(`COPY t FROM 's3://b/t/' ${AUTH} DELIMITER ';' IGNOREHEADER 1`)).rowsLoaded).toBe(2);
    expect(await rows('SELECT id, name FROM t ORDER BY id')).toEqual([
      { id: 1, name: 'ana' },
      { id: 2, name: 'bo' },
    ]);
  });

  test("NULL AS 'NULL' loads that string as NULL; '\\N' is then plain data", async () => {
    await db.ctx.pg.exec('CREATE TABLE t (name varchar(10))');
    db.ctx.put('s3://b/t/1.txt', 'NULL\n\\N\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} NULL AS 'NULL'`);
    expect(await rows('SELECT name FROM t ORDER BY name NULLS FIRST')).toEqual([{ name: null }, { name: '\\N' }]);
  });

  test('ESCAPE: a backslash makes the next delimiter, backslash or newline data', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(20), b int)');
    db.ctx.put('s3://b/t/1.txt', 'x\\|y|1\nback\\\\slash|2\ntwo\\\nlines|3\n');
    expect((await copy(`COPY t FROM 's3://b/t/' ${AUTH} ESCAPE`)).rowsLoaded).toBe(3);
    expect(await rows('SELECT a, b FROM t ORDER BY b')).toEqual([
      { a: 'x|y', b: 1 },
      { a: 'back\\slash', b: 2 },
      { a: 'two\nlines', b: 3 },
    ]);
  });

  test('without ESCAPE a backslash is data', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(20))');
    db.ctx.put('s3://b/t/1.txt', 'c:\\tmp\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH}`);
    expect(await rows('SELECT a FROM t')).toEqual([{ a: 'c:\\tmp' }]);
  });

  test('REMOVEQUOTES keeps delimiters inside quotes; an unmatched opening quote rejects the line', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(20), b int)');
    db.ctx.put('s3://b/t/1.txt', '"x|y"|1\n\'z\'|2\n"open|3\n');
    const r = await copy(`COPY t FROM 's3://b/t/' ${AUTH} REMOVEQUOTES MAXERROR 2`);
    expect(r.rowsLoaded).toBe(2);
    expect(r.errors.map((e) => [e.lineNumber, e.errorCode, e.rawLine])).toEqual([[3, 1214, '"open|3']]);
    expect(await rows('SELECT a, b FROM t ORDER BY b')).toEqual([
      { a: 'x|y', b: 1 },
      { a: 'z', b: 2 },
    ]);
  });

  test('fewer fields than columns: 1214 Delimiter not found at the last field read', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int, b int, c int)');
    db.ctx.put('s3://b/t/1.txt', '1|2|3\n4|5\n');
    const r = await copy(`COPY t FROM 's3://b/t/' ${AUTH} MAXERROR 5`);
    expect(errorsOf(r)).toEqual([[2, 'b', 1214, 'Delimiter not found']]);
    expect(r.errors[0]).toMatchObject({ rawLine: '4|5', rawFieldValue: '5', fileName: 's3://b/t/1.txt' });
  });

  test('more fields than columns: 1202 Extra column(s) found', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int, b int)');
    db.ctx.put('s3://b/t/1.txt', '1|2|3\n');
    expect(errorsOf(await copy(`COPY t FROM 's3://b/t/' ${AUTH} MAXERROR 5`))).toEqual([
      [1, 'b', 1202, 'Extra column(s) found'],
    ]);
  });

  test('FILLRECORD: missing trailing columns load as NULL, VARCHAR as an empty string', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int, b int, c varchar(5))');
    db.ctx.put('s3://b/t/1.txt', '1\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} FILLRECORD`);
    expect(await rows('SELECT a, b, c FROM t')).toEqual([{ a: 1, b: null, c: '' }]);
  });

  test('FILLRECORD with EMPTYASNULL: missing VARCHAR columns load as NULL', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int, c varchar(5))');
    db.ctx.put('s3://b/t/1.txt', '1\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} FILLRECORD EMPTYASNULL`);
    expect(await rows('SELECT a, c FROM t')).toEqual([{ a: 1, c: null }]);
  });

  test('IGNOREBLANKLINES skips lines that hold only a line feed', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int, b int)');
    db.ctx.put('s3://b/t/1.txt', '1|2\n\n3|4\n');
    expect((await copy(`COPY t FROM 's3://b/t/' ${AUTH} IGNOREBLANKLINES`)).rowsLoaded).toBe(2);
    const without = await copy(`COPY t FROM 's3://b/t/' ${AUTH} MAXERROR 5`);
    expect(errorsOf(without)).toEqual([[2, 'a', 1214, 'Delimiter not found']]);
  });

  test('BLANKSASNULL loads a VARCHAR of only blanks as NULL; EMPTYASNULL an empty one', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (k int, a varchar(5), b varchar(5))');
    db.ctx.put('s3://b/t/1.txt', '1|   |\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} BLANKSASNULL`);
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} EMPTYASNULL`);
    expect(await rows('SELECT a, b FROM t ORDER BY a NULLS FIRST')).toEqual([
      { a: null, b: '' },
      { a: '   ', b: null },
    ]);
  });

  test('a carriage return is data: a CRLF file loads it into the last field', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (b int, a varchar(5))');
    db.ctx.put('s3://b/t/1.txt', '1|x\r\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH}`);
    expect(await rows('SELECT b, a FROM t')).toEqual([{ b: 1, a: 'x\r' }]);
  });
});

describe('data conversion parameters in delimited files', () => {
  test("DATEFORMAT 'DD/MM/YYYY' and TIMEFORMAT 'DD.MM.YYYY HH24:MI:SS'; other layouts fail with 1205/1206", async () => {
    await db.ctx.pg.exec('CREATE TABLE t (k int, d date, ts timestamp)');
    db.ctx.put(
      's3://b/t/1.txt',
      '1|30/11/2018|30.11.2018 20:57:10\n2|2018-11-30|30.11.2018 20:57:10\n3|30/11/2018|2018-11-30\n',
    );
    const r = await copy(
      `COPY t FROM 's3://b/t/' ${AUTH} DATEFORMAT 'DD/MM/YYYY' TIMEFORMAT 'DD.MM.YYYY HH24:MI:SS' MAXERROR 5`,
    );
    expect(r.errors.map((e) => [e.lineNumber, e.columnName, e.errorCode])).toEqual([
      [2, 'd', 1205],
      [3, 'ts', 1206],
    ]);
    expect(r.errors[0].errorMessage).toBe('Error in Date value or format [DD/MM/YYYY]');
    expect(await rows('SELECT d::text AS d, ts::text AS ts FROM t')).toEqual([
      { d: '2018-11-30', ts: '2018-11-30 20:57:10' },
    ]);
  });

  test('ACCEPTANYDATE loads a date that does not match DATEFORMAT as NULL', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (k int, d date)');
    db.ctx.put('s3://b/t/1.txt', '1|00/00/00\n');
    expect((await copy(`COPY t FROM 's3://b/t/' ${AUTH} DATEFORMAT 'DD/MM/YYYY' ACCEPTANYDATE`)).errors).toEqual([]);
    expect(await rows('SELECT k, d FROM t')).toEqual([{ k: 1, d: null }]);
  });

  test('invalid UTF-8: 1220 without ACCEPTINVCHARS, replaced with it', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(10))');
    db.ctx.put('s3://b/t/1.txt', Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect((await copy(`COPY t FROM 's3://b/t/' ${AUTH} MAXERROR 1`)).errors.map((e) => e.errorCode)).toEqual([1220]);
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} ACCEPTINVCHARS AS '?'`);
    expect(await rows('SELECT a FROM t')).toEqual([{ a: 'caf?' }]);
  });

  test('a value longer than its VARCHAR: 1204 without TRUNCATECOLUMNS, cut to length with it', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(3))');
    db.ctx.put('s3://b/t/1.txt', 'abcdef\n');
    expect(errorsOf(await copy(`COPY t FROM 's3://b/t/' ${AUTH} MAXERROR 1`))).toEqual([
      [1, 'a', 1204, 'String length exceeds DDL length'],
    ]);
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} TRUNCATECOLUMNS`);
    expect(await rows('SELECT a FROM t')).toEqual([{ a: 'abc' }]);
  });

  test('1207 invalid digit with position; MAXERROR reached fails the COPY and loads nothing', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int)');
    db.ctx.put('s3://b/t/1.txt', '1\n12x\n3\n');
    const r = await copy(`COPY t FROM 's3://b/t/' ${AUTH}`);
    expect(r.failure?.message).toBe("Load into table 't' failed.  Check 'stl_load_errors' system table for details.");
    expect(r.errors.map((e) => [e.lineNumber, e.errorCode, e.errorMessage, e.position])).toEqual([
      [2, 1207, "Invalid digit, Value 'x', Pos 2, Type: Integer", 2],
    ]);
    expect(await rows('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
  });

  test('a NOT NULL column given NULL: 1213', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a int NOT NULL)');
    db.ctx.put('s3://b/t/1.txt', '\\N\n');
    expect(errorsOf(await copy(`COPY t FROM 's3://b/t/' ${AUTH} MAXERROR 1`))).toEqual([
      [1, 'a', 1213, 'Missing data for not-null field'],
    ]);
  });
});

describe('CSV (data format parameters)', () => {
  test('quoted fields hold delimiters, doubled quotes and newlines; line numbers count physical lines', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(30), b int)');
    db.ctx.put('s3://b/t/1.csv', '"x, y",1\n"say ""hi""",2\n"two\nlines",3\nbad,x\n');
    const r = await copy(`COPY t FROM 's3://b/t/' ${AUTH} CSV MAXERROR 2`);
    expect(r.rowsLoaded).toBe(3);
    expect(r.errors.map((e) => [e.lineNumber, e.columnName, e.errorCode])).toEqual([[5, 'b', 1207]]);
    expect(await rows('SELECT a, b FROM t ORDER BY b')).toEqual([
      { a: 'x, y', b: 1 },
      { a: 'say "hi"', b: 2 },
      { a: 'two\nlines', b: 3 },
    ]);
  });

  test("CSV QUOTE AS '%' and DELIMITER ';'", async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(30), b int)');
    db.ctx.put('s3://b/t/1.csv', '%a;b%;1\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} FORMAT AS CSV QUOTE AS '%' DELIMITER ';'`);
    expect(await rows('SELECT a, b FROM t')).toEqual([{ a: 'a;b', b: 1 }]);
  });

  test('a quoted empty string is an empty VARCHAR; NULL AS matches unquoted fields', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (k int, a varchar(5))');
    db.ctx.put('s3://b/t/1.csv', '1,""\n2,NA\n3,"NA"\n');
    await copy(`COPY t FROM 's3://b/t/' ${AUTH} CSV NULL AS 'NA'`);
    expect(await rows('SELECT k, a FROM t ORDER BY k')).toEqual([
      { k: 1, a: '' },
      { k: 2, a: null },
      { k: 3, a: 'NA' },
    ]);
  });

  test('a character after a closing quote rejects the record (1214)', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(30), b int)');
    db.ctx.put('s3://b/t/1.csv', '"a"b,1\nok,2\n');
    const r = await copy(`COPY t FROM 's3://b/t/' ${AUTH} CSV MAXERROR 2`);
    expect(errorsOf(r)).toEqual([[1, '', 1214, 'Missing newline: Unexpected character 0x62 found at location 3']]);
    expect(r.rowsLoaded).toBe(1);
  });

  test('an unterminated quote runs to the end of the file and rejects that record', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(30), b int)');
    db.ctx.put('s3://b/t/1.csv', 'ok,1\n"open,2\nmore,3\n');
    const r = await copy(`COPY t FROM 's3://b/t/' ${AUTH} CSV MAXERROR 2`);
    expect(r.errors.map((e) => [e.lineNumber, e.errorCode])).toEqual([[2, 1214]]);
    expect(r.rowsLoaded).toBe(1);
  });
});
