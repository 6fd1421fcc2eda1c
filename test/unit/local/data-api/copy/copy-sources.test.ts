import { gzipSync } from 'node:zlib';
import { runCopy } from '../../../../../local/data-api/copy';
import { CopyNotSupportedError, CopySourceError } from '../../../../../local/data-api/copy/errors';
import { copyInTransaction, createMemoryContext, type MemoryContext } from './memory-context';

const AUTH = 'IAM_ROLE default';
let ctx: MemoryContext;

beforeAll(() => {
  ctx = createMemoryContext();
});
afterAll(async () => {
  await ctx.pg.close();
});
beforeEach(async () => {
  ctx.objects.clear();
  await ctx.pg.exec(
    'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; CREATE TABLE t (k varchar(40), v int);',
  );
});

const copy = (sql: string) => copyInTransaction(ctx, sql);

const keys = async () => (await ctx.pg.query<{ k: string }>('SELECT k FROM t ORDER BY k')).rows.map((r) => r.k);
const manifest = (entries: object[]) => JSON.stringify({ entries });

describe('prefix sources', () => {
  test('FROM is a key prefix: siblings like .1 and .bak and "folders" match; folder placeholders skipped', async () => {
    ctx.put('s3://b/custdata.txt', '{"k":"base"}');
    ctx.put('s3://b/custdata.txt.1', '{"k":"dot1"}');
    ctx.put('s3://b/custdata.txt.bak', '{"k":"bak"}');
    ctx.put('s3://b/custdata.txt_folder/', '');
    ctx.put('s3://b/custdata.txt_folder/x.json', '{"k":"folder"}');
    ctx.put('s3://b/other.txt', '{"k":"other"}');
    ctx.put('s3://c/custdata.txt', '{"k":"other bucket"}');
    expect((await copy(`COPY t FROM 's3://b/custdata.txt' ${AUTH} JSON 'auto'`)).rowsLoaded).toBe(4);
    expect(await keys()).toEqual(['bak', 'base', 'dot1', 'folder']);
  });

  test('a prefix with no object fails', async () => {
    const r = await copy(`COPY t FROM 's3://b/nothing/' ${AUTH} JSON 'auto'`);
    expect(r.failure).toBeInstanceOf(CopySourceError);
    expect(r.failure?.message).toBe("The specified S3 prefix 'nothing/' does not exist");
  });
});

describe('manifests', () => {
  test('entries load in manifest order; a file listed twice loads twice; missing optional files are skipped', async () => {
    ctx.put('s3://b/a.json', '{"k":"a"}');
    ctx.put('s3://c/b.json', '{"k":"b"}');
    ctx.put(
      's3://b/m.manifest',
      manifest([
        { url: 's3://c/b.json', mandatory: true },
        { url: 's3://b/gone.json' },
        { url: 's3://b/a.json', mandatory: false, meta: { content_length: 9 } },
        { url: 's3://b/a.json' },
      ]),
    );
    expect((await copy(`COPY t FROM 's3://b/m.manifest' ${AUTH} MANIFEST JSON 'auto'`)).rowsLoaded).toBe(3);
    expect(await keys()).toEqual(['a', 'a', 'b']);
  });

  test('a missing mandatory file fails the COPY naming its URL', async () => {
    ctx.put('s3://b/a.json', '{"k":"a"}');
    ctx.put('s3://b/m.manifest', manifest([{ url: 's3://b/a.json' }, { url: 's3://b/lost.json', mandatory: true }]));
    const r = await copy(`COPY t FROM 's3://b/m.manifest' ${AUTH} MANIFEST JSON 'auto'`);
    expect(r.failure?.message).toBe("Manifest file entry 's3://b/lost.json' is mandatory but the file was not found");
    expect(await keys()).toEqual([]);
  });

  test('no file found at all fails whatever the mandatory flags say', async () => {
    ctx.put('s3://b/m.manifest', manifest([{ url: 's3://b/x.json' }, { url: 's3://b/y.json' }]));
    const r = await copy(`COPY t FROM 's3://b/m.manifest' ${AUTH} MANIFEST JSON 'auto'`);
    expect(r.failure?.message).toMatch(/^No data files found for 's3:\/\/b\/m.manifest'/);
  });

  test('an entry that is not a full object path is load error 8001', async () => {
    ctx.put('s3://b/dir/a.json', '{"k":"a"}');
    for (const url of ['s3://b/dir/', 's3://b/dir', 'https://b/a.json']) {
      ctx.put('s3://b/m.manifest', manifest([{ url, mandatory: false }]));
      const r = await copy(`COPY t FROM 's3://b/m.manifest' ${AUTH} MANIFEST JSON 'auto'`);
      expect(r.failure?.message).toBe("Load into table 't' failed.  Check 'stl_load_errors' system table for details.");
      expect(r.errors).toEqual([
        expect.objectContaining({
          fileName: url,
          errorCode: 8001,
          errorMessage: 'COPY with MANIFEST parameter requires full path of an S3 object',
        }),
      ]);
    }
  });

  test.each([
    ['missing', undefined, "Problem reading manifest file - the manifest 's3://b/m.manifest' does not exist"],
    ['malformed', '{"entries": [', "Manifest file is not in correct json format ('s3://b/m.manifest')"],
    ['no entries', '{"files": []}', 'Manifest file is not in correct json format'],
    ['entry without url', '{"entries": [{"mandatory": true}]}', 'every entry needs a "url"'],
  ])('a %s manifest fails', async (_name, body, message) => {
    if (body !== undefined) ctx.put('s3://b/m.manifest', body);
    const r = await copy(`COPY t FROM 's3://b/m.manifest' ${AUTH} MANIFEST JSON 'auto'`);
    expect(r.failure).toBeInstanceOf(CopySourceError);
    expect(r.failure?.message).toContain(message);
  });
});

