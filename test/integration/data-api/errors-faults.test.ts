import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { Counters } from '../../../local/counters';
import { TRANSIENT_FAILURE_ERROR } from '../../../local/data-api';
import { type FaultKind, Faults } from '../../../local/faults';
import { CONNECTION, dataApiClient, queryRows, runAll, runSql, startTestServer, useTestServer } from './support';

/** Faults that fire a fixed number of times for one kind, then never (deterministic retries). */
class CountedFaults extends Faults {
  constructor(private readonly remaining: Partial<Record<FaultKind, number>>) {
    super();
  }
  override should(kind: FaultKind): boolean {
    const left = this.remaining[kind] ?? 0;
    if (left <= 0) return false;
    this.remaining[kind] = left - 1;
    this.injected[kind] += 1;
    return true;
  }
}

describe('API errors (real RedshiftDataClient)', () => {
  const env = useTestServer();

  test('an unknown statement id raises ResourceNotFoundException (404) with ResourceId', async () => {
    const id = '01234567-89ab-4cde-8f01-23456789abcd';
    const error = await env.client.send(new DescribeStatementCommand({ Id: id })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Query does not exist.',
      ResourceId: id,
    });
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
  });

  test('a malformed id raises ValidationException (400)', async () => {
    const error = await env.client.send(new GetStatementResultCommand({ Id: 'not-an-id' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toMatch(/^id must satisfy regex pattern/);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
  });

  test('connection members are validated: one of WorkgroupName / ClusterIdentifier / SecretArn, and Database', async () => {
    await expect(
      env.client.send(new ExecuteStatementCommand({ Database: 'dev', Sql: 'select 1' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Either WorkgroupName, ClusterIdentifier or SecretArn must be specified.',
    });
    await expect(
      env.client.send(new ExecuteStatementCommand({ WorkgroupName: 'wg-local', Sql: 'select 1' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Database must be specified.',
    });
    await expect(
      env.client.send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 1', StatementName: 'x'.repeat(501) })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      env.client.send(
        new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select :a', Parameters: [{ name: 'a-b', value: '1' }] }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const serverless = await env.client.send(
      new ExecuteStatementCommand({ WorkgroupName: 'wg-local', Database: 'dev', Sql: 'select 1' }),
    );
    expect(serverless.WorkgroupName).toBe('wg-local');
  });

  test('GetStatementResult on an unfinished or failed statement is a ValidationException', async () => {
    const failed = await runSql(env.client, 'select nope');
    await expect(env.client.send(new GetStatementResultCommand({ Id: failed.Id }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Query has not finished. Current status is FAILED.',
    });
  });
});

describe('faults and counters', () => {
  test('dataApiThrottle: ThrottlingException without retries; the default retry strategy succeeds', async () => {
    const counters = new Counters();
    const server = await startTestServer({ faults: new CountedFaults({ dataApiThrottle: 2 }), counters });
    const noRetry = dataApiClient(server.endpoint, { maxAttempts: 1 });
    const retrying = dataApiClient(server.endpoint);
    try {
      const error = await noRetry
        .send(new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 1' }))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
      expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);

      const ok = await retrying.send(
        new ExecuteStatementCommand({ ...CONNECTION, Sql: 'select 1', WaitTimeSeconds: 10 }),
      );
      expect(ok.Status).toBe('FINISHED');
      expect(ok.$metadata.attempts).toBe(2);
      expect(counters.get('dataApi.calls')).toBe(3);
      expect(counters.get('dataApi.statements')).toBe(1);
    } finally {
      noRetry.destroy();
      retrying.destroy();
      await server.stop();
    }
  });

  test('statementTransientFailure: the statement FAILS with the transient error and nothing is applied', async () => {
    const server = await startTestServer({ faults: new CountedFaults({ statementTransientFailure: 1 }) });
    const client = dataApiClient(server.endpoint);
    try {
      const failed = await runSql(client, 'create table t (a int)');
      expect(failed).toMatchObject({ Status: 'FAILED', Error: TRANSIENT_FAILURE_ERROR });
      const tables = await queryRows(client, "select count(*) as n from pg_tables where tablename = 't'");
      expect(tables.Records![0][0].longValue).toBe(0);
      await runAll(client, 'create table t (a int)'); // the retry succeeds
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
