/**
 * One compression applies to every file of a COPY ("COPY: File compression parameters",
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html). The bzip2
 * and zstd files are checked in under test/fixtures/copy (see its README for how they were made).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { useCopyTestDb } from './memory-context';

const AUTH = "IAM_ROLE 'arn:aws:iam::123456789012:role/copy'";
const FIXTURES = join(__dirname, '../../../../fixtures/copy');
const db = useCopyTestDb();

const { copy, rows } = db;

describe('file compression', () => {
  test('BZIP2: a bzip2 file of pipe-delimited text with a header row', async () => {
    await db.ctx.pg.exec('CREATE TABLE songs (song_id varchar(5), title varchar(20), year int)');
    db.ctx.put('s3://b/s/songs.psv.bz2', readFileSync(join(FIXTURES, 'songs.psv.bz2')));
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
    await db.ctx.pg.exec('CREATE TABLE users (userid int, level varchar(4))');
    db.ctx.put('s3://b/u/users.json.zst', readFileSync(join(FIXTURES, 'users.json.zst')));
    expect((await copy(`COPY users FROM 's3://b/u/' ${AUTH} JSON 'auto' ZSTD`)).rowsLoaded).toBe(2);
    expect(await rows('SELECT * FROM users ORDER BY userid')).toEqual([
      { userid: 1, level: 'free' },
      { userid: 2, level: 'paid' },
    ]);
  });

  test('GZIP applies to CSV as to JSON', async () => {
    await db.ctx.pg.exec('CREATE TABLE t (a varchar(5), b int)');
    db.ctx.put('s3://b/g/1.csv.gz', gzipSync('"x,y",1\n'));
    expect((await copy(`COPY t FROM 's3://b/g/' ${AUTH} CSV GZIP`)).rowsLoaded).toBe(1);
    expect(await rows('SELECT a, b FROM t')).toEqual([{ a: 'x,y', b: 1 }]);
  });

  test.each([
    ['BZIP2', 's3://b/x/1.bz2'],
    ['ZSTD', 's3://b/x/1.zst'],
  ])('%s on a file that is not in that format fails the whole COPY naming the file', async (kw, url) => {
    await db.ctx.pg.exec('CREATE TABLE t (a int)');
    db.ctx.put(url, '1\n');
    const r = await copy(`COPY t FROM 's3://b/x/' ${AUTH} ${kw} MAXERROR 100`);
    expect(r.failure?.message).toMatch(new RegExp(`^Failed to decompress '${url.replace(/\./g, '\\.')}' as ${kw}: `));
  });
});
