import { BatchExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
import { CONNECTION, queryRows, runAll, runSql, useTestServer, waitFor } from './support';

describe('Redshift dialect through the Data API (real RedshiftDataClient)', () => {
  const env = useTestServer();

  const values = async (sql: string) =>
    (await queryRows(env.client, sql)).Records!.map((r) => r.map((f) => Object.values(f)[0]));

  test('star-schema DDL with DISTSTYLE / SORTKEY / IDENTITY / ENCODE / VARCHAR(MAX) runs, identity fills in', async () => {
    await runAll(
      env.client,
      `CREATE TABLE IF NOT EXISTS songplays (
         songplay_id BIGINT IDENTITY(0,1) NOT NULL,
         start_time TIMESTAMP NOT NULL SORTKEY,
         user_id INTEGER NOT NULL DISTKEY ENCODE az64,
         user_agent VARCHAR(MAX) ENCODE zstd,
         PRIMARY KEY (songplay_id)
       ) DISTSTYLE KEY COMPOUND SORTKEY (start_time, user_id) BACKUP NO`,
      "INSERT INTO songplays (start_time, user_id, user_agent) VALUES ('2018-11-01 21:01:46', 8, 'Mozilla'), ('2018-11-01 21:05:52', 9, repeat('x', 60000))",
    );
    expect(await values('select songplay_id, user_id, length(user_agent) from songplays order by 1')).toEqual([
      [0, 8, 7],
      [1, 9, 60000],
    ]);
  });

  test('PRIMARY KEY / UNIQUE / REFERENCES are not enforced: duplicate keys load, as in Redshift', async () => {
    await runAll(
      env.client,
      'create table users (user_id int primary key, first_name varchar(50) unique)',
      'create table visits (user_id int references users(user_id), at date)',
      "insert into users values (1, 'ann'), (1, 'ann')",
      "insert into visits values (42, '2018-11-01')",
    );
    expect(await values('select count(*) from users')).toEqual([[2]]);
    expect(await values('select count(*) from visits')).toEqual([[1]]);
  });

  test('LOCK t1, t2 runs as a single statement (outside any explicit transaction) and inside a batch', async () => {
    await runAll(env.client, 'create table l1 (a int)', 'create table l2 (a int)');
    expect((await runSql(env.client, 'lock l1, l2')).Status).toBe('FINISHED');
    const { Id } = await env.client.send(
      new BatchExecuteStatementCommand({
        ...CONNECTION,
        Sqls: ['lock table l1', 'insert into l1 values (1)', 'insert into l2 select * from l1'],
      }),
    );
    expect((await waitFor(env.client, Id!)).Status).toBe('FINISHED');
    expect(await values('select count(*) from l2')).toEqual([[1]]);
    expect((await runSql(env.client, 'lock no_such_table')).Error).toBe(
      'ERROR: relation "no_such_table" does not exist',
    );
  });

  test('MERGE upserts; MERGE ... REMOVE DUPLICATES replaces matching rows', async () => {
    await runAll(
      env.client,
      'create table artists (artist_id varchar(20), name varchar(50))',
      'create table stage_artists (artist_id varchar(20), name varchar(50))',
      "insert into artists values ('a1', 'Old'), ('a2', 'Kept')",
      "insert into stage_artists values ('a1', 'New'), ('a3', 'Added')",
      `MERGE INTO artists USING stage_artists s ON artists.artist_id = s.artist_id
         WHEN MATCHED THEN UPDATE SET name = s.name
         WHEN NOT MATCHED THEN INSERT VALUES (s.artist_id, s.name)`,
    );
    expect(await values('select artist_id, name from artists order by 1')).toEqual([
      ['a1', 'New'],
      ['a2', 'Kept'],
      ['a3', 'Added'],
    ]);
    await runAll(
      env.client,
      "update stage_artists set name = 'Newer' where artist_id = 'a1'",
      'MERGE INTO artists USING stage_artists ON artists.artist_id = stage_artists.artist_id REMOVE DUPLICATES',
    );
    expect(await values('select artist_id, name from artists order by 1')).toEqual([
      ['a1', 'Newer'],
      ['a2', 'Kept'],
      ['a3', 'Added'],
    ]);
  });

  test('GETDATE() is a UTC timestamp without fractional seconds; SYSDATE, NVL, DATEADD, DATEDIFF work', async () => {
    const out = await queryRows(
      env.client,
      `select getdate() as now, sysdate as tx, nvl(null, 'fallback') as n,
              dateadd(day, 1, '2018-11-30'::date) as next_day, datediff(month, '2018-01-31', '2018-03-01') as months`,
    );
    const [now, tx, n, nextDay, months] = out.Records![0];
    expect(out.ColumnMetadata!.map((c) => c.typeName)).toEqual([
      'timestamp',
      'timestamp',
      'varchar',
      'timestamp',
      'int8',
    ]);
    expect(now.stringValue).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(Math.abs(Date.parse(`${now.stringValue}Z`) - Date.now())).toBeLessThan(60_000);
    expect(tx.stringValue).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(n).toEqual({ stringValue: 'fallback' });
    expect(nextDay).toEqual({ stringValue: '2018-12-01 00:00:00' });
    expect(months).toEqual({ longValue: 2 });
  });

  test('#temp tables live for one statement (or batch) and are gone afterwards', async () => {
    const { Id } = await env.client.send(
      new BatchExecuteStatementCommand({
        ...CONNECTION,
        Sqls: ['create table #stage (a int)', 'insert into #stage values (1), (2)', 'select count(*) as n from #stage'],
      }),
    );
    expect((await waitFor(env.client, Id!)).Status).toBe('FINISHED');
    const again = await runSql(env.client, 'create table #stage (a int)');
    expect(again.Status).toBe('FINISHED');
    expect((await runSql(env.client, 'select * from #stage')).Error).toBe('ERROR: relation "#stage" does not exist');
  });

  test('system tables and COPY shims exist at bootstrap', async () => {
    expect(await values('select count(*) from stl_load_errors')).toEqual([[0]]);
    expect(await values('select count(*) from sys_load_error_detail')).toEqual([[0]]);
    expect(await values('select pg_last_copy_count(), pg_last_copy_id()')).toEqual([[0, -1]]);
    expect(
      await values(
        `select convert_timezone('UTC', 'America/New_York', '2018-11-01 12:00:00'), len('abc'),
                json_extract_path_text('{"a":{"b":"c"}}', 'a', 'b')`,
      ),
    ).toEqual([['2018-11-01 08:00:00', 3, 'c']]);
  });
});
