import { BatchExecuteStatementCommand, GetStatementResultCommand } from '@aws-sdk/client-redshift-data';
import { CONNECTION, queryRows, runAll, useTestServer, waitFor } from './support';

describe('BatchExecuteStatement (real RedshiftDataClient)', () => {
  const env = useTestServer({}, (client) =>
    runAll(client, 'create table ledger (id int, amount int)', 'insert into ledger values (1, 10)'),
  );

  const count = async () => (await queryRows(env.client, 'select count(*) as n from ledger')).Records![0][0].longValue;

  test('a TRANSACTION batch runs all statements with sub-statement ids :1..n and per-sub results', async () => {
    const { Id } = await env.client.send(
      new BatchExecuteStatementCommand({
        ...CONNECTION,
        Sqls: [
          'insert into ledger values (2, 20)',
          'insert into ledger values (3, 30), (4, 40)',
          'select sum(amount) as total from ledger',
        ],
      }),
    );
    const done = await waitFor(env.client, Id!);
    expect(done.Status).toBe('FINISHED');
    expect(done.HasResultSet).toBe(true);
    expect(done.SubStatements!.map((s) => [s.Id, s.Status, s.ResultRows, s.HasResultSet])).toEqual([
      [`${Id}:1`, 'FINISHED', 1, false],
      [`${Id}:2`, 'FINISHED', 2, false],
      [`${Id}:3`, 'FINISHED', 1, true],
    ]);
    expect(done.SubStatements![2].QueryString).toBe('select sum(amount) as total from ledger');
    const third = await env.client.send(new GetStatementResultCommand({ Id: `${Id}:3` }));
    expect(third.Records).toEqual([[{ longValue: 100 }]]);
    await expect(env.client.send(new GetStatementResultCommand({ Id }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'BatchExecuteStatement result can only be retrieved with sub-statement id.',
    });
  });

  test('a failing statement rolls the whole batch back: earlier FINISHED, failing FAILED, later ABORTED', async () => {
    const before = await count();
    const { Id } = await env.client.send(
      new BatchExecuteStatementCommand({
        ...CONNECTION,
        Sqls: [
          'insert into ledger values (5, 50)',
          'update ledger set amount = 0',
          'insert into ledger values (oops)',
          'delete from ledger',
        ],
      }),
    );
    const done = await waitFor(env.client, Id!);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toBe('ERROR: column "oops" does not exist');
    expect(done.SubStatements!.map((s) => s.Status)).toEqual(['FINISHED', 'FINISHED', 'FAILED', 'ABORTED']);
    expect(done.SubStatements![2].Error).toBe('ERROR: column "oops" does not exist');
    expect(await count()).toBe(before);
    const amounts = await queryRows(env.client, 'select sum(amount) as s from ledger');
    expect(amounts.Records![0][0].longValue).toBe(100);
  });

  test('AUTO_COMMIT runs each statement in its own transaction', async () => {
    const before = await count();
    const { Id } = await env.client.send(
      new BatchExecuteStatementCommand({
        ...CONNECTION,
        ExecutionMode: 'AUTO_COMMIT',
        Sqls: ['insert into ledger values (6, 60)', 'insert into ledger values (oops)'],
      }),
    );
    const done = await waitFor(env.client, Id!);
    expect(done.Status).toBe('FAILED');
    expect(done.ExecutionMode).toBe('AUTO_COMMIT');
    expect(done.SubStatements!.map((s) => s.Status)).toEqual(['FINISHED', 'FAILED']);
    expect(await count()).toBe((before as number) + 1);
  });

  test('Sqls must hold 1..40 statements', async () => {
    await expect(env.client.send(new BatchExecuteStatementCommand({ ...CONNECTION, Sqls: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const tooMany = Array.from({ length: 41 }, () => 'select 1');
    await expect(
      env.client.send(new BatchExecuteStatementCommand({ ...CONNECTION, Sqls: tooMany })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Sqls must contain between 1 and 40 SQL statements.',
    });
  });
});
