/**
 * FORMAT AS PARQUET, one documented behaviour per case ("COPY from columnar data formats",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html;
 * "COPY: Data format parameters", https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html).
 */
import { gzipSync } from 'node:zlib';
import { useCopyTestDb } from './memory-context';
import { parquetFile } from './parquet-fixture';

const AUTH = "IAM_ROLE 'arn:aws:iam::123456789012:role/copy'";
const db = useCopyTestDb();

const { copy, rows } = db;

describe('FORMAT AS PARQUET', () => {
  test('columns map by position, not by name; each Parquet type lands in its Redshift type; nulls are NULL', async () => {
    await db.ctx.pg.exec(`CREATE TABLE p (id int, big bigint, name varchar(10), score float8, ok boolean,
      at timestamp, day date, price numeric(10,2))`);
    db.ctx.put(
      's3://b/p/1.parquet',
      parquetFile(
        [
          { name: 'c1', data: [1, 2] },
          { name: 'c2', data: [9007199254740993n, null] },
          { name: 'c3', data: ['ana', null] },
          { name: 'c4', data: [1.25, null] },
          { name: 'c5', data: [true, null] },
          { name: 'c6', data: [new Date(Date.UTC(2018, 10, 1, 20, 57, 10, 500)), null] },
          { name: 'c7', data: [Date.UTC(2018, 10, 30) / 86_400_000, null] },
          { name: 'c8', data: [1234.56, null] },
        ],
        {
          schema: [
            { name: 'root', num_children: 8 },
            { name: 'c1', type: 'INT32', repetition_type: 'OPTIONAL' },
            { name: 'c2', type: 'INT64', repetition_type: 'OPTIONAL' },
            { name: 'c3', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
            { name: 'c4', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
            { name: 'c5', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
            { name: 'c6', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
            { name: 'c7', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
            {
              name: 'c8',
              type: 'FIXED_LEN_BYTE_ARRAY',
              type_length: 8,
              converted_type: 'DECIMAL',
              precision: 10,
              scale: 2,
              repetition_type: 'OPTIONAL',
            },
          ],
        },
      ),
    );
    expect(await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`)).toEqual({ rowsLoaded: 2, errors: [] });
    expect(
      await rows(
        'SELECT id, big::text AS big, name, score, ok, at::text AS at, day::text AS day, price::text AS price FROM p ORDER BY id',
      ),
    ).toEqual([
      {
        id: 1,
        big: '9007199254740993',
        name: 'ana',
        score: 1.25,
        ok: true,
        at: '2018-11-01 20:57:10.5',
        day: '2018-11-30',
        price: '1234.56',
      },
      { id: 2, big: null, name: null, score: null, ok: null, at: null, day: null, price: null },
    ]);
  });
});

describe('FORMAT AS PARQUET: mismatches fail the COPY naming the file (Spectrum Scan Error)', () => {
  test('the file and the table must have the same number of columns', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (a int, b int)');
    db.ctx.put('s3://b/p/1.parquet', parquetFile([{ name: 'a', data: [1], type: 'INT32' }]));
    const r = await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`);
    expect(r.failure?.message).toBe(
      'Spectrum Scan Error. code: 15007 context: Unmatched number of columns between table and file. Table columns: 2, Data columns: 1, File name: s3://b/p/1.parquet',
    );
    expect(r.errors.map((e) => [e.fileName, e.lineNumber, e.errorCode])).toEqual([['s3://b/p/1.parquet', 0, 15007]]);
  });

  test('a Parquet type the column cannot hold is an incompatible schema', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (a int)');
    db.ctx.put('s3://b/p/1.parquet', parquetFile([{ name: 'word', data: ['x'], type: 'STRING' }]));
    const r = await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`);
    expect(r.failure?.message).toBe(
      "Spectrum Scan Error. code: 15007 context: File 's3://b/p/1.parquet' has an incompatible Parquet schema for column 's3://b/p/1.parquet.word'. Column type: INT, Parquet schema:\noptional byte_array word (UTF8)",
    );
    expect(r.errors[0]).toMatchObject({ columnName: 'a', columnType: 'int4', errorCode: 15007 });
  });

  test('a value that does not fit names the row group and row; nothing loads', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (name varchar(3))');
    db.ctx.put(
      's3://b/p/1.parquet',
      parquetFile([{ name: 'n', data: ['ab', 'cd', 'efgh'], type: 'STRING' }], { rowGroupSize: 2 }),
    );
    const r = await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`);
    expect(r.failure?.message).toBe(
      "Spectrum Scan Error. code: 1204 context: File 's3://b/p/1.parquet' row group 1, row 3, column 'name': String length exceeds DDL length",
    );
    expect(r.errors.map((e) => [e.lineNumber, e.columnName, e.rawFieldValue, e.errorCode])).toEqual([
      [3, 'name', 'efgh', 1204],
    ]);
    expect(await rows('SELECT count(*)::int AS n FROM p')).toEqual([{ n: 0 }]);
  });

  test('strings load into DATE and TIMESTAMP columns in their default layouts', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (day date, at timestamp, note varchar(5))');
    db.ctx.put(
      's3://b/p/1.parquet',
      parquetFile([
        { name: 'd', data: ['2018-11-30', '2018-12-01'], type: 'STRING' },
        { name: 't', data: ['2018-11-30 23:59:01', '2018-12-01 00:00:00'], type: 'STRING' },
        { name: 'n', data: ['-', 'ok'], type: 'STRING' },
      ]),
    );
    expect((await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`)).rowsLoaded).toBe(2);
    expect(await rows('SELECT day::text AS day, at::text AS at, note FROM p ORDER BY day')).toEqual([
      { day: '2018-11-30', at: '2018-11-30 23:59:01', note: '-' },
      { day: '2018-12-01', at: '2018-12-01 00:00:00', note: 'ok' },
    ]);
  });

  test('an integer out of the column range is an overflow (1222)', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (a smallint)');
    db.ctx.put('s3://b/p/1.parquet', parquetFile([{ name: 'a', data: [40000], type: 'INT32' }]));
    const r = await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`);
    expect(r.errors.map((e) => [e.columnName, e.errorCode])).toEqual([['a', 1222]]);
  });

  test('a file that is not Parquet fails the COPY naming it', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (a int)');
    db.ctx.put('s3://b/p/1.parquet', '{"a":1}\n');
    const r = await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`);
    expect(r.failure?.message).toMatch(
      /^Spectrum Scan Error\. code: 15001 context: File 's3:\/\/b\/p\/1\.parquet' is not a valid Parquet file: /,
    );
    expect(r.errors.map((e) => e.fileName)).toEqual(['s3://b/p/1.parquet']);
  });
});

describe('FORMAT AS PARQUET: pages, column lists, NOT NULL', () => {
  test('GZIP-compressed pages and several row groups read like SNAPPY ones', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (a int, b varchar(5))');
    db.ctx.put(
      's3://b/p/1.parquet',
      parquetFile(
        [
          { name: 'a', data: [1, 2, 3], type: 'INT32' },
          { name: 'b', data: ['x', 'y', 'z'], type: 'STRING' },
        ],
        { codec: 'GZIP', compressors: { GZIP: (input) => gzipSync(input) }, rowGroupSize: 2 },
      ),
    );
    expect((await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`)).rowsLoaded).toBe(3);
    expect(await rows('SELECT a, b FROM p ORDER BY a')).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
      { a: 3, b: 'z' },
    ]);
  });

  test('with a column list, file columns map to the listed columns in their order; the others get their default', async () => {
    await db.ctx.pg.exec("CREATE TABLE p (a int, b varchar(5), c varchar(5) DEFAULT 'dflt')");
    db.ctx.put(
      's3://b/p/1.parquet',
      parquetFile([
        { name: 'first', data: ['x'], type: 'STRING' },
        { name: 'second', data: [7], type: 'INT32' },
      ]),
    );
    expect((await copy(`COPY p (b, a) FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`)).rowsLoaded).toBe(1);
    expect(await rows('SELECT a, b, c FROM p')).toEqual([{ a: 7, b: 'x', c: 'dflt' }]);
  });

  test('a null into a NOT NULL column fails the COPY (1213)', async () => {
    await db.ctx.pg.exec('CREATE TABLE p (a int NOT NULL)');
    db.ctx.put('s3://b/p/1.parquet', parquetFile([{ name: 'a', data: [1, null], type: 'INT32' }]));
    const r = await copy(`COPY p FROM 's3://b/p/' ${AUTH} FORMAT AS PARQUET`);
    expect(r.errors.map((e) => [e.lineNumber, e.columnName, e.errorCode])).toEqual([[2, 'a', 1213]]);
    expect(r.failure?.message).toContain("row group 0, row 2, column 'a': Missing data for not-null field");
  });
});
