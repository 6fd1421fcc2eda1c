import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
} from '@aws-sdk/client-redshift-data';
import { CONNECTION, dataApiClient, queryRows, runAll, startTestServer, waitFor, waitForStatus } from './support';

/** A network peer that accepts connections and never answers: a COPY reading from it stays STARTED. */
async function startSilentPeer(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('CancelStatement on a running COPY interrupts it: ABORTED, rolled back, the queue moves on', async () => {
  const peer = await startSilentPeer();
  const server = await startTestServer({ s3: { endpoint: peer.endpoint } });
  const client = dataApiClient(server.endpoint);
  try {
    await runAll(client, 'create table staged (id int)');
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        ...CONNECTION,
        Sql: "insert into staged values (1); COPY staged FROM 's3://ingest/log_data/' IAM_ROLE default FORMAT AS JSON 'auto'",
      }),
    );
    let status: string | undefined;
    for (let k = 0; k < 500 && status !== 'STARTED'; k++) {
      status = (await client.send(new DescribeStatementCommand({ Id }))).Status;
      if (status !== 'STARTED') await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe('STARTED');
    // Another statement submitted now waits behind the running COPY (one FIFO queue).
    const next = await client.send(
      new ExecuteStatementCommand({ ...CONNECTION, Sql: 'insert into staged values (2)' }),
    );
    expect((await client.send(new DescribeStatementCommand({ Id: next.Id }))).Status).toBe('SUBMITTED');

    expect((await client.send(new CancelStatementCommand({ Id }))).Status).toBe(true);
    const done = await waitFor(client, Id!);
    expect(done.Status).toBe('ABORTED');
    expect(done.Error).toBeUndefined();
    expect((await waitFor(client, next.Id!)).Status).toBe('FINISHED');
    const rows = await queryRows(client, 'select id from staged order by id');
    expect(rows.Records).toEqual([[{ longValue: 2 }]]);
  } finally {
    client.destroy();
    await server.stop();
    await peer.stop();
  }
});

/**
 * CancelStatement on a batch whose second statement is running SQL (pg_sleep): the thread
 * running it is stopped, the batch's transaction is rolled back, and the warehouse reopens
 * with everything committed before, on a folder and "in memory" (a temporary folder) alike.
 */
describe.each([
  ['a folder data dir', true],
  ['the in-memory warehouse', false],
])('CancelStatement on a running batch (%s)', (_name, onFolder) => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  test('ends ABORTED, none of its rows visible, committed data kept, the engine serves on', async () => {
    const dataDir = onFolder ? mkdtempSync(join(tmpdir(), 'ri-cancel-')) : undefined;
    if (dataDir) made.push(dataDir);
    const server = await startTestServer({ dataDir });
    const client = dataApiClient(server.endpoint);
    try {
      await runAll(client, 'create table kept (id int)', 'insert into kept values (0)');
      const { Id } = await client.send(
        new BatchExecuteStatementCommand({
          ...CONNECTION,
          Sqls: ['insert into kept values (1), (2)', 'select pg_sleep(60)'],
        }),
      );
      await waitForStatus(client, Id as string, 'STARTED', { sub: 1 });
      expect((await client.send(new CancelStatementCommand({ Id }))).Status).toBe(true);

      const done = await waitFor(client, Id as string);
      expect(done.Status).toBe('ABORTED');
      expect(done.SubStatements?.[1]?.Status).toBe('ABORTED');
      expect((await queryRows(client, 'select id from kept order by id')).Records).toEqual([[{ longValue: 0 }]]);

      await runAll(client, 'insert into kept values (3)');
      expect((await queryRows(client, 'select id from kept order by id')).Records).toEqual([
        [{ longValue: 0 }],
        [{ longValue: 3 }],
      ]);
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
