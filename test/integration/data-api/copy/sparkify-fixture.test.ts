import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPARKIFY, uploadFixtureTree, useCopyStack } from './copy-stack';

const IAM = "IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-copy'";
const stack = useCopyStack();

test('all 30 Sparkify log files load 8,056 rows through the log JSONPaths file', async () => {
  const keys = await uploadFixtureTree(stack, 'log_data');
  expect(keys.filter((k) => k.endsWith('.json'))).toHaveLength(30);
  await stack.put('config/jsonpaths/log_data.json', readFileSync(join(SPARKIFY, 'log_json_path.json')));
  await stack.rows(`CREATE TABLE staging_events (
    artist VARCHAR(256), auth VARCHAR(32), firstname VARCHAR(64), gender CHAR(1), iteminsession INTEGER,
    lastname VARCHAR(64), length FLOAT, level VARCHAR(8), location VARCHAR(256), method VARCHAR(8), page VARCHAR(32),
    registration BIGINT, sessionid INTEGER, song VARCHAR(256), status SMALLINT, ts TIMESTAMP, useragent VARCHAR(512), userid INTEGER)`);
  const done = await stack.run(`COPY staging_events FROM 's3://ingest/log_data' ${IAM}
    FORMAT AS JSON 's3://ingest/config/jsonpaths/log_data.json' REGION 'us-west-2' TIMEFORMAT 'epochmillisecs'
    COMPUPDATE OFF STATUPDATE OFF`);
  expect([done.Status, done.Error, done.ResultRows]).toEqual(['FINISHED', undefined, 8056]);

  const [summary] = await stack.rows(`SELECT count(*) AS n, count(userid) AS users, count(artist) AS plays,
      sum(CASE WHEN page = 'NextSong' THEN 1 ELSE 0 END) AS nextsong, min(ts)::text AS first_ts FROM staging_events`);
  expect(summary).toEqual({ n: 8056, users: 7770, plays: 6820, nextsong: 6820, first_ts: '2018-11-01 20:57:10.796' });
  const [walter] = await stack.rows(`SELECT firstname, registration, useragent FROM staging_events
      WHERE ts = TIMESTAMP '2018-11-01 20:57:10.796'`);
  expect(walter).toEqual({
    firstname: 'Walter',
    registration: 1540919166796,
    useragent:
      '"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"',
  });
  // Mojibake stays exactly as the JSON decodes it.
  const [mojibake] = await stack.rows(
    `SELECT count(*) AS n FROM staging_events WHERE artist = 'Beyonc' || chr(195) || chr(131) || chr(194) || chr(169)`,
  );
  expect(Number(mojibake.n)).toBeGreaterThan(0);
});

test("all 71 Sparkify song files load 71 rows with 'auto'", async () => {
  await uploadFixtureTree(stack, 'song_data');
  await stack.rows(`CREATE TABLE staging_songs (num_songs INT, artist_id VARCHAR(18), artist_latitude FLOAT,
    artist_longitude FLOAT, artist_location VARCHAR(256), artist_name VARCHAR(256), song_id VARCHAR(18),
    title VARCHAR(256), duration DECIMAL(10,5), year INT)`);
  const done = await stack.run(
    `COPY staging_songs FROM 's3://ingest/song_data' ${IAM} FORMAT AS JSON 'auto' ACCEPTINVCHARS AS '^' TRUNCATECOLUMNS`,
  );
  expect([done.Status, done.ResultRows]).toEqual(['FINISHED', 71]);
  const rows = await stack.rows(`SELECT artist_name, title, duration::text AS duration, year, artist_latitude
      FROM staging_songs WHERE song_id IN ('SOMZWCG12A8C13C480', 'SOCIWDW12A8C13D406') ORDER BY year`);
  expect(rows).toEqual([
    { artist_name: 'Casual', title: "I Didn't Mean To", duration: '218.93179', year: 0, artist_latitude: null },
    { artist_name: 'The Box Tops', title: 'Soul Deep', duration: '148.03546', year: 1969, artist_latitude: 35.14968 },
  ]);
});
