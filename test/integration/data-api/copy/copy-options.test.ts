import { gzipSync } from 'node:zlib';
import { freshTable, loadErrorsOf, useCopyStack } from './copy-stack';

const IAM = 'IAM_ROLE default';
const FAILED = (t: string) => `Load into table '${t}' failed.  Check 'stl_load_errors' system table for details.`;
const stack = useCopyStack();

const table = (ddl: string): Promise<string> => freshTable(stack, ddl);

describe('COPY through the Data API: options and conversions', () => {
  test('load errors under MAXERROR: FINISHED, good rows kept, errors with lines in sys_load_error_detail', async () => {
    const t = await table(
      'id INT NOT NULL, name VARCHAR(5), ok BOOLEAN, price DECIMAL(6,2), day DATE, at TIMESTAMP, r REAL',
    );
    await stack.put(
      'conv/a.json',
      [
        '{"id":1,"name":"ok","ok":true,"price":12.349,"day":"2018-11-30","at":"2018-11-01 20:57:10.5","r":1.5}',
        '{"id":"x2"}',
        '{"id":3,"name":"toolong"}',
        '{"id":4,"ok":"maybe"}',
        '{"id":5,"day":"2018-02-30"}',
        '{"id":6,"at":"yesterday"}',
        '{"name":"no id"}',
        '{"id":8,"r":"1e99"}',
        '{"id":9,"price":12345.6}',
        '{"id":99999999999}',
        '{"id":11,"name":"',
        '{"id":12,"name":""}',
      ].join('\n'),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/conv/' ${IAM} JSON 'auto' MAXERROR 100`);
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 2]);
    const errors = await loadErrorsOf(stack, done.RedshiftQueryId);
    expect(errors.map((e) => [e.line_number, e.column_name, e.error_code])).toEqual([
      [2, 'id', 1207],
      [3, 'name', 1204],
      [4, 'ok', 1210],
      [5, 'day', 1205],
      [6, 'at', 1206],
      [7, 'id', 1213],
      [8, 'r', 1208],
      [9, 'price', 1204],
      [10, 'id', 1222],
      [11, '', 1216],
    ]);
    expect(errors[0]).toMatchObject({
      file_name: 's3://ingest/conv/a.json',
      column_type: 'int4',
      column_length: '0',
      error_message: "Invalid digit, Value 'x', Pos 0, Type: Integer",
    });
    expect(
      await stack.rows(
        `SELECT id, name, ok, price::text AS price, day::text AS day, at::text AS at, r FROM ${t} ORDER BY id`,
      ),
    ).toEqual([
      { id: 1, name: 'ok', ok: true, price: '12.34', day: '2018-11-30', at: '2018-11-01 20:57:10.5', r: 1.5 },
      { id: 12, name: '', ok: null, price: null, day: null, at: null, r: null },
    ]);
  });

  test('MAXERROR reached: FAILED with the Redshift message; errors persist in stl_load_errors after rollback', async () => {
    const t = await table('id INT');
    await stack.put('limit/a.json', '{"id":1}\n{"id":"a"}\n{"id":"b"}\n');
    const done = await stack.run(`COPY public.${t} FROM 's3://ingest/limit/' ${IAM} JSON 'auto' MAXERROR 2`);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toContain(FAILED(t));
    expect(await stack.rows(`SELECT count(*) AS n FROM ${t}`)).toEqual([{ n: 0 }]);
    const stl = await stack.rows(`SELECT filename, line_number, colname, err_code, raw_line, raw_field_value
      FROM stl_load_errors WHERE query = ${Number(done.RedshiftQueryId)} ORDER BY line_number`);
    expect(stl).toEqual([
      {
        filename: 's3://ingest/limit/a.json',
        line_number: 2,
        colname: 'id',
        err_code: 1207,
        raw_line: '{"id":"a"}',
        raw_field_value: 'a',
      },
      {
        filename: 's3://ingest/limit/a.json',
        line_number: 3,
        colname: 'id',
        err_code: 1207,
        raw_line: '{"id":"b"}',
        raw_field_value: 'b',
      },
    ]);
  });

  test('default MAXERROR: the first bad row fails the COPY', async () => {
    const t = await table('id INT');
    await stack.put('first/a.json', '{"id":1}\n{"id":"a"}');
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/first/' ${IAM} JSON 'auto'`);
    expect([done.Status, done.Error?.includes(FAILED(t))]).toEqual(['FAILED', true]);
  });

  test('GZIP data, line numbers in the decompressed file; pretty-printed and concatenated objects', async () => {
    const t = await table('id INT, tags VARCHAR(100)');
    await stack.put(
      'gz/a.json.gz',
      gzipSync('{"id":1,"tags":["a","b"]}{"id":2}\n{\n  "id": 3,\n  "tags": {"k": 1}\n}\n{\n  "id": "bad"\n}\n'),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/gz/' ${IAM} JSON 'auto' GZIP MAXERROR 5`);
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 3]);
    expect((await loadErrorsOf(stack, done.RedshiftQueryId)).map((e) => [e.file_name, e.line_number])).toEqual([
      ['s3://ingest/gz/a.json.gz', 8],
    ]);
    expect(await stack.rows(`SELECT id, tags FROM ${t} ORDER BY id`)).toEqual([
      { id: 1, tags: '["a","b"]' },
      { id: 2, tags: null },
      { id: 3, tags: '{"k":1}' },
    ]);
  });

  test('a corrupt GZIP file fails the COPY naming the file', async () => {
    const t = await table('id INT');
    await stack.put('badgz/a.json.gz', '{"id":1}');
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/badgz/' ${IAM} JSON 'auto' GZIP`);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toContain("Failed to decompress 's3://ingest/badgz/a.json.gz' as GZIP");
  });

  test('TIMEFORMAT epochmillisecs / epochsecs / auto and DATEFORMAT', async () => {
    const t = await table('ms TIMESTAMP, d DATE');
    await stack.put('time/ms.json', '{"ms":1543607664796,"d":"30.11.2018"}');
    await stack.put('time/s.json', '{"ms":1543607664,"d":"01.12.2018"}');
    await stack.put('time/auto.json', '{"ms":"2018-11-30T19:54:24.796Z","d":"2018-11-30"}');
    await stack.rows(
      `COPY ${t} FROM 's3://ingest/time/ms.json' ${IAM} JSON 'auto' TIMEFORMAT AS 'epochmillisecs' DATEFORMAT AS 'DD.MM.YYYY'`,
    );
    await stack.rows(
      `COPY ${t} FROM 's3://ingest/time/s.json' ${IAM} JSON 'auto' TIMEFORMAT 'epochsecs' DATEFORMAT 'DD.MM.YYYY'`,
    );
    await stack.rows(
      `COPY ${t} FROM 's3://ingest/time/auto.json' ${IAM} JSON 'auto' TIMEFORMAT 'auto' DATEFORMAT 'auto'`,
    );
    expect(await stack.rows(`SELECT ms::text AS ms, d::text AS d FROM ${t} ORDER BY ms, d`)).toEqual([
      { ms: '2018-11-30 19:54:24', d: '2018-12-01' },
      { ms: '2018-11-30 19:54:24.796', d: '2018-11-30' },
      { ms: '2018-11-30 19:54:24.796', d: '2018-11-30' },
    ]);
  });

  test('TRUNCATECOLUMNS (UTF-8 bytes), EMPTYASNULL, BLANKSASNULL; empty into INT is NULL', async () => {
    const t = await table('k INT, s VARCHAR(4), e VARCHAR(4), b VARCHAR(4)');
    await stack.put('text/a.json', '{"k":"","s":"ééé","e":"","b":"   "}');
    await stack.rows(`COPY ${t} FROM 's3://ingest/text/' ${IAM} JSON 'auto' TRUNCATECOLUMNS EMPTYASNULL BLANKSASNULL`);
    await stack.rows(`COPY ${t} (s, e, b) FROM 's3://ingest/text/' ${IAM} JSON 'auto' TRUNCATECOLUMNS`);
    expect(await stack.rows(`SELECT k, s, e, b FROM ${t} ORDER BY e NULLS FIRST`)).toEqual([
      { k: null, s: 'éé', e: null, b: null },
      { k: null, s: 'éé', e: '', b: '   ' },
    ]);
  });

  test('invalid UTF-8: 1220 without ACCEPTINVCHARS, replaced per byte with it', async () => {
    const t = await table('s VARCHAR(20)');
    await stack.put('utf/a.json', Buffer.concat([Buffer.from('{"s":"Beyonc'), Buffer.from([0xc3]), Buffer.from('"}')]));
    const bad = await stack.run(`COPY ${t} FROM 's3://ingest/utf/' ${IAM} JSON 'auto'`);
    expect(bad.Status).toBe('FAILED');
    expect((await loadErrorsOf(stack, bad.RedshiftQueryId)).map((e) => [e.error_code, e.error_message])).toEqual([
      [1220, 'String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: c3 (error 3)'],
    ]);
    await stack.rows(`COPY ${t} FROM 's3://ingest/utf/' ${IAM} JSON 'auto' ACCEPTINVCHARS AS '^'`);
    await stack.rows(`COPY ${t} FROM 's3://ingest/utf/' ${IAM} JSON 'auto' ACCEPTINVCHARS`);
    expect(await stack.rows(`SELECT s FROM ${t} ORDER BY s`)).toEqual([{ s: 'Beyonc?' }, { s: 'Beyonc^' }]);
  });

  test("'auto' is case-sensitive, 'auto ignorecase' is not; a JSONPaths file maps by position", async () => {
    const t = await table('userid INT, firstname VARCHAR(20)');
    await stack.put('case/a.json', '{"userId":"39","firstName":"Walter","userid":"7"}');
    await stack.put('case/paths.json', '{"jsonpaths": ["$.userId", "$.firstName"]}');
    await stack.rows(`COPY ${t} FROM 's3://ingest/case/a.json' ${IAM} JSON 'auto'`);
    await stack.rows(`COPY ${t} FROM 's3://ingest/case/a.json' ${IAM} FORMAT JSON 'auto ignorecase'`);
    await stack.rows(`COPY ${t} FROM 's3://ingest/case/a.json' ${IAM} FORMAT AS JSON AS 's3://ingest/case/paths.json'`);
    expect(await stack.rows(`SELECT userid, firstname FROM ${t} ORDER BY userid`)).toEqual([
      { userid: 7, firstname: null },
      { userid: 39, firstname: 'Walter' },
      { userid: 39, firstname: 'Walter' },
    ]);
  });

  test('every credential form, REGION, COMPUPDATE/STATUPDATE/COMPROWS, IGNOREHEADER are accepted', async () => {
    const t = await table('id INT');
    await stack.put('creds/a.json', '# header\n{"id":1}');
    const forms = [
      "IAM_ROLE 'arn:aws:iam::123456789012:role/r' REGION AS 'us-west-2' COMPUPDATE PRESET STATUPDATE ON COMPROWS 1000",
      "CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/r' REGION 'us-west-2' COMPUPDATE OFF STATUPDATE FALSE",
      "ACCESS_KEY_ID 'AKIAEXAMPLE' SECRET_ACCESS_KEY 'secret' SESSION_TOKEN 'token' COMPUPDATE",
    ];
    for (const auth of forms) {
      const done = await stack.run(`COPY ${t} FROM 's3://ingest/creds/' ${auth} JSON 'auto' IGNOREHEADER 1`);
      expect([done.Status, done.Error, done.ResultRows]).toEqual(['FINISHED', undefined, 1]);
    }
  });

  test('invalid statements fail with Redshift-like messages', async () => {
    const t = await table('id INT');
    const cases: Array<[string, string]> = [
      [`COPY ${t} FROM 's3://ingest/creds/' ${IAM} JSON 'auto' CSV`, 'CSV cannot be used with JSON format'],
      [
        `COPY ${t} FROM 's3://ingest/creds/' ${IAM} JSON 'auto' DELIMITER '|'`,
        'DELIMITER cannot be used with JSON format',
      ],
      [`COPY ${t} FROM 's3://ingest/creds/' ${IAM} JSON 'auto' WHATEVER`, 'syntax error at or near "WHATEVER"'],
      [
        `COPY ${t} FROM 's3://ingest/creds/' ${IAM} JSON 'auto' LZOP`,
        'LZOP compression is not supported by the local emulator',
      ],
      [`COPY ${t} FROM 's3://ingest/creds/' ${IAM} FORMAT AS ORC`, 'FORMAT ORC is not supported by the local emulator'],
      [`COPY ${t} FROM 's3://ingest/nowhere/' ${IAM} JSON 'auto'`, "The specified S3 prefix 'nowhere/' does not exist"],
      [`COPY nosuch FROM 's3://ingest/creds/' ${IAM} JSON 'auto'`, 'relation "nosuch" does not exist'],
    ];
    for (const [sql, message] of cases) {
      const done = await stack.run(sql);
      expect([done.Status, done.Error?.includes(message)]).toEqual(['FAILED', true]);
    }
  });
});
