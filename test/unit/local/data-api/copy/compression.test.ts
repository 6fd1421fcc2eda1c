/**
 * One compression applies to every file of a COPY ("COPY: File compression parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html). The bzip2
 * and zstd files are checked in under test/fixtures/copy (see its README for how they were made).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { copyInTransaction, createMemoryContext, type MemoryContext } from './memory-context';

const AUTH = "IAM_ROLE 'arn:aws:iam::123456789012:role/copy'";
const FIXTURES = join(__dirname, '../../../../fixtures/copy');
let ctx: MemoryContext;

beforeAll(() => {
  ctx = createMemoryContext();
});
afterAll(async () => {
  await ctx.pg.close();
});
beforeEach(async () => {
  ctx.objects.clear();
  await ctx.pg.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
});

const copy = (sql: string) => copyInTransaction(ctx, sql);
const rows = async (sql: string) => (await ctx.pg.query<Record<string, unknown>>(sql)).rows;

describe('file compression', () => {
  test('BZIP2: a bzip2 file of pipe-delimited text with a header row', async () => {
    await ctx.pg.exec('CREATE TABLE songs (song_id varchar(5), title varchar(20), year int)');
    ctx.put('s3://b/s/songs.psv.bz2', readFileSync(join(FIXTURES, 'songs.psv.bz2')));
    expect(await copy(`COPY songs FROM 's3://b/s/' ${AUTH} IGNOREHEADER 1 BZIP2`)).toEqual({
      rowsLoaded: 2,
      errors: [],
    });
    expect(await rows('SELECT * FROM songs ORDER BY song_id')).toEqual([
      { song_id: 'S1', title: 'Alpha', year: 1999 },
      { song_id: 'S2', title: 'Beta Café', year: null },
    ]);
  });

  test('ZSTD: a Zstandard file of JSON lines', async () => {
    await ctx.pg.exec('CREATE TABLE users (userid int, level varchar(4))');
    ctx.put('s3://b/u/users.json.zst', readFileSync(join(FIXTURES, 'users.json.zst')));
    expect((await copy(`COPY users FROM 's3://b/u/' ${AUTH} JSON 'auto' ZSTD`)).rowsLoaded).toBe(2);
    expect(await rows('SELECT * FROM users ORDER BY userid')).toEqual([
      { userid: 1, level: 'free' },
      { userid: 2, level: 'paid' },
    ]);
  });

  test('GZIP applies to CSV as to JSON', async () => {
    await ctx.pg.exec('CREATE TABLE t (a varchar(5), b int)');
    ctx.put('s3://b/g/1.csv.gz', gzipSync('"x,y",1\n'));
    expect((await copy(`COPY t FROM 's3://b/g/' ${AUTH} CSV GZIP`)).rowsLoaded).toBe(1);
    expect(await rows('SELECT a, b FROM t')).toEqual([{ a: 'x,y', b: 1 }]);
  });

  test.each([
    ['BZIP2', 's3://b/x/1.bz2'],
    ['ZSTD', 's3://b/x/1.zst'],
  ])('%s on a file that is not in that format fails the whole COPY naming the file', async (kw, url) => {
    await ctx.pg.exec('CREATE TABLE t (a int)');
    ctx.put(url, '1\n');
    const r = await copy(`COPY t FROM 's3://b/x/' ${AUTH} ${kw} MAXERROR 100`);
    expect(r.failure?.message).toMatch(new RegExp(`^Failed to decompress '${url.replace(/\./g, '\\.')}' as ${kw}: `));
  });
});
