/**
 * A crash of the warehouse thread does not take the Data API down: the statement in flight
 * ends FAILED with an error that says what happened, the database reopens (committed data
 * kept), and the next statement runs.
 */
import { ExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
import {
  CONNECTION,
  dataApiClient,
  queryRows,
  runAll,
  startTestServer,
  waitFor,
  waitForStatus,
} from '../data-api/support';

test('a killed warehouse thread fails the running statement clearly; the next one succeeds', async () => {
  const server = await startTestServer();
  const client = dataApiClient(server.endpoint);
  try {
    await runAll(client, 'create table survivors (id int)', 'insert into survivors values (1)');
    const { Id } = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into survivors values (2); select pg_sleep(60)' }),
    );
    await waitForStatus(client, Id as string, 'STARTED');
    await server.engine.thread.kill();

    const done = await waitFor(client, Id as string);
    expect(done.Status).toBe('FAILED');
    expect(done.Error).toMatch(
      /^ERROR: the warehouse worker stopped unexpectedly \(.*\): the statement was rolled back/,
    );

    expect((await queryRows(client, 'select id from survivors order by id')).Records).toEqual([[{ longValue: 1 }]]);
    expect(await server.engine.execute('select count(*) as n from survivors')).toMatchObject({ rows: [{ n: 1 }] });
  } finally {
    client.destroy();
    await server.stop();
  }
});
