import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
} from '@aws-sdk/client-redshift-data';
import { CONNECTION, queryRows, runAll, useTestServer, waitFor } from './support';

describe('statement lifecycle, cancel, idempotency, listing (statementDelayMs = 300)', () => {
  const env = useTestServer({ statementDelayMs: 300 }, (client) => runAll(client, 'create table events (id int)'));

  test('a new statement is SUBMITTED, then FINISHED', async () => {
    const { Id } = await env.client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 1 as x' }));
    const first = await env.client.send(new DescribeStatementCommand({ Id }));
    expect(first.Status).toBe('SUBMITTED');
    expect(first.Duration).toBe(-1);
    expect(first.ResultRows).toBe(-1);
    const done = await waitFor(env.client, Id!);
    expect(done.Status).toBe('FINISHED');
  });

  test('long polling: DescribeStatement with WaitTimeSeconds returns the terminal status in one call', async () => {
    const { Id } = await env.client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 2 as x' }));
    const out = await env.client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 10 }));
    expect(out.Status).toBe('FINISHED');
    const result = await env.client.send(new GetStatementResultCommand({ Id }));
    expect(result.Records).toEqual([[{ longValue: 2 }]]);
  });

  test('long polling on ExecuteStatement returns Status, RedshiftPid and HasResultSet', async () => {
    const out = await env.client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 3 as x', WaitTimeSeconds: 10 }),
    );
    expect(out).toMatchObject({ Status: 'FINISHED', HasResultSet: true });
    expect(out.RedshiftPid).toBeGreaterThan(0);
    await expect(
      env.client.send(new DescribeStatementCommand({ Id: out.Id, WaitTimeSeconds: 31 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  test('CancelStatement aborts a SUBMITTED statement before it changes anything', async () => {
    const { Id } = await env.client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (99)' }),
    );
    const cancel = await env.client.send(new CancelStatementCommand({ Id }));
    expect(cancel.Status).toBe(true);
    const done = await waitFor(env.client, Id!);
    expect(done.Status).toBe('ABORTED');
    // Submitted after the cancelled one, so (FIFO) it runs after the cancelled one would have.
    const rows = await queryRows(env.client, 'select count(*) as n from events where id = 99');
    expect(rows.Records![0][0].longValue).toBe(0);
    await expect(env.client.send(new CancelStatementCommand({ Id }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: `Could not cancel a query that is already in ABORTED state with ID: ${Id}`,
    });
  });

  test('ClientToken: same token and input returns the original Id; a different input is rejected', async () => {
    const token = 'token-0001';
    const a = await env.client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (7)', ClientToken: token }),
    );
    const b = await env.client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (7)', ClientToken: token }),
    );
    expect(b.Id).toBe(a.Id);
    await expect(
      env.client.send(
        new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (8)', ClientToken: token }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await waitFor(env.client, a.Id!);
    const rows = await queryRows(env.client, 'select count(*) as n from events where id = 7');
    expect(rows.Records![0][0].longValue).toBe(1);
  });

  test('ListStatements filters by StatementName prefix and Status, and pages', async () => {
    for (const name of ['nightly-load-1', 'nightly-load-2', 'nightly-load-3', 'adhoc']) {
      const { Id } = await env.client.send(
        new ExecuteStatementCommand({ ...CONNECTION, Sql: `select '${name}'`, StatementName: name }),
      );
      await waitFor(env.client, Id!);
    }
    const failed = await env.client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select nope', StatementName: 'nightly-bad' }),
    );
    await waitFor(env.client, failed.Id!);

    const finished = await env.client.send(new ListStatementsCommand({ StatementName: 'nightly' }));
    expect(finished.Statements!.map((s) => s.StatementName)).toEqual([
      'nightly-load-3',
      'nightly-load-2',
      'nightly-load-1',
    ]);
    expect(finished.Statements![0]).toMatchObject({
      Status: 'FINISHED',
      IsBatchStatement: false,
      QueryString: "select 'nightly-load-3'",
    });

    const all = await env.client.send(new ListStatementsCommand({ StatementName: 'nightly', Status: 'ALL' }));
    expect(all.Statements!.map((s) => s.StatementName)).toEqual([
      'nightly-bad',
      'nightly-load-3',
      'nightly-load-2',
      'nightly-load-1',
    ]);
    const onlyFailed = await env.client.send(new ListStatementsCommand({ Status: 'FAILED' }));
    expect(onlyFailed.Statements!.map((s) => s.StatementName)).toEqual(['nightly-bad']);

    const page1 = await env.client.send(new ListStatementsCommand({ StatementName: 'nightly', MaxResults: 2 }));
    expect(page1.Statements).toHaveLength(2);
    const page2 = await env.client.send(
      new ListStatementsCommand({ StatementName: 'nightly', MaxResults: 2, NextToken: page1.NextToken }),
    );
    expect(page2.Statements!.map((s) => s.StatementName)).toEqual(['nightly-load-1']);
    expect(page2.NextToken).toBeUndefined();
  });
});
