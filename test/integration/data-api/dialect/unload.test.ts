/**
 * UNLOAD to the local S3 through the real RedshiftDataClient: the files (names, bytes) land in
 * the local S3 server's bucket, and UNLOAD -> COPY gives back the same rows
 * ("UNLOAD", https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html;
 * "UNLOAD examples", https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD_command_examples.html).
 */
import { gunzipSync } from 'node:zlib';
import type { DataApiServerOptions } from '../../../../local/data-api';
import { BUCKET, useLocalS3 } from '../../s3/s3-test-kit';
import { queryRows, runAll, runSql, useTestServer } from '../support';

const ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-unload'";

describe('UNLOAD to the local S3 (real RedshiftDataClient)', () => {
  const s3 = useLocalS3();
  const opts = {
    get s3() {
      return { endpoint: s3.server.endpoint };
    },
  } as Partial<DataApiServerOptions>;
  const env = useTestServer(opts, (client) =>
    runAll(
      client,
      'CREATE TABLE venue (venueid SMALLINT, venuename VARCHAR(100), venuecity VARCHAR(30), venueseats INTEGER, price DECIMAL(8,2), open BOOLEAN)',
      `INSERT INTO venue VALUES (1, 'Toyota Park', 'Bridgeview', 0, 10.50, true),
         (2, 'Columbus "Crew" Stadium', 'Columbus', NULL, 7.25, false), (3, 'RFK Stadium', 'Washington', 0, NULL, true)`,
    ),
  );

  const keys = async (prefix: string) => s3.server.store.list(BUCKET, { prefix }).objects.map((o) => o.key);
  const text = async (key: string) => (await s3.server.store.read(BUCKET, key)).toString('utf8');
  const unload = async (sql: string) => {
    const done = await runSql(env.client, sql);
    return { status: done.Status, error: done.Error, rows: done.ResultRows };
  };

  test('default format: pipe-delimited text, one slice -> <prefix>0000_part_00, NULL as empty', async () => {
    expect(
      await unload(`UNLOAD ('select * from venue order by venueid') TO 's3://${BUCKET}/text/venue_' ${ROLE}`),
    ).toEqual({
      status: 'FINISHED',
      error: undefined,
      rows: 3,
    });
    expect(await keys('text/')).toEqual(['text/venue_0000_part_00']);
    expect(await text('text/venue_0000_part_00')).toBe(
      '1|Toyota Park|Bridgeview|0|10.50|t\n2|Columbus "Crew" Stadium|Columbus||7.25|f\n3|RFK Stadium|Washington|0||t\n',
    );
  });

  test('FORMAT CSV with HEADER quotes values holding quotes; NULL AS replaces nulls', async () => {
    await unload(
      `UNLOAD ('select venueid, venuename, venueseats from venue where venueid < 3 order by 1') TO 's3://${BUCKET}/csv/' ${ROLE} FORMAT AS CSV HEADER NULL AS 'n/a' PARALLEL OFF EXTENSION 'csv'`,
    );
    expect(await keys('csv/')).toEqual(['csv/000.csv']);
    expect(await text('csv/000.csv')).toBe(
      'venueid,venuename,venueseats\n1,Toyota Park,0\n2,"Columbus ""Crew"" Stadium",n/a\n',
    );
  });

  test('FORMAT JSON writes one object per line, numbers and booleans typed, nulls left out; GZIP adds .gz', async () => {
    await unload(
      `UNLOAD ('select * from venue order by venueid') TO 's3://${BUCKET}/json/venue_' ${ROLE} FORMAT JSON GZIP`,
    );
    expect(await keys('json/')).toEqual(['json/venue_0000_part_00.gz']);
    const lines = gunzipSync(await s3.server.store.read(BUCKET, 'json/venue_0000_part_00.gz')).toString('utf8');
    expect(lines.split('\n')).toEqual([
      '{"venueid":1,"venuename":"Toyota Park","venuecity":"Bridgeview","venueseats":0,"price":10.50,"open":true}',
      '{"venueid":2,"venuename":"Columbus \\"Crew\\" Stadium","venuecity":"Columbus","price":7.25,"open":false}',
      '{"venueid":3,"venuename":"RFK Stadium","venuecity":"Washington","venueseats":0,"open":true}',
      '',
    ]);
  });

  test('an existing file at the destination fails without ALLOWOVERWRITE, with Redshift message; ALLOWOVERWRITE replaces it', async () => {
    const sql = `UNLOAD ('select venueid from venue') TO 's3://${BUCKET}/text/venue_' ${ROLE}`;
    expect(await unload(sql)).toEqual({
      status: 'FAILED',
      error:
        'ERROR: Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.',
      rows: -1,
    });
    expect((await unload(`${sql} ALLOWOVERWRITE`)).status).toBe('FINISHED');
    expect(await text('text/venue_0000_part_00')).toBe('1\n2\n3\n');
  });

  test('MANIFEST lists every file with its content length', async () => {
    await unload(`UNLOAD ('select venueid from venue') TO 's3://${BUCKET}/man/v_' ${ROLE} MANIFEST`);
    expect(await keys('man/')).toEqual(['man/v_0000_part_00', 'man/v_manifest']);
    expect(JSON.parse(await text('man/v_manifest'))).toEqual({
      entries: [{ url: `s3://${BUCKET}/man/v_0000_part_00`, meta: { content_length: 6 } }],
    });
  });

  test('PARTITION BY writes Hive-style folders and leaves the partition column out of the files', async () => {
    await unload(
      `UNLOAD ('select venueid, venueseats from venue') TO 's3://${BUCKET}/part/' ${ROLE} FORMAT CSV PARTITION BY (venueseats)`,
    );
    expect(await keys('part/')).toEqual([
      'part/venueseats=0/0000_part_00',
      'part/venueseats=__HIVE_DEFAULT_PARTITION__/0000_part_00',
    ]);
    expect(await text('part/venueseats=0/0000_part_00')).toBe('1\n3\n');
  });

  test('MAXFILESIZE cuts parts at the size limit: _part_00, _part_01, ...', async () => {
    await runAll(
      env.client,
      "CREATE TABLE big AS SELECT g AS id, repeat('x', 1000) AS pad FROM generate_series(1, 6000) g",
    );
    await unload(`UNLOAD ('select * from big order by id') TO 's3://${BUCKET}/big/b_' ${ROLE} MAXFILESIZE 5 MB`);
    const parts = await keys('big/');
    expect(parts).toEqual(['big/b_0000_part_00', 'big/b_0000_part_01']);
    const sizes = await Promise.all(parts.map(async (k) => (await s3.server.store.read(BUCKET, k)).length));
    expect(sizes[0]).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(sizes[0] + sizes[1]).toBe(
      [...Array(6000)].reduce((n, _, i) => n + `${i + 1}|${'x'.repeat(1000)}\n`.length, 0),
    );
  });

  test('MAXFILESIZE below 5 MB and a missing authorization are refused as Redshift refuses them', async () => {
    expect((await unload(`UNLOAD ('select 1') TO 's3://${BUCKET}/x/' ${ROLE} MAXFILESIZE 1 MB`)).error).toBe(
      'ERROR: UNLOAD: MAXFILESIZE must be between 5 MB and 6.2 GB',
    );
    expect((await unload(`UNLOAD ('select 1') TO 's3://${BUCKET}/x/'`)).error).toBe(
      'ERROR: UNLOAD: an authorization (IAM_ROLE or CREDENTIALS) is required',
    );
    expect((await unload(`UNLOAD ('select 1') TO 's3://${BUCKET}/x/' ${ROLE} FIXEDWIDTH '0:1'`)).error).toBe(
      'ERROR: UNLOAD option FIXEDWIDTH is not supported locally (the Redshift Data API emulator does not reproduce it)',
    );
  });

  test('FORMAT PARQUET writes <prefix>0000_part_00.parquet, a Parquet file (read back by the round trip below)', async () => {
    await unload(
      `UNLOAD ('select venueid, venuename, price from venue order by 1') TO 's3://${BUCKET}/pq/' ${ROLE} FORMAT AS PARQUET`,
    );
    expect(await keys('pq/')).toEqual(['pq/0000_part_00.parquet']);
    const bytes = await s3.server.store.read(BUCKET, 'pq/0000_part_00.parquet');
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(bytes.subarray(-4).toString()).toBe('PAR1');
  });

  const rows = async (table: string) =>
    (await queryRows(env.client, `select * from ${table} order by venueid`)).Records?.map((r) =>
      r.map((f) => Object.values(f)[0]),
    );

  test.each([
    ['JSON', 'FORMAT JSON', "FORMAT AS JSON 'auto'"],
    ['CSV', 'FORMAT CSV', 'FORMAT AS CSV'],
    ['PARQUET', 'FORMAT PARQUET', 'FORMAT AS PARQUET'],
  ])(
    'round trip: UNLOAD %s then COPY of the same prefix gives back the same rows',
    async (name, unloadFormat, copyFormat) => {
      const table = `venue_${name.toLowerCase()}`;
      await unload(`UNLOAD ('select * from venue') TO 's3://${BUCKET}/trip-${name}/venue_' ${ROLE} ${unloadFormat}`);
      await runAll(
        env.client,
        `CREATE TABLE ${table} (LIKE venue)`,
        `COPY ${table} FROM 's3://${BUCKET}/trip-${name}/venue_' ${ROLE} ${copyFormat}`,
      );
      expect(await rows(table)).toEqual(await rows('venue'));
      expect((await rows(table))?.length).toBe(3);
    },
  );
});