describe('compression and encodings', () => {
  test('GZIP files decompress; line numbers count in the decompressed text', async () => {
    ctx.put('s3://b/g/1.json.gz', gzipSync('{"k":"a","v":1}\n{"k":"b","v":"nope"}\n'));
    const r = await copy(`COPY t FROM 's3://b/g/' ${AUTH} JSON 'auto' GZIP MAXERROR 2`);
    expect(r.rowsLoaded).toBe(1);
    expect(r.errors.map((e) => [e.fileName, e.lineNumber, e.errorCode])).toEqual([['s3://b/g/1.json.gz', 2, 1207]]);
  });

  test('a corrupt gzip file fails the COPY naming the file', async () => {
    ctx.put('s3://b/g/1.json.gz', '{"k":"plain text"}');
    const r = await copy(`COPY t FROM 's3://b/g/' ${AUTH} JSON 'auto' GZIP`);
    expect(r.failure?.message).toMatch(/^Failed to decompress 's3:\/\/b\/g\/1.json.gz' as GZIP: /);
  });

  test('LZOP is refused clearly (no maintained pure-JavaScript reader)', async () => {
    await expect(runCopy(`COPY t FROM 's3://b/g/' ${AUTH} JSON 'auto' LZOP`, ctx)).rejects.toThrow(
      new CopyNotSupportedError('LZOP compression'),
    );
  });

  test('invalid UTF-8 bytes: 1220 by default, ACCEPTINVCHARS replaces one char per byte', async () => {
    ctx.put('s3://b/u.json', Buffer.concat([Buffer.from('{"k":"caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}')]));
    const r = await copy(`COPY t FROM 's3://b/u.json' ${AUTH} JSON 'auto' MAXERROR 5`);
    expect(r.errors.map((e) => [e.errorCode, e.rawLine])).toEqual([[1220, '{"k":"caf??"}']]);
    expect((await copy(`COPY t FROM 's3://b/u.json' ${AUTH} JSON 'auto' ACCEPTINVCHARS AS '^'`)).rowsLoaded).toBe(1);
    expect(await keys()).toEqual(['caf^^']);
  });
});

describe('other options', () => {
  test('JSONPaths: count mismatch and a missing file fail; MAXERROR does not apply', async () => {
    ctx.put('s3://b/d.json', '{"k":"a"}');
    ctx.put('s3://b/p.json', '{"jsonpaths": ["$.k"]}');
    const r = await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 's3://b/p.json' MAXERROR 100`);
    expect(r.failure?.message).toBe(
      'Number of jsonpaths and the number of columns should match. JSONPath size: 1, Number of columns in table or column list: 2',
    );
    expect((await copy(`COPY t (k) FROM 's3://b/d.json' ${AUTH} JSON 's3://b/p.json'`)).rowsLoaded).toBe(1);
    expect((await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 's3://b/none.json'`)).failure?.message).toBe(
      "JSONPaths file 's3://b/none.json' does not exist",
    );
  });

  test('NOLOAD checks the data without loading it', async () => {
    ctx.put('s3://b/d.json', '{"k":"a","v":1}');
    expect(await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 'auto' NOLOAD`)).toEqual({ rowsLoaded: 0, errors: [] });
    expect(await keys()).toEqual([]);
  });

  test('IGNOREHEADER skips lines per file and keeps line numbers', async () => {
    ctx.put('s3://b/d.json', 'header line\n{"k":"a","v":1}\n{"k":"b","v":"x"}');
    const r = await copy(`COPY t FROM 's3://b/d.json' ${AUTH} JSON 'auto' IGNOREHEADER 1 MAXERROR 3`);
    expect(r.rowsLoaded).toBe(1);
    expect(r.errors.map((e) => e.lineNumber)).toEqual([3]);
  });

  test('a missing table or column fails clearly', async () => {
    ctx.put('s3://b/d.json', '{"k":"a"}');
    expect((await copy(`COPY nope FROM 's3://b/d.json' ${AUTH} JSON 'auto'`)).failure?.message).toBe(
      'relation "nope" does not exist',
    );
    expect((await copy(`COPY t (zz) FROM 's3://b/d.json' ${AUTH} JSON 'auto'`)).failure?.message).toBe(
      'column "zz" of relation "t" does not exist',
    );
  });

  test('TIMEFORMAT, DATEFORMAT, booleans and numerics through a whole COPY', async () => {
    await ctx.pg.exec('CREATE TABLE x (ts timestamp, tz timestamptz, d date, ok boolean, n numeric(10,2), f real)');
    ctx.put(
      's3://b/x.json',
      '{"ts":1541105830796,"tz":"1541105830796","d":"30/11/2018","ok":true,"n":12.349,"f":"1.5"}\n{"ts":"","d":"","ok":"f","n":null,"f":""}',
    );
    expect(
      (
        await copy(
          `COPY x FROM 's3://b/x.json' ${AUTH} JSON 'auto' TIMEFORMAT 'epochmillisecs' DATEFORMAT 'DD/MM/YYYY'`,
        )
      ).rowsLoaded,
    ).toBe(2);
    const got = (await ctx.pg.query('SELECT ts::text, tz::text, d::text, ok, n::text, f FROM x ORDER BY ok DESC')).rows;
    expect(got).toEqual([
      {
        ts: '2018-11-01 20:57:10.796',
        tz: '2018-11-01 20:57:10.796+00',
        d: '2018-11-30',
        ok: true,
        n: '12.34',
        f: 1.5,
      },
      { ts: null, tz: null, d: null, ok: false, n: null, f: null },
    ]);
  });
});
