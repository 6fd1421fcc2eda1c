import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
} from '@aws-sdk/client-redshift-data';
import { CONNECTION, dataApiClient, queryRows, runAll, startTestServer, waitFor } from './support';

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
