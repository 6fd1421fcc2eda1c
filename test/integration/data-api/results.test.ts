import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
} from '@aws-sdk/client-redshift-data';
import { CONNECTION, queryRows, runAll, runSql, useTestServer, waitFor } from './support';

const ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d+)?$/;

describe('Data API statements and results (real RedshiftDataClient)', () => {
  const env = useTestServer({ pageSize: 4 });

  test('ExecuteStatement returns an Id at once; DescribeStatement reports a FINISHED statement', async () => {
    const out = await env.client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 1 as one, 2 as two' }));
    expect(out.Id).toMatch(ID_PATTERN);
    expect(out.CreatedAt).toBeInstanceOf(Date);
    expect(out.ClusterIdentifier).toBe('local-cluster');
    expect(out.Database).toBe('dev');
    expect(out.$metadata.requestId).toBeTruthy();

    const done = await waitFor(env.client, out.Id as string);
    expect(done).toMatchObject({
      Id: out.Id,
      Status: 'FINISHED',
      HasResultSet: true,
      ResultRows: 1,
      QueryString: 'select 1 as one, 2 as two',
      ClusterIdentifier: 'local-cluster',
    });
    expect(done.Duration).toBeGreaterThan(0);
    expect(done.RedshiftQueryId).toBeGreaterThan(0);
    expect(done.RedshiftPid).toBeGreaterThan(0);
    expect(done.ResultSize).toBe(2);
    expect(done.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(done.CreatedAt!.getTime());
  });

  test('each column type maps to its Field member and ColumnMetadata type name', async () => {
    await runAll(
      env.client,
      `create table typed (s int2, i int4, b int8, r float4, d float8, n numeric(12,3), f bool,
        v varchar(20), c char(4), dt date, ts timestamp, z int4)`,
      `insert into typed values (-3, 42, 9007199254740991, 1.5, 2.25, 12345.678, true,
        'héllo', 'ab', '2018-11-01', '2018-11-01 21:01:46.796', null)`,
    );
    const out = await queryRows(env.client, 'select * from typed');
    expect(out.TotalNumRows).toBe(1);
    expect(out.Records).toEqual([
      [
        { longValue: -3 },
        { longValue: 42 },
        { longValue: 9007199254740991 },
        { doubleValue: 1.5 },
        { doubleValue: 2.25 },
        { stringValue: '12345.678' },
        { booleanValue: true },
        { stringValue: 'héllo' },
        { stringValue: 'ab  ' },
        { stringValue: '2018-11-01' },
        { stringValue: '2018-11-01 21:01:46.796' },
        { isNull: true },
      ],
    ]);
    expect(out.ColumnMetadata!.map((c) => c.typeName)).toEqual([
      'int2',
      'int4',
      'int8',
      'float4',
      'float8',
      'numeric',
      'bool',
      'varchar',
      'bpchar',
      'date',
      'timestamp',
      'int4',
    ]);
    expect(out.ColumnMetadata![1]).toMatchObject({ name: 'i', label: 'i', isSigned: true, nullable: 1 });
  });

  test('timestamps print as Redshift does: no fraction when whole seconds', async () => {
    const out = await queryRows(env.client, "select '2018-11-01 21:01:46'::timestamp as t, 'x'::text as s");
    expect(out.Records).toEqual([[{ stringValue: '2018-11-01 21:01:46' }, { stringValue: 'x' }]]);
    expect(out.ColumnMetadata!.map((c) => c.typeName)).toEqual(['timestamp', 'varchar']);
  });

  test('GetStatementResult pages with an opaque NextToken, omitted on the last page', async () => {
    const done = await runSql(env.client, 'select g as n from generate_series(1, 10) g order by g');
    const seen: number[] = [];
    const tokens: (string | undefined)[] = [];
    let token: string | undefined;
    do {
      const page = await env.client.send(new GetStatementResultCommand({ Id: done.Id, NextToken: token }));
      expect(page.TotalNumRows).toBe(10);
      expect(page.ColumnMetadata![0].name).toBe('n');
      for (const row of page.Records!) seen.push(row[0].longValue as number);
      token = page.NextToken;
      tokens.push(token);
    } while (token);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(tokens).toHaveLength(3);
    expect(tokens[2]).toBeUndefined();
  });

  test('INSERT reports rows affected and has no result set', async () => {
    await runAll(env.client, 'create table counted (a int)');
    const done = await runSql(env.client, 'insert into counted select g from generate_series(1, 7) g');
    expect(done).toMatchObject({ Status: 'FINISHED', ResultRows: 7, HasResultSet: false });
    await expect(env.client.send(new GetStatementResultCommand({ Id: done.Id }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Query does not have result. Please check query status with DescribeStatement.',
    });
  });

  test('a SQL error ends the statement FAILED with the database message (not an API error)', async () => {
    const done = await runSql(env.client, 'select * from no_such_table');
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toBe('ERROR: relation "no_such_table" does not exist');
    const div = await runSql(env.client, 'select 1/0');
    expect(div.Error).toBe('ERROR: division by zero');
  });

  test(':name parameters are bound as text and converted implicitly', async () => {
    await runAll(env.client, 'create table people (id int, name varchar(20), born date)');
    await runAll(env.client, "insert into people values (1, 'ann', '1990-01-02'), (2, 'bob', '1985-05-06')");
    const out = await queryRows(
      env.client,
      "select name, born, ':id' as literal, id::text as id_text from people where id = :id and born > :after -- :ignored",
      {
        Parameters: [
          { name: 'id', value: '2' },
          { name: 'after', value: '1980-01-01' },
        ],
      },
    );
    expect(out.Records).toEqual([
      [{ stringValue: 'bob' }, { stringValue: '1985-05-06' }, { stringValue: ':id' }, { stringValue: '2' }],
    ]);
    const described = await env.client.send(
      new DescribeStatementCommand({
        Id: (await runSql(env.client, 'select :a::int as a', { Parameters: [{ name: 'a', value: '5' }] })).Id,
      }),
    );
    expect(described.QueryParameters).toEqual([{ name: 'a', value: '5' }]);
  });

  test('a parameter missing from the list is a ValidationException', async () => {
    await expect(
      env.client.send(
        new ExecuteStatementCommand({
          ...CONNECTION,
          Sql: 'select :a as a, :b as b',
          Parameters: [{ name: 'a', value: '1' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter b is not specified in the parameter list.',
    });
  });
});
