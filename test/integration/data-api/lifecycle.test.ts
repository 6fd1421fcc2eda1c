import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { DataApiServer } from '../../../local/data-api/server';
import { CONNECTION, dataApiClient, queryRows, runAll, startTestServer, waitFor } from './support';

describe('statement lifecycle, cancel, idempotency, listing (statementDelayMs = 300)', () => {
  let server: DataApiServer;
  let client: RedshiftDataClient;

  beforeAll(async () => {
    server = await startTestServer({ statementDelayMs: 300 });
    client = dataApiClient(server.endpoint);
    await runAll(client, 'create table events (id int)');
  });

  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  test('a new statement is SUBMITTED, then FINISHED', async () => {
    const { Id } = await client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 1 as x' }));
    const first = await client.send(new DescribeStatementCommand({ Id }));
    expect(first.Status).toBe('SUBMITTED');
    expect(first.Duration).toBe(-1);
    expect(first.ResultRows).toBe(-1);
    const done = await waitFor(client, Id!);
    expect(done.Status).toBe('FINISHED');
  });

  test('long polling: DescribeStatement with WaitTimeSeconds returns the terminal status in one call', async () => {
    const { Id } = await client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 2 as x' }));
    const out = await client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 10 }));
    expect(out.Status).toBe('FINISHED');
    const result = await client.send(new GetStatementResultCommand({ Id }));
    expect(result.Records).toEqual([[{ longValue: 2 }]]);
  });

  test('long polling on ExecuteStatement returns Status, RedshiftPid and HasResultSet', async () => {
    const out = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 3 as x', WaitTimeSeconds: 10 }),
    );
    expect(out).toMatchObject({ Status: 'FINISHED', HasResultSet: true });
    expect(out.RedshiftPid).toBeGreaterThan(0);
    await expect(client.send(new DescribeStatementCommand({ Id: out.Id, WaitTimeSeconds: 31 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  test('CancelStatement aborts a SUBMITTED statement before it changes anything', async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (99)' }),
    );
    const cancel = await client.send(new CancelStatementCommand({ Id }));
    expect(cancel.Status).toBe(true);
    const done = await waitFor(client, Id!);
    expect(done.Status).toBe('ABORTED');
    // Submitted after the cancelled one, so (FIFO) it runs after the cancelled one would have.
    const rows = await queryRows(client, 'select count(*) as n from events where id = 99');
    expect(rows.Records![0][0].longValue).toBe(0);
    await expect(client.send(new CancelStatementCommand({ Id }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: `Could not cancel a query that is already in ABORTED state with ID: ${Id}`,
    });
  });

  test('ClientToken: same token and input returns the original Id; a different input is rejected', async () => {
    const token = 'token-0001';
    const a = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (7)', ClientToken: token }),
    );
    const b = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (7)', ClientToken: token }),
    );
    expect(b.Id).toBe(a.Id);
    await expect(
      client.send(
        new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into events values (8)', ClientToken: token }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await waitFor(client, a.Id!);
    const rows = await queryRows(client, 'select count(*) as n from events where id = 7');
    expect(rows.Records![0][0].longValue).toBe(1);
  });

  test('ListStatements filters by StatementName prefix and Status, and pages', async () => {
    for (const name of ['nightly-load-1', 'nightly-load-2', 'nightly-load-3', 'adhoc']) {
      const { Id } = await client.send(
        new ExecuteStatementCommand({ ...CONNECTION, Sql: `select '${name}'`, StatementName: name }),
      );
      await waitFor(client, Id!);
    }
    const failed = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select nope', StatementName: 'nightly-bad' }),
    );
    await waitFor(client, failed.Id!);

    const finished = await client.send(new ListStatementsCommand({ StatementName: 'nightly' }));
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

    const all = await client.send(new ListStatementsCommand({ StatementName: 'nightly', Status: 'ALL' }));
    expect(all.Statements!.map((s) => s.StatementName)).toEqual([
      'nightly-bad',
      'nightly-load-3',
      'nightly-load-2',
      'nightly-load-1',
    ]);
    const onlyFailed = await client.send(new ListStatementsCommand({ Status: 'FAILED' }));
    expect(onlyFailed.Statements!.map((s) => s.StatementName)).toEqual(['nightly-bad']);

    const page1 = await client.send(new ListStatementsCommand({ StatementName: 'nightly', MaxResults: 2 }));
    expect(page1.Statements).toHaveLength(2);
    const page2 = await client.send(
      new ListStatementsCommand({ StatementName: 'nightly', MaxResults: 2, NextToken: page1.NextToken }),
    );
    expect(page2.Statements!.map((s) => s.StatementName)).toEqual(['nightly-load-1']);
    expect(page2.NextToken).toBeUndefined();
  });
});
