import { freshTable, loadErrorsOf, useCopyStack } from './copy-stack';

const IAM = 'IAM_ROLE default';
const stack = useCopyStack();

const table = (ddl: string): Promise<string> => freshTable(stack, ddl);
const manifest = (entries: object[]) => JSON.stringify({ entries });

describe('COPY sources through the Data API', () => {
  test('manifest over many files: errors attributed to the right file and line', async () => {
    const t = await table('id INT, v VARCHAR(10)');
    const entries: object[] = [];
    for (let f = 0; f < 12; f++) {
      const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: i, v: `f${f}` }));
      if (f === 3) lines[7] = '{"id":"seven","v":"f3"}';
      if (f === 10) lines[19] = '{"id":19,"v":"much too long"}';
      const key = `batch/part-${String(f).padStart(2, '0')}.json`;
      await stack.put(key, lines.join('\n'));
      entries.push({ url: `s3://ingest/${key}`, mandatory: true });
    }
    await stack.put('manifests/many.manifest', manifest(entries));
    const done = await stack.run(
      `COPY ${t} FROM 's3://ingest/manifests/many.manifest' ${IAM} MANIFEST JSON 'auto' MAXERROR 10`,
    );
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 238]);
    expect(
      (await loadErrorsOf(stack, done.RedshiftQueryId)).map((e) => [
        e.file_name,
        e.line_number,
        e.column_name,
        e.error_code,
      ]),
    ).toEqual([
      ['s3://ingest/batch/part-03.json', 8, 'id', 1207],
      ['s3://ingest/batch/part-10.json', 20, 'v', 1204],
    ]);
  });

  test('a manifest with a missing mandatory file fails naming the URL and loads nothing', async () => {
    const t = await table('id INT');
    await stack.put('m1/a.json', '{"id":1}');
    await stack.put(
      'manifests/m1.manifest',
      manifest([
        { url: 's3://ingest/m1/a.json', mandatory: true },
        { url: 's3://ingest/m1/missing.json', mandatory: true },
      ]),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/manifests/m1.manifest' ${IAM} MANIFEST JSON 'auto'`);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toContain("'s3://ingest/m1/missing.json' is mandatory but the file was not found");
    expect(await stack.rows(`SELECT count(*) AS n FROM ${t}`)).toEqual([{ n: 0 }]);
  });

  test('missing optional entries are skipped; listed twice loads twice; cross-bucket-style order kept', async () => {
    const t = await table('id INT');
    await stack.put('m2/b.json', '{"id":2}');
    await stack.put('m2/a.json', '{"id":1}');
    await stack.put(
      'manifests/m2.manifest',
      manifest([
        { url: 's3://ingest/m2/b.json' },
        { url: 's3://ingest/m2/gone.json', mandatory: false },
        { url: 's3://ingest/m2/a.json', meta: { content_length: 8 } },
        { url: 's3://ingest/m2/b.json' },
      ]),
    );
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/manifests/m2.manifest' ${IAM} MANIFEST JSON 'auto'`);
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 3]);
    expect(await stack.rows(`SELECT id FROM ${t} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 2 }]);
  });

  test('a manifest entry that is a prefix is load error 8001; a malformed manifest fails', async () => {
    const t = await table('id INT');
    await stack.put('manifests/m3.manifest', manifest([{ url: 's3://ingest/m2/', mandatory: true }]));
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/manifests/m3.manifest' ${IAM} MANIFEST JSON 'auto'`);
    expect(done.Status).toBe('FAILED');
    expect(
      (await loadErrorsOf(stack, done.RedshiftQueryId)).map((e) => [e.file_name, e.error_code, e.error_message]),
    ).toEqual([['s3://ingest/m2/', 8001, 'COPY with MANIFEST parameter requires full path of an S3 object']]);
    await stack.put('manifests/bad.manifest', '{"entries": [');
    const bad = await stack.run(`COPY ${t} FROM 's3://ingest/manifests/bad.manifest' ${IAM} MANIFEST JSON 'auto'`);
    expect([bad.Status, bad.Error?.includes('Manifest file is not in correct json format')]).toEqual(['FAILED', true]);
    const none = await stack.run(`COPY ${t} FROM 's3://ingest/manifests/none.manifest' ${IAM} MANIFEST JSON 'auto'`);
    expect([none.Status, none.Error?.includes('does not exist')]).toEqual(['FAILED', true]);
  });

  test('without MANIFEST, FROM is a key prefix (siblings and folders match)', async () => {
    const t = await table('k VARCHAR(20)');
    await stack.put('pfx/custdata.txt', '{"k":"base"}');
    await stack.put('pfx/custdata.txt.1', '{"k":"dot1"}');
    await stack.put('pfx/custdata.txt.bak', '{"k":"bak"}');
    await stack.put('pfx/custdata.txt_dir/x.json', '{"k":"dir"}');
    await stack.put('pfx/other.txt', '{"k":"other"}');
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/pfx/custdata.txt' ${IAM} JSON 'auto'`);
    expect(done.ResultRows).toBe(4);
    expect((await stack.rows(`SELECT k FROM ${t} ORDER BY k`)).map((r) => r.k)).toEqual(['bak', 'base', 'dir', 'dot1']);
  });

  test('Redshift DDL: IDENTITY and DEFAULT columns with an explicit column list', async () => {
    await stack.rows(`CREATE TABLE songplays (songplay_id INT IDENTITY(0,1), user_id INT NOT NULL, level VARCHAR(10) DEFAULT 'free',
      start_time TIMESTAMP NOT NULL) DISTSTYLE KEY DISTKEY(user_id) SORTKEY(start_time)`);
    await stack.put(
      'ident/a.json',
      '{"user_id":"15","start_time":1542837407796}\n{"user_id":"16","start_time":1542837408796,"level":"paid"}',
    );
    const done = await stack.run(
      `COPY songplays (user_id, start_time) FROM 's3://ingest/ident/' ${IAM} JSON 'auto' TIMEFORMAT 'epochmillisecs'`,
    );
    expect([done.Status, done.Error, done.ResultRows]).toEqual(['FINISHED', undefined, 2]);
    expect(
      await stack.rows(
        'SELECT songplay_id, user_id, level, start_time::text AS start_time FROM songplays ORDER BY user_id',
      ),
    ).toEqual([
      { songplay_id: 0, user_id: 15, level: 'free', start_time: '2018-11-21 21:56:47.796' },
      { songplay_id: 1, user_id: 16, level: 'free', start_time: '2018-11-21 21:56:48.796' },
    ]);
  });

  test('garbage between objects: one 1216 error per occurrence at the right line', async () => {
    const t = await table('id INT');
    await stack.put('garbage/a.json', '{"id":1},\n{"id":2}\nnot json at all\n{"id":4}\n{"id":5');
    const done = await stack.run(`COPY ${t} FROM 's3://ingest/garbage/' ${IAM} JSON 'auto' MAXERROR 5`);
    expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 3]);
    expect((await loadErrorsOf(stack, done.RedshiftQueryId)).map((e) => [e.line_number, e.error_code])).toEqual([
      [1, 1216],
      [3, 1216],
      [5, 1216],
    ]);
  });
});
