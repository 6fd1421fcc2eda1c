import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListDatabasesCommand,
  ListSchemasCommand,
  ListTablesCommand,
} from '@aws-sdk/client-redshift-data';
import { SqlExecutionError } from '../../../local/data-api';
import { CONNECTION, dataApiClient, queryRows, runAll, runSql, startTestServer, waitFor } from './support';

describe('persistence, in-process engine API, catalog operations, CSV results', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-api-test-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('data and increasing RedshiftQueryIds survive a restart on the same dataDir', async () => {
    const dataDir = join(dir, 'db');
    const first = await startTestServer({ dataDir });
    const c1 = dataApiClient(first.endpoint);
    await runAll(
      c1,
      'create table kept (id int, name varchar(10)) diststyle all',
      "insert into kept values (1, 'one'), (2, 'two')",
    );
    const lastBefore = (await runSql(c1, 'select 1')).RedshiftQueryId!;
    c1.destroy();
    await first.stop();

    const second = await startTestServer({ dataDir });
    const c2 = dataApiClient(second.endpoint);
    try {
      const rows = await queryRows(c2, 'select id, name from kept order by id');
      expect(rows.Records).toEqual([
        [{ longValue: 1 }, { stringValue: 'one' }],
        [{ longValue: 2 }, { stringValue: 'two' }],
      ]);
      const next = await runSql(c2, 'select 2');
      expect(next.RedshiftQueryId).toBeGreaterThan(lastBefore);
      expect(await second.engine.execute('select count(*) as n from stl_load_errors')).toMatchObject({
        rows: [{ n: 0 }],
      });
    } finally {
      c2.destroy();
      await second.stop();
    }
  });

  test('engine.execute and engine.run share the queue with API statements', async () => {
    const server = await startTestServer();
    const client = dataApiClient(server.endpoint);
    try {
      const { engine } = server;
      await engine.execute(
        'create table t (id bigint identity(1,1), v numeric(6,2), ok bool, at timestamp) sortkey(id)',
      );
      await engine.execute("insert into t (v, ok, at) values (1.50, true, '2018-11-01 21:01:46.796')");
      const result = await engine.execute('select * from t');
      expect(result.rows).toEqual([{ id: 1, v: '1.50', ok: true, at: '2018-11-01 21:01:46.796' }]);
      expect(result.fields.map((f) => f.typeName)).toEqual(['int8', 'numeric', 'bool', 'timestamp']);
      await expect(engine.execute('select * from nope')).rejects.toThrow(SqlExecutionError);
      await expect(engine.execute('select * from nope')).rejects.toThrow('ERROR: relation "nope" does not exist');

      const viaApi = client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into t (v) values (2)' }));
      const count = await engine.run(
        async (pg) => (await pg.query<{ n: number }>('select count(*)::int as n from t')).rows[0].n,
      );
      expect([1, 2]).toContain(count);
      await waitFor(client, (await viaApi).Id!);
      expect((await engine.execute('select count(*) as n from t')).rows).toEqual([{ n: 2 }]);
    } finally {
      client.destroy();
      await server.stop();
    }
  });

  test('ListDatabases / ListSchemas / ListTables / DescribeTable read the catalog', async () => {
    const server = await startTestServer();
    const client = dataApiClient(server.endpoint);
    try {
      await runAll(
        client,
        'create schema staging',
        'create table staging.events (id int not null, artist varchar(256))',
      );
      expect((await client.send(new ListDatabasesCommand({ ...CONNECTION }))).Databases).toEqual(['dev']);
      const schemas = await client.send(new ListSchemasCommand({ ...CONNECTION, SchemaPattern: 'stag%' }));
      expect(schemas.Schemas).toEqual(['staging']);
      const tables = await client.send(new ListTablesCommand({ ...CONNECTION, SchemaPattern: 'staging' }));
      expect(tables.Tables).toEqual([{ name: 'events', schema: 'staging', type: 'TABLE' }]);
      const described = await client.send(
        new DescribeTableCommand({ ...CONNECTION, Schema: 'staging', Table: 'events' }),
      );
      expect(described.ColumnList!.map((c) => [c.name, c.typeName, c.nullable, c.length])).toEqual([
        ['id', 'int4', 0, 0],
        ['artist', 'varchar', 1, 256],
      ]);
    } finally {
      client.destroy();
      await server.stop();
    }
  });

  test('ResultFormat CSV: GetStatementResultV2 returns CSV records; GetStatementResult refuses', async () => {
    const server = await startTestServer();
    const client = dataApiClient(server.endpoint);
    try {
      const { Id } = await client.send(
        new ExecuteStatementCommand({
          ...CONNECTION,
          ResultFormat: 'CSV',
          Sql: `select 1 as a, 'x,"y"' as b, null::int as c`,
        }),
      );
      await waitFor(client, Id!);
      const out = await client.send(new GetStatementResultV2Command({ Id }));
      expect(out.Records).toEqual([{ CSVRecords: '1,"x,""y""",\n' }]);
      expect(out.ResultFormat).toBe('CSV');
      expect(out.TotalNumRows).toBe(1);
      await expect(client.send(new GetStatementResultCommand({ Id }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
