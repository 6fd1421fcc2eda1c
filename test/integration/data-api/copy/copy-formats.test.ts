/**
 * COPY formats through the real RedshiftDataClient and S3Client against the local stack:
 * delimited text, Parquet and the BZIP2/ZSTD compressions, with load errors read back from
 * sys_load_error_detail and stl_load_errors as a pipeline would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetFile } from '../../../unit/local/data-api/copy/parquet-fixture';
import { freshTable, loadErrorsOf, useCopyStack } from './copy-stack';

const IAM = 'IAM_ROLE default';
const FIXTURES = join(__dirname, '../../../fixtures/copy');
const stack = useCopyStack();

describe('COPY formats through the Data API', () => {
  test("a gzipped ';'-delimited file with a header row, NULL AS and non-default DATEFORMAT/TIMEFORMAT", async () => {
    const t = await freshTable(stack, 'user_id INT NOT NULL, level VARCHAR(4), signup DATE, seen TIMESTAMP');
    const text = [
      'user_id;level;signup;seen',
      '1;free;30/11/2018;30.11.2018 20:57:10',
      '2;-;01/12/2018;01.12.2018 08:00:00',
      '3;paid;2018-12-02;02.12.2018 09:00:00',
      'x4;paid;02/12/2018;02.12.2018 09:00:00',
      '',
    ].join('\n');
    await stack.put('delim/2018/part-1.csv.gz', gzipSync(text));
    const done = await stack.run(
      `COPY ${t} FROM 's3://ingest/delim/' ${IAM} GZIP DELIMITER ';' IGNOREHEADER 1 NULL AS '-'
       DATEFORMAT 'DD/MM/YYYY' TIMEFORMAT 'DD.MM.YYYY HH24:MI:SS' MAXERROR 10`,
    );
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 2]);
    expect(
      await stack.rows(`SELECT user_id, level, signup::text AS signup, seen::text AS seen FROM ${t} ORDER BY user_id`),
    ).toEqual([
      { user_id: 1, level: 'free', signup: '2018-11-30', seen: '2018-11-30 20:57:10' },
      { user_id: 2, level: null, signup: '2018-12-01', seen: '2018-12-01 08:00:00' },
    ]);
    const errors = await loadErrorsOf(stack, done.RedshiftQueryId);
    expect(errors.map((e) => [e.file_name, e.line_number, e.column_name, e.error_code, e.error_message])).toEqual([
      ['s3://ingest/delim/2018/part-1.csv.gz', 4, 'signup', 1205, 'Error in Date value or format [DD/MM/YYYY]'],
      ['s3://ingest/delim/2018/part-1.csv.gz', 5, 'user_id', 1207, "Invalid digit, Value 'x', Pos 0, Type: Integer"],
    ]);
    const stl = await stack.rows(
      `SELECT line_number, colname, err_code, raw_line FROM stl_load_errors WHERE query = ${Number(done.RedshiftQueryId)} ORDER BY line_number`,
    );
    expect(stl[0]).toEqual({
      line_number: 4,
      colname: 'signup',
      err_code: 1205,
      raw_line: '3;paid;2018-12-02;02.12.2018 09:00:00',
    });
  });

  test('CSV with quoted fields through a manifest', async () => {
    const t = await freshTable(stack, 'title VARCHAR(40), plays INT');
    await stack.put('csv/a.csv', 'title,plays\n"Hello, World",3\n"He said ""hi""",4\n');
    await stack.put(
      'csv/run.manifest',
      JSON.stringify({ entries: [{ url: 's3://ingest/csv/a.csv', mandatory: true }] }),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/csv/run.manifest' ${IAM} MANIFEST CSV IGNOREHEADER 1`);
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 2]);
    expect(await stack.rows(`SELECT title, plays FROM ${t} ORDER BY plays`)).toEqual([
      { title: 'Hello, World', plays: 3 },
      { title: 'He said "hi"', plays: 4 },
    ]);
  });

  test('a Parquet file loads by column position', async () => {
    const t = await freshTable(stack, 'song_id VARCHAR(18), duration DOUBLE PRECISION, year INT');
    await stack.put(
      'parquet/songs/part-0.parquet',
      parquetFile([
        { name: 'id', data: ['SO1', 'SO2'], type: 'STRING' },
        { name: 'len', data: [148.5, 218.25], type: 'DOUBLE' },
        { name: 'yr', data: [1969, 0], type: 'INT32' },
      ]),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/parquet/songs/' ${IAM} FORMAT AS PARQUET`);
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 2]);
    expect(await stack.rows(`SELECT * FROM ${t} ORDER BY song_id`)).toEqual([
      { song_id: 'SO1', duration: 148.5, year: 1969 },
      { song_id: 'SO2', duration: 218.25, year: 0 },
    ]);
  });

  test('a Parquet value that does not fit fails the COPY naming file, row group and column; the error row persists', async () => {
    const t = await freshTable(stack, 'song_id VARCHAR(3)');
    await stack.put(
      'parquet/bad/part-0.parquet',
      parquetFile([{ name: 'id', data: ['SO1', 'SO2', 'SO-too-long'], type: 'STRING' }], { rowGroupSize: 2 }),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/parquet/bad/' ${IAM} FORMAT AS PARQUET`);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toContain(
      "File 's3://ingest/parquet/bad/part-0.parquet' row group 1, row 3, column 'song_id': String length exceeds DDL length",
    );
    expect(await stack.rows(`SELECT count(*) AS n FROM ${t}`)).toEqual([{ n: 0 }]);
    const errors = await loadErrorsOf(stack, done.RedshiftQueryId);
    expect(errors.map((e) => [e.file_name, e.line_number, e.column_name, e.error_code])).toEqual([
      ['s3://ingest/parquet/bad/part-0.parquet', 3, 'song_id', 1204],
    ]);
  });

  test('BZIP2 and ZSTD files from the local bucket', async () => {
    const songs = await freshTable(stack, 'song_id VARCHAR(5), title VARCHAR(20), year INT');
    await stack.put('bz/songs.psv.bz2', readFileSync(join(FIXTURES, 'songs.psv.bz2')));
    const bz = await stack.run(`COPY ${songs} FROM 's3://ingest/bz/' ${IAM} BZIP2 IGNOREHEADER 1`);
    expect([bz.Status, bz.ResultRows]).toEqual(['FINISHED', 2]);
    expect(await stack.rows(`SELECT title FROM ${songs} ORDER BY song_id`)).toEqual([
      { title: 'Alpha' },
      { title: 'Beta Café' },
    ]);

    const users = await freshTable(stack, 'userid INT, level VARCHAR(4)');
    await stack.put('zst/users.json.zst', readFileSync(join(FIXTURES, 'users.json.zst')));
    const zst = await stack.run(`COPY ${users} FROM 's3://ingest/zst/' ${IAM} JSON 'auto' ZSTD`);
    expect([zst.Status, zst.ResultRows]).toEqual(['FINISHED', 2]);
    expect(await stack.rows(`SELECT userid, level FROM ${users} ORDER BY userid`)).toEqual([
      { userid: 1, level: 'free' },
      { userid: 2, level: 'paid' },
    ]);
  });

  test('LZOP fails loudly as not supported locally', async () => {
    const t = await freshTable(stack, 'a INT');
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/zst/' ${IAM} LZOP`);
    expect([done.Status, done.Error]).toEqual([
      'FAILED',
      'ERROR: LZOP compression is not supported by the local emulator',
    ]);
  });
});
