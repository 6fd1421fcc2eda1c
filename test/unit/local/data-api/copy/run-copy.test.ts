import { copyInTransaction, createMemoryContext, type MemoryContext } from './memory-context';

const AUTH = "IAM_ROLE 'arn:aws:iam::123456789012:role/copy'";
let ctx: MemoryContext;

beforeAll(() => {
  ctx = createMemoryContext();
});
afterAll(async () => {
  await ctx.pg.close();
});
beforeEach(async () => {
  ctx.objects.clear();
  ctx.copyCalls = 0;
  await ctx.pg.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await ctx.pg.query<Record<string, unknown>>(sql)).rows;
}

const copy = (sql: string) => copyInTransaction(ctx, sql);

const failedMessage = (t: string) =>
  `Load into table '${t}' failed.  Check 'stl_load_errors' system table for details.`;

describe('auto mapping', () => {
  test('keys map to columns case-sensitively; unknown keys ignored; missing keys NULL; one bulk load', async () => {
    await ctx.pg.exec(
      'CREATE TABLE songs (song_id varchar(18), title varchar(256), year int, duration float8, extra varchar(10))',
    );
    ctx.put(
      's3://b/song_data/A/1.json',
      '{"song_id":"SO1","title":"Soul Deep","year":1969,"duration":148.03546,"Extra":"x","zzz":1}',
    );
    ctx.put(
      's3://b/song_data/A/2.json',
      '{"song_id": "SO2", "title": "I Didn\'t Mean To", "year": 0, "duration": 218.93179}',
    );
    const r = await copy(`COPY songs FROM 's3://b/song_data' ${AUTH} FORMAT AS JSON 'auto'`);
    expect(r).toEqual({ rowsLoaded: 2, errors: [] });
    expect(ctx.copyCalls).toBe(1);
    expect(await rows('SELECT * FROM songs ORDER BY song_id')).toEqual([
      { song_id: 'SO1', title: 'Soul Deep', year: 1969, duration: 148.03546, extra: null },
      { song_id: 'SO2', title: "I Didn't Mean To", year: 0, duration: 218.93179, extra: null },
    ]);
  });

  test("'auto ignorecase' matches camelCase keys", async () => {
    await ctx.pg.exec('CREATE TABLE ev (firstname varchar(50), userid int)');
    ctx.put('s3://b/log/1.json', '{"firstName":"Walter","userId":"39"}\n{"firstName":"X","userId":""}');
    expect((await copy(`COPY ev FROM 's3://b/log/' ${AUTH} JSON 'auto ignorecase'`)).rowsLoaded).toBe(2);
    expect(await rows('SELECT * FROM ev ORDER BY firstname')).toEqual([
      { firstname: 'Walter', userid: 39 },
      { firstname: 'X', userid: null },
    ]);
  });

  test('explicit column list: omitted columns get their DEFAULT; identity columns generate', async () => {
    await ctx.pg.exec("CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, a int, note varchar(10) DEFAULT 'dflt')");
    ctx.put('s3://b/d/1.json', '{"a":1,"note":"ignored"}');
    expect((await copy(`COPY t (a) FROM 's3://b/d/' ${AUTH} JSON 'auto'`)).rowsLoaded).toBe(1);
    ctx.put('s3://b/d/1.json', '{"a":2}');
    await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto'`);
    expect(await rows('SELECT * FROM t ORDER BY id')).toEqual([
      { id: 1, a: 1, note: 'dflt' },
      { id: 2, a: 2, note: null },
    ]);
  });

  test('values survive CSV: quotes, commas, newlines, backslashes, control chars, objects as JSON text', async () => {
    await ctx.pg.exec('CREATE TABLE t (s varchar(200), o varchar(200), n varchar(20), b varchar(5))');
    ctx.put(
      's3://b/d.json',
      String.raw`{"s":"\"Mozilla\/5.0\", a\\b\nline2 Theo\u0019s","o":{"k":[1,"x"]},"n":1540919166796.0,"b":true}`,
    );
    await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 'auto'`);
    expect(await rows('SELECT * FROM t')).toEqual([
      { s: '"Mozilla/5.0", a\\b\nline2 Theo\u0019s', o: '{"k":[1,"x"]}', n: '1540919166796.0', b: 'true' },
    ]);
  });

  test('a single-column table with a NULL row still loads', async () => {
    await ctx.pg.exec('CREATE TABLE one (v int)');
    ctx.put('s3://b/d.json', '{"v":null}\n{"v":5}');
    expect((await copy(`COPY one FROM 's3://b/d.json' ${AUTH} JSON 'auto'`)).rowsLoaded).toBe(2);
    expect(await rows('SELECT v FROM one ORDER BY v')).toEqual([{ v: 5 }, { v: null }]);
  });

  test('a root array needs JSONPaths: load error with auto, $[n] works with paths', async () => {
    await ctx.pg.exec('CREATE TABLE t (a int, b varchar(10))');
    ctx.put('s3://b/d.json', '[1,"Sports"]\n[2,"MLB"]');
    const bad = await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 'auto' MAXERROR 5`);
    expect(bad.errors.map((e) => e.lineNumber)).toEqual([1, 2]);
    ctx.put('s3://b/paths.json', '{"jsonpaths":["$[0]","$[1]"]}');
    expect((await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 's3://b/paths.json'`)).rowsLoaded).toBe(2);
  });
});

describe('MAXERROR and load errors', () => {
  beforeEach(async () => {
    await ctx.pg.exec('CREATE TABLE t (a int NOT NULL, b varchar(3))');
    ctx.put('s3://b/d/1.json', '{"a":1,"b":"ok"}\n{"a":"x1","b":"ok"}\n{"a":3,"b":"toolong"}\n{"a":4}');
  });

  test('under the limit: good rows load, bad rows are reported with line, column and reason', async () => {
    const r = await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto' MAXERROR 3`);
    expect(r.rowsLoaded).toBe(2);
    expect(r.errors).toEqual([
      {
        fileName: 's3://b/d/1.json',
        lineNumber: 2,
        columnName: 'a',
        columnType: 'int4',
        columnLength: '0',
        position: 0,
        rawLine: '{"a":"x1","b":"ok"}',
        rawFieldValue: 'x1',
        errorCode: 1207,
        errorMessage: "Invalid digit, Value 'x', Pos 0, Type: Integer",
      },
      {
        fileName: 's3://b/d/1.json',
        lineNumber: 3,
        columnName: 'b',
        columnType: 'varchar',
        columnLength: '3',
        position: 0,
        rawLine: '{"a":3,"b":"toolong"}',
        rawFieldValue: 'toolong',
        errorCode: 1204,
        errorMessage: 'String length exceeds DDL length',
      },
    ]);
    expect(await rows('SELECT a, b FROM t ORDER BY a')).toEqual([
      { a: 1, b: 'ok' },
      { a: 4, b: null },
    ]);
  });

  test('at the limit: the COPY fails with the exact message, all errors, nothing loaded', async () => {
    const r = await copy(`COPY public.t FROM 's3://b/d/' ${AUTH} JSON 'auto' MAXERROR 2`);
    expect(r.failure?.message).toBe(failedMessage('t'));
    expect(r.errors.map((e) => [e.lineNumber, e.errorCode])).toEqual([
      [2, 1207],
      [3, 1204],
    ]);
    expect(await rows('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
  });

  test('default MAXERROR 0 fails on the first error; MAXERROR 1 too', async () => {
    ctx.put('s3://b/d/1.json', '{"a":1}\n{"a":"bad"}');
    expect((await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto'`)).failure?.message).toBe(failedMessage('t'));
    expect((await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto' MAXERROR 1`)).failure).toBeDefined();
    expect((await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto' MAXERROR 2`)).rowsLoaded).toBe(1);
  });

  test('NULL into NOT NULL is 1213; TRUNCATECOLUMNS cuts instead of failing', async () => {
    ctx.put('s3://b/d/1.json', '{"b":"x"}\n{"a":2,"b":"toolong"}');
    const r = await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto' TRUNCATECOLUMNS MAXERROR 10`);
    expect(r.errors.map((e) => [e.lineNumber, e.columnName, e.errorCode, e.errorMessage])).toEqual([
      [1, 'a', 1213, 'Missing data for not-null field'],
    ]);
    expect(await rows('SELECT a, b FROM t')).toEqual([{ a: 2, b: 'too' }]);
  });

  test('errors are attributed to the right file and line across many files', async () => {
    for (let f = 0; f < 40; f++) {
      const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ a: f === 7 && i === 3 ? 'bad' : i, b: 'x' }));
      if (f === 31) lines.splice(1, 0, '{"a": 1,', '  "b": "xyzw"}');
      ctx.put(`s3://b/many/f${String(f).padStart(2, '0')}.json`, lines.join('\n'));
    }
    const r = await copy(`COPY t FROM 's3://b/many/' ${AUTH} JSON 'auto' MAXERROR 100`);
    expect(r.rowsLoaded).toBe(199);
    expect(r.errors.map((e) => [e.fileName, e.lineNumber])).toEqual([
      ['s3://b/many/f07.json', 4],
      ['s3://b/many/f31.json', 3],
    ]);
  });

  test('recorded rows are capped at 1000 but every failing file keeps its first error', async () => {
    ctx.put('s3://b/d/1.json', Array.from({ length: 1500 }, () => '{"a":"x"}').join('\n'));
    ctx.put('s3://b/d/2.json', '{"a":1}\n{"a":"y"}');
    const r = await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto' MAXERROR 100000`);
    expect(r.errors).toHaveLength(1001);
    expect(r.errors[1000]).toMatchObject({ fileName: 's3://b/d/2.json', lineNumber: 2 });
    expect(r.rowsLoaded).toBe(1);
  });

  test('garbage between objects is a 1216 load error per occurrence', async () => {
    ctx.put('s3://b/d/1.json', '{"a":1},\n{"a":2}\n{"a":3,\n');
    const r = await copy(`COPY t FROM 's3://b/d/' ${AUTH} JSON 'auto' MAXERROR 5`);
    expect(r.rowsLoaded).toBe(2);
    expect(r.errors.map((e) => [e.lineNumber, e.errorCode, e.rawLine])).toEqual([
      [1, 1216, ','],
      [3, 1216, '{"a":3,'],
    ]);
  });
});
