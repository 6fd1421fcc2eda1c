/**
 * Database sessions of the Data API: every call is its own session (SET, temporary tables and
 * search_path end with it); SessionKeepAliveSeconds keeps one, SessionId reuses it until it
 * expires; a session runs one statement at a time.
 */
import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  ListSessionsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { DataApiServer } from '../../../local/data-api';
import { clientAs, resolveTestCaller } from './identities';
import { startTestServer, waitFor } from './support';

const WORKGROUP = { WorkgroupName: 'local', Database: 'dev' };

let server: DataApiServer;
let client: RedshiftDataClient;
let other: RedshiftDataClient;
let clock = Date.now();

beforeAll(async () => {
  server = await startTestServer({ resolveCaller: resolveTestCaller, now: () => clock });
  client = clientAs(server.endpoint, 'AKIDWAREHOUSE1');
  other = clientAs(server.endpoint, 'AKIDSTATEMACHINE');
});
afterAll(async () => {
  client.destroy();
  other.destroy();
  await server.stop();
});

/** Run one statement, wait for it, return its description and first value (if any). */
async function run(input: Partial<ExecuteStatementCommandInput> & { Sql: string }, as = client) {
  const out = await as.send(new ExecuteStatementCommand(input.SessionId ? input : { ...WORKGROUP, ...input }));
  const done = await waitFor(as, out.Id as string);
  const value =
    done.Status === 'FINISHED' && done.HasResultSet
      ? Object.values((await as.send(new GetStatementResultCommand({ Id: out.Id }))).Records?.[0]?.[0] ?? {})[0]
      : undefined;
  return { out, done, value };
}

describe('each call is its own session', () => {
  it('a SET search_path in one call is not seen by the next', async () => {
    await run({ Sql: 'CREATE SCHEMA IF NOT EXISTS other_schema' });
    const set = await run({ Sql: 'SET search_path TO other_schema' });
    expect(set.done.Status).toBe('FINISHED');
    expect((await run({ Sql: 'SHOW search_path' })).value).toBe('public, pg_redshift_sys');
  });

  it('a temporary table of one call does not exist in the next', async () => {
    expect((await run({ Sql: 'CREATE TEMP TABLE scratch AS SELECT 1 AS a' })).done.Status).toBe('FINISHED');
    const next = await run({ Sql: 'SELECT count(*) FROM scratch' });
    expect(next.done.Status).toBe('FAILED');
    expect(next.done.Error).toBe('ERROR: relation "scratch" does not exist');
  });

  it('a SET inside a batch holds for the rest of that batch only', async () => {
    const { Id } = await client.send(
      new BatchExecuteStatementCommand({ ...WORKGROUP, Sqls: ['SET datestyle TO SQL, DMY', 'SHOW datestyle'] }),
    );
    await waitFor(client, Id as string);
    const shown = await client.send(new GetStatementResultCommand({ Id: `${Id}:2` }));
    expect(shown.Records).toEqual([[{ stringValue: 'SQL, DMY' }]]);
    expect((await run({ Sql: 'SHOW datestyle' })).value).toBe('ISO, MDY');
  });
});

describe('SessionKeepAliveSeconds and SessionId', () => {
  it('a kept session keeps its SETs and temporary tables for its later calls, and only for them', async () => {
    const first = await run({ Sql: 'SET search_path TO other_schema, public', SessionKeepAliveSeconds: 60 });
    const sessionId = first.out.SessionId as string;
    expect(sessionId).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/);
    expect((await client.send(new DescribeStatementCommand({ Id: first.out.Id }))).SessionId).toBe(sessionId);

    await run({ Sql: 'CREATE TEMP TABLE session_scratch (a int DEFAULT 7, b text)', SessionId: sessionId });
    await run({ Sql: "INSERT INTO session_scratch (b) VALUES ('x')", SessionId: sessionId });
    // Another call, outside the session, in between: it sees neither.
    expect((await run({ Sql: 'SHOW search_path' })).value).toBe('public, pg_redshift_sys');
    expect((await run({ Sql: 'SELECT count(*) FROM session_scratch' })).done.Error).toBe(
      'ERROR: relation "session_scratch" does not exist',
    );

    const again = await run({
      Sql: "SELECT current_setting('search_path') || ' ' || a FROM session_scratch",
      SessionId: sessionId,
    });
    expect(again.value).toBe('other_schema, public 7');
    expect(again.out.SessionId).toBe(sessionId);
  });

  it('a call with SessionId and a connection member is refused', async () => {
    const first = await run({ Sql: 'SELECT 1', SessionKeepAliveSeconds: 60 });
    await expect(
      client.send(new ExecuteStatementCommand({ ...WORKGROUP, Sql: 'SELECT 1', SessionId: first.out.SessionId })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('SessionId cannot be specified together with Database, WorkgroupName'),
    });
  });

  it('a session runs one statement at a time: a second call while one runs is refused', async () => {
    // Statements stay SUBMITTED for a while on this server: the first is still in the session when the second comes.
    const slowServer = await startTestServer({ resolveCaller: resolveTestCaller, statementDelayMs: 300 });
    const slowClient = clientAs(slowServer.endpoint, 'AKIDWAREHOUSE1');
    try {
      const first = await slowClient.send(
        new ExecuteStatementCommand({ ...WORKGROUP, Sql: 'SELECT 1', SessionKeepAliveSeconds: 60 }),
      );
      const sessionId = first.SessionId as string;
      await expect(
        slowClient.send(new ExecuteStatementCommand({ Sql: 'SELECT 2', SessionId: sessionId })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: `Session ${sessionId} is busy running statement ${first.Id}: a session runs one SQL statement at a time.`,
      });
      await waitFor(slowClient, first.Id as string);
      const second = await slowClient.send(new ExecuteStatementCommand({ Sql: 'SELECT 2', SessionId: sessionId }));
      expect((await waitFor(slowClient, second.Id as string)).Status).toBe('FINISHED');
    } finally {
      slowClient.destroy();
      await slowServer.stop();
    }
  });

  it('a session expires its keep-alive after its last statement (each statement extends it)', async () => {
    const first = await run({ Sql: 'SET application_name TO kept', SessionKeepAliveSeconds: 30 });
    const sessionId = first.out.SessionId as string;
    clock += 20_000;
    expect((await run({ Sql: 'SHOW application_name', SessionId: sessionId })).value).toBe('kept');
    clock += 20_000; // 40 s after opening, 20 s after the last statement: still alive
    expect((await run({ Sql: 'SHOW application_name', SessionId: sessionId })).value).toBe('kept');
    clock += 31_000;
    await expect(
      client.send(new ExecuteStatementCommand({ Sql: 'SELECT 1', SessionId: sessionId })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Session ${sessionId} does not exist or has expired.`,
    });
  });

  it('a session is closed 24 hours after it opened, whatever its keep-alive', async () => {
    const first = await run({ Sql: 'SELECT 1', SessionKeepAliveSeconds: 86400 });
    const sessionId = first.out.SessionId as string;
    clock += 23 * 3600_000;
    expect((await run({ Sql: 'SELECT 5', SessionId: sessionId })).value).toBe(5);
    clock += 3600_000;
    await expect(
      client.send(new ExecuteStatementCommand({ Sql: 'SELECT 1', SessionId: sessionId })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('another identity cannot use the session', async () => {
    const first = await run({ Sql: 'SELECT 1', SessionKeepAliveSeconds: 60 });
    await expect(
      other.send(new ExecuteStatementCommand({ Sql: 'SELECT 1', SessionId: first.out.SessionId })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('a BatchExecuteStatement can open and use a session too', async () => {
    const opened = await client.send(
      new BatchExecuteStatementCommand({
        ...WORKGROUP,
        Sqls: ['CREATE TEMP TABLE batch_scratch (a int)', 'INSERT INTO batch_scratch VALUES (41)'],
        SessionKeepAliveSeconds: 60,
      }),
    );
    await waitFor(client, opened.Id as string);
    expect((await run({ Sql: 'SELECT a + 1 FROM batch_scratch', SessionId: opened.SessionId })).value).toBe(42);
  });

  it("ListSessions lists the caller's open sessions with their user, status and keep-alive, closed ones on request", async () => {
    const first = await run({ Sql: 'SELECT 1', SessionKeepAliveSeconds: 120 });
    const sessionId = first.out.SessionId as string;
    const listed = await client.send(new ListSessionsCommand({ SessionId: sessionId }));
    expect(listed.Sessions).toEqual([
      expect.objectContaining({
        SessionId: sessionId,
        Status: 'AVAILABLE',
        Database: 'dev',
        DbUser: 'iamr:ingest-warehouse',
        WorkgroupName: 'local',
        SessionAliveSeconds: 120,
      }),
    ]);
    expect((await other.send(new ListSessionsCommand({}))).Sessions?.map((x) => x.SessionId)).not.toContain(sessionId);
    clock += 121_000;
    const open = await client.send(new ListSessionsCommand({}));
    expect(open.Sessions?.map((x) => x.SessionId)).not.toContain(sessionId);
    const closed = await client.send(new ListSessionsCommand({ Status: 'CLOSED' }));
    expect(closed.Sessions?.find((x) => x.SessionId === sessionId)?.Status).toBe('CLOSED');
  });

  it('SessionKeepAliveSeconds beyond 24 hours is refused', async () => {
    await expect(
      client.send(new ExecuteStatementCommand({ ...WORKGROUP, Sql: 'SELECT 1', SessionKeepAliveSeconds: 86401 })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'SessionKeepAliveSeconds must be an integer between 0 and 86400.',
    });
  });
});
